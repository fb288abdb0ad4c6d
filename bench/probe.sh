#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# "Probe": verbscope-cli probe of the default verb set against a local nginx, next to curl -Z
# sending the same 18 requests (same methods, same targets) in one process. Median and min–max
# of several runs (hyperfine) and the ratio to curl, in one run.
#   bench/probe.sh [RUNS]      (default 20; needs a built verbscope-cli, see $CLI)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${1:-20}
CLI=${CLI:-$ROOT/build/dev/app/verbscope-cli}
OUT=$ROOT/bench/out/probe
[ -x "$CLI" ] || { echo "no verbscope-cli at $CLI (build first, or set CLI=)" >&2; exit 2; }
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
command -v hyperfine >/dev/null || "${sudo[@]}" apt-get install -y --no-install-recommends hyperfine

rm -rf "$OUT" && mkdir -p "$OUT/www" "$OUT/tmp"
echo '<h1>probe target</h1>' > "$OUT/www/index.html"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$OUT/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $OUT/tmp; proxy_temp_path $OUT/tmp; fastcgi_temp_path $OUT/tmp;
    uwsgi_temp_path $OUT/tmp; scgi_temp_path $OUT/tmp;
    server { listen 127.0.0.1:$PORT; root $OUT/www; }
}
CONF
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
"$NGINX" -p "$OUT" -c "$OUT/nginx.conf" &
NGINX_PID=$!
trap 'kill $NGINX_PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done

URL=http://127.0.0.1:$PORT/index.html
# The same requests the probe sends: its JSON names each method and target.
"$CLI" probe --json "$URL" > "$OUT/probe.json"
python3 - "$OUT/probe.json" > "$OUT/curl.args" <<'PY'
import json, sys
cells = json.load(open(sys.argv[1]))["servers"][0]["results"]
args = []
for i, c in enumerate(cells):
    if i:
        args.append("--next")
    method = ["-I"] if c["method"] == "HEAD" else ["-X", c["method"]]  # -X HEAD would wait for a body
    args += ["-s", "-o", "/dev/null"] + method + [c["target"]]
print("\n".join(args))
PY
mapfile -t CURL_ARGS < "$OUT/curl.args"
printf -v CURL_CMD '%q ' curl -Z --parallel-max 4 "${CURL_ARGS[@]}"

hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/hyperfine.json" \
    -n "curl -Z (18 requests)" "$CURL_CMD" \
    -n "verbscope-cli probe" "$CLI probe --json $URL" >&2

python3 - "$OUT/hyperfine.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
print("| client | median ms | min–max ms | × curl |")
print("|---|---|---|---|")
for x in r:
    print(f"| {x['command']} | {x['median']*1000:.1f} | {x['min']*1000:.1f}–{x['max']*1000:.1f} | {x['median']/base:.2f} |")
PY
