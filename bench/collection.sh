#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "200 sequential requests": verbscope-cli run of a 200-request .http file against a local nginx,
# next to curl fetching the same 200 URLs in one process, and newman, bru and httpyac running the
# equivalent collection. Median and min–max of several runs (hyperfine) and the ratio to curl.
#   bench/collection.sh [RUNS]       (default 10; needs a built verbscope-cli, see $CLI)
# Tools come from Debian (nginx, hyperfine, node) and npm (installed into bench/out/npm).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-10}
CLI=${CLI:-$ROOT/build/dev/app/verbscope-cli}
OUT=$ROOT/bench/out/run-collection
NPM=$ROOT/bench/out/npm
N=200

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
[ -x "$CLI" ] || { echo "no verbscope-cli at $CLI (build first, or set CLI=)" >&2; exit 2; }
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
command -v hyperfine >/dev/null || { log "installing hyperfine"; "${sudo[@]}" apt-get install -y --no-install-recommends hyperfine; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing (scripts/dev deps)" >&2; exit 2; }
if [ ! -x "$NPM/node_modules/.bin/newman" ] || [ ! -x "$NPM/node_modules/.bin/bru" ] || [ ! -x "$NPM/node_modules/.bin/httpyac" ]; then
    log "installing newman, bru and httpyac into $NPM"
    npm install --prefix "$NPM" --no-audit --no-fund --loglevel=error newman @usebruno/cli httpyac@6 >&2
fi

rm -rf "$OUT" && mkdir -p "$OUT/www" "$OUT/bruno" "$OUT/logs"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$OUT/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/logs/error.log;
events { worker_connections 256; }
http {
    access_log $OUT/logs/access.log;
    keepalive_requests 10000;
    client_body_temp_path $OUT/logs;
    proxy_temp_path $OUT/logs;
    fastcgi_temp_path $OUT/logs;
    uwsgi_temp_path $OUT/logs;
    scgi_temp_path $OUT/logs;
    server {
        listen 127.0.0.1:$PORT;
        location / { default_type text/plain; return 200 "ok\n"; }
    }
}
CONF
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
"$NGINX" -p "$OUT" -c "$OUT/nginx.conf" &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

log "writing the $N-request collection in four formats"
BASE=http://127.0.0.1:$PORT
CURL_ARGS=()
{
    for i in $(seq $N); do
        printf '### r%d\nGET %s/item/%d\n\n' "$i" "$BASE" "$i"
        CURL_ARGS+=(-o /dev/null "$BASE/item/$i")
    done
} > "$OUT/bench.http"
printf '%s\n' "${CURL_ARGS[@]}" > "$OUT/curl-args.txt"
"$CLI" export "$OUT/bench.http" --to postman -o "$OUT/postman.json" 2>/dev/null
printf '{"version": "1", "name": "bench", "type": "collection"}\n' > "$OUT/bruno/bruno.json"
for i in $(seq $N); do
    printf 'meta {\n  name: r%d\n  type: http\n  seq: %d\n}\n\nget {\n  url: %s/item/%d\n  body: none\n  auth: none\n}\n' \
        "$i" "$i" "$BASE" "$i" > "$OUT/bruno/r$(printf '%03d' "$i").bru"
done

# Every tool must send all 200 requests (counted in nginx's access log) before it is timed.
sent() { wc -l < "$OUT/logs/access.log"; }
check() {
    local name=$1 before after
    shift
    before=$(sent)
    "$@" >/dev/null
    after=$(sent)
    [ $((after - before)) -eq $N ] || { echo "$name sent $((after - before)) requests, not $N" >&2; exit 1; }
}
check verbscope-cli "$CLI" run "$OUT/bench.http"
check curl bash -c "curl -s $(tr '\n' ' ' < "$OUT/curl-args.txt")"
check httpyac bash -c "cd $OUT && $NPM/node_modules/.bin/httpyac send bench.http --all -o none"
check newman "$NPM/node_modules/.bin/newman" run "$OUT/postman.json" --silent
check bru bash -c "cd $OUT/bruno && $NPM/node_modules/.bin/bru run"

log "timing ($RUNS runs each)"
hyperfine --warmup 2 --runs "$RUNS" --export-json "$OUT/hyperfine.json" -N \
    -n curl "curl -s $(tr '\n' ' ' < "$OUT/curl-args.txt")" \
    -n verbscope-cli "$CLI run $OUT/bench.http" \
    -n httpyac "bash -c 'cd $OUT && $NPM/node_modules/.bin/httpyac send bench.http --all -o none'" \
    -n newman "$NPM/node_modules/.bin/newman run $OUT/postman.json --silent" \
    -n bru "bash -c 'cd $OUT/bruno && $NPM/node_modules/.bin/bru run'" >&2

python3 - "$OUT/hyperfine.json" <<'PY'
import json, platform, statistics, subprocess, sys, datetime
results = json.load(open(sys.argv[1]))["results"]
by = {r["command"]: r for r in results}
curl = statistics.median(by["curl"]["times"])
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
print(f"Machine: {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
      f"{platform.system()} {platform.release()}; {datetime.date.today().isoformat()}; {len(by['curl']['times'])} runs each.\n")
print("| tool | median | min – max | × curl |")
print("|---|---:|---:|---:|")
for name in ["curl", "verbscope-cli", "httpyac", "newman", "bru"]:
    t = by[name]["times"]
    m = statistics.median(t)
    print(f"| {name} | {m*1000:.0f} ms | {min(t)*1000:.0f} – {max(t)*1000:.0f} ms | {m/curl:.2f} |")
PY
