# SPDX-License-Identifier: GPL-3.0-or-later
"""The measuring half of bench/run (which installs and builds first; run that, not this).

Starts nginx with a generated config on free loopback ports (plain and TLS), generates the data in
the scratch folder, runs every case several times with the tools interleaved (so load from other
processes hits all of them alike), and prints a Markdown report. Wall time comes from
time.perf_counter around the child, peak RSS from wait4()'s ru_maxrss (the largest of the child and
the descendants it waited for)."""

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

MiB = 1024 * 1024


def log(msg):
    print(f"\033[1m==> {msg}\033[0m", file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def free_ports(n):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Run:
    def __init__(self, wall, rss_kib, code):
        self.wall = wall
        self.rss_kib = rss_kib
        self.code = code


TIME_OUT = os.path.join("/tmp", f"verbscope-bench-time-{os.getpid()}.txt")


def run_once(argv, cwd=None, env=None, stdout=None, stderr_path=None, t0_env=None):
    """Runs argv, returns wall seconds, peak RSS in KiB and the exit code. The peak RSS comes from
    GNU time (%M): a child forked by Python itself would report Python's RSS as its own minimum,
    since Linux carries the high-water mark across exec."""
    env = dict(env or os.environ)
    out = open(stdout or os.devnull, "wb")
    err = open(stderr_path or os.devnull, "wb")
    try:
        if t0_env:
            env[t0_env] = str(time.time_ns())
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-q", "-f", "%M", "-o", TIME_OUT] + argv, cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        wall = time.perf_counter() - t0
    finally:
        out.close()
        err.close()
    with open(TIME_OUT) as f:
        rss = int(f.read().split()[-1])
    return Run(wall, rss, p.returncode)


class Bench:
    def __init__(self, a):
        self.a = a
        self.root = a.root
        self.scratch = a.scratch
        self.cli = os.path.join(a.build, "app", "verbscope-cli")
        self.desktop = os.path.join(a.build, "bench", "desktop", "bench_desktop")
        self.history = os.path.join(a.build, "bench", "history", "bench_history")
        self.reps = a.reps
        self.quick = a.quick
        self.only = set(filter(None, a.only.split(","))) if a.only else None
        self.sections = []  # (title, markdown)
        self.targets = []  # (target, measured, met)
        self.results = {}
        # Isolated settings, history and tabs: nothing of the user's is read or written.
        home = os.path.join(self.scratch, "home")
        self.env = dict(os.environ)
        self.env.update({
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "VERBSCOPE_DATA_DIR": os.path.join(home, "data", "verbscope"),
            "NO_COLOR": "1",
            "LC_ALL": "C.UTF-8",
        })
        self.nginx = None

    def wanted(self, case):
        return self.only is None or case in self.only

    # ---- setup ---------------------------------------------------------------------------------
    def generate(self):
        www = os.path.join(self.scratch, "www")
        os.makedirs(www, exist_ok=True)
        small = json.dumps({"id": 1, "name": "small", "ok": True, "tags": ["a", "b"], "value": 42.5}) + "\n"
        with open(os.path.join(www, "small.json"), "w") as f:
            f.write(small)
        with open(os.path.join(www, "index.html"), "w") as f:
            f.write("<h1>probe target</h1>\n")
        sizes = {"200m.bin": 200 * 1000 * 1000, "large.json": 100 * 1000 * 1000}
        if not self.quick:
            sizes["1g.bin"] = 1024 * MiB
        for name, size in sizes.items():
            path = os.path.join(www, name)
            if os.path.exists(path) and os.path.getsize(path) == size:
                continue
            log(f"generating {name} ({size // MiB} MiB)")
            if name.endswith(".json"):
                self.write_json(path, size)
            else:
                chunk = os.urandom(MiB)
                with open(path, "wb") as f:
                    left = size
                    while left > 0:
                        f.write(chunk[: min(left, MiB)])
                        left -= min(left, MiB)
        self.www = www

    @staticmethod
    def write_json(path, size):
        # An array of records, pretty-printed like an API's answer, padded to exactly `size` bytes.
        rec = ('  {"id": %d, "name": "item %d", "email": "user%d@example.test", "active": true, '
               '"score": %d.25, "tags": ["alpha", "beta", "gamma"], "address": {"street": "%d Main St", '
               '"city": "Springfield", "zip": "%05d"}}')
        with open(path, "w") as f:
            f.write("[\n")
            written, i = 2, 0
            while True:
                r = rec % (i, i, i, i % 1000, i, i % 100000)
                if written + len(r) + 2 + 3 > size:
                    break
                f.write(r + ",\n")
                written += len(r) + 2
                i += 1
            last = '  {"end": true}'
            pad = size - written - len(last) - 3
            f.write(last + " " * pad + "\n]\n")

    def start_nginx(self):
        d = os.path.join(self.scratch, "nginx")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(os.path.join(d, "tmp"))
        cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.port, self.tls_port = free_ports(2)
        self.access_log = os.path.join(d, "access.log")
        conf = f"""daemon off;
master_process off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log {self.access_log};
    keepalive_requests 100000;
    sendfile on;
    tcp_nopush on;
    types {{ application/json json; text/html html; application/octet-stream bin; }}
    client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp; fastcgi_temp_path {d}/tmp;
    uwsgi_temp_path {d}/tmp; scgi_temp_path {d}/tmp;
    server {{
        listen 127.0.0.1:{self.port};
        listen 127.0.0.1:{self.tls_port} ssl;
        ssl_certificate {cert};
        ssl_certificate_key {key};
        root {self.www};
        location /item/ {{ try_files /small.json =404; }}
    }}
}}
"""
        with open(os.path.join(d, "nginx.conf"), "w") as f:
            f.write(conf)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.nginx = subprocess.Popen([nginx, "-p", d, "-c", os.path.join(d, "nginx.conf")],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        self.tls_base = f"https://127.0.0.1:{self.tls_port}"
        for _ in range(100):
            if subprocess.run(["curl", "-q", "-s", "-k", "-o", os.devnull, f"{self.tls_base}/small.json"]).returncode == 0:
                return
            time.sleep(0.1)
        raise SystemExit("nginx did not start (see " + d + "/error.log)")

    def stop_nginx(self):
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGTERM)
            self.nginx.wait(timeout=10)

    def requests_logged(self):
        if self.nginx is None:
            return 0  # a case without a server (import)
        with open(self.access_log, "rb") as f:
            return f.read().count(b"\n")

    # ---- measuring -----------------------------------------------------------------------------
    def measure(self, name, tools, reps=None, expect_requests=None, check=None):
        """tools: list of (label, argv, opts). Runs each once untimed (checked), then `reps` rounds
        with the tools interleaved. Returns {label: [Run]}."""
        reps = reps or self.reps
        errdir = os.path.join(self.scratch, "stderr")
        os.makedirs(errdir, exist_ok=True)
        sent = {}
        for label, argv, opts in tools:
            if opts.get("slow"):
                continue  # checked on its first timed run instead (HTTPie: a minute a round)
            before = self.requests_logged()
            errf = os.path.join(errdir, f"{name}-{label.split()[0]}.txt")
            r = run_once(argv, cwd=opts.get("cwd"), env=self.env, stderr_path=errf)
            if r.code not in opts.get("codes", (0,)):
                raise SystemExit(f"{name}: {label} exited {r.code}: {argv[:6]}… (stderr in {errf})")
            n = self.requests_logged() - before
            sent[label] = n
            want = opts.get("requests", expect_requests)
            if want is not None and n != want:
                raise SystemExit(f"{name}: {label} sent {n} requests, not {want}")
            if check:
                check(label)
        runs = {label: [] for label, _, _ in tools}
        for rep in range(reps):
            for label, argv, opts in tools:
                if rep >= opts.get("reps", reps):
                    continue
                before = self.requests_logged()
                r = run_once(argv, cwd=opts.get("cwd"), env=self.env)
                if r.code not in opts.get("codes", (0,)):
                    raise SystemExit(f"{name}: {label} exited {r.code} in round {rep + 1}")
                if opts.get("slow") and rep == 0:
                    sent[label] = self.requests_logged() - before
                    want = opts.get("requests", expect_requests)
                    if want is not None and sent[label] != want:
                        raise SystemExit(f"{name}: {label} sent {sent[label]} requests, not {want}")
                if check:
                    check(label)
                runs[label].append(r)
        self.results[name] = {label: {"wall_s": [r.wall for r in rs], "rss_kib": [r.rss_kib for r in rs],
                                      "requests": sent[label]} for label, rs in runs.items()}
        return runs, sent

    @staticmethod
    def ms(v):
        return f"{v * 1000:.0f}" if v >= 0.1 else f"{v * 1000:.1f}"

    def table(self, title, runs, sent, base="curl", note=""):
        bmed = statistics.median(r.wall for r in runs[base])
        lines = [f"| tool | runs | requests | median ms | min – max ms | × {base.split()[0]} | peak RSS MiB (median) |",
                 "|---|---:|---:|---:|---:|---:|---:|"]
        for label, rs in runs.items():
            walls = [r.wall for r in rs]
            med = statistics.median(walls)
            rss = statistics.median(r.rss_kib for r in rs) / 1024
            lines.append(f"| {label} | {len(rs)} | {sent[label]} | {self.ms(med)} | {self.ms(min(walls))} – "
                         f"{self.ms(max(walls))} | {med / bmed:.2f} | {rss:.1f} |")
        text = "\n".join(lines) + ("\n\n" + note if note else "")
        self.sections.append((title, text))
        print(f"\n### {title}\n\n{text}\n", flush=True)

    def ratio(self, runs, label, base="curl"):
        return statistics.median(r.wall for r in runs[label]) / statistics.median(r.wall for r in runs[base])

    def target(self, what, measured, met):
        self.targets.append((what, measured, met))

    # ---- cases ---------------------------------------------------------------------------------
    def case_send(self):
        url = f"{self.base}/small.json"
        tools = [("curl", ["curl", "-q", "-s", url], {}),
                 ("verbscope-cli send", [self.cli, "send", url], {})]
        runs, sent = self.measure("send", tools, reps=self.reps * 4, expect_requests=1)
        self.table("One request (`send`, small JSON)", runs, sent,
                   note=f"{self.reps * 4} runs each. `send` records into the history, as it does by default.")
        r = self.ratio(runs, "verbscope-cli send")
        self.target("send ≤ 1.2× curl", f"{r:.2f}×", r <= 1.2)

    def write_collection(self, n=200):
        d = os.path.join(self.scratch, "collection")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(os.path.join(d, "bruno"))
        urls = [f"{self.base}/item/{i}" for i in range(1, n + 1)]
        with open(os.path.join(d, "bench.http"), "w") as f:
            for i, u in enumerate(urls, 1):
                f.write(f"### r{i}\nGET {u}\n\n")
        with open(os.path.join(d, "urls.txt"), "w") as f:
            f.write("\n".join(urls) + "\n")
        subprocess.run([self.cli, "export", os.path.join(d, "bench.http"), "--to", "postman", "-o",
                        os.path.join(d, "postman.json")], check=True, env=self.env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(os.path.join(d, "bruno", "bruno.json"), "w") as f:
            f.write('{"version": "1", "name": "bench", "type": "collection"}\n')
        for i, u in enumerate(urls, 1):
            with open(os.path.join(d, "bruno", f"r{i:03d}.bru"), "w") as f:
                f.write(f"meta {{\n  name: r{i}\n  type: http\n  seq: {i}\n}}\n\nget {{\n  url: {u}\n"
                        "  body: none\n  auth: none\n}\n")
        self.coll = d
        self.urls = urls
        return d, urls

    def case_run(self):
        d, urls = self.coll, self.urls
        curl = ["curl", "-q", "-s"]
        for u in urls:
            curl += ["-o", os.devnull, u]
        bin_ = os.path.join(self.a.npm, "node_modules", ".bin")
        httpie = ["bash", "-c", 'while read -r u; do http --ignore-stdin --print=b GET "$u" >/dev/null; done < urls.txt']
        tools = [("curl", curl, {}),
                 ("verbscope-cli run", [self.cli, "run", "bench.http"], {"cwd": d}),
                 ("httpie (200 processes)", httpie, {"cwd": d, "slow": True, "reps": 1 if self.quick else 2}),
                 ("httpyac", [os.path.join(bin_, "httpyac"), "send", "bench.http", "--all", "-o", "none"], {"cwd": d}),
                 ("newman", [os.path.join(bin_, "newman"), "run", "postman.json", "--silent"], {"cwd": d}),
                 ("bru", [os.path.join(bin_, "bru"), "run"], {"cwd": os.path.join(d, "bruno")})]
        if self.a.no_httpie:
            tools = [t for t in tools if not t[0].startswith("httpie")]
        runs, sent = self.measure("run200", tools, expect_requests=200)
        self.table("200 sequential requests (`run` of a .http file)", runs, sent,
                   note="curl: the 200 URLs in one process (one kept-alive connection). HTTPie sends one request "
                        "per process, so it runs 200 times in a shell loop (fewer rounds and no warm-up: a round takes a minute "
                        "or more). "
                        "newman runs the collection exported by `verbscope-cli export --to postman`, bru 200 "
                        "equivalent .bru files, httpyac the same .http file.")
        r = self.ratio(runs, "verbscope-cli run")
        self.target("200 sequential ≤ 1.5× curl", f"{r:.2f}×", r <= 1.5)
        vs = statistics.median(x.wall for x in runs["verbscope-cli run"])
        for tool in ("newman", "bru", "httpyac"):
            f = statistics.median(x.wall for x in runs[tool]) / vs
            self.target(f"≥ 10× faster than {tool} (200 requests)", f"{f:.0f}× faster", f >= 10)

    def write_tested_collection(self):
        """200 requests, each with one `??` assertion and one JetBrains handler with a client.test; the
        same tests for newman as a Postman collection (two pm.test per request, one per check)."""
        d = os.path.join(self.scratch, "tested")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        with open(os.path.join(d, "tests.http"), "w") as f:
            for i, u in enumerate(self.urls, 1):
                f.write(f"### r{i}\nGET {u}\n\n?? status == 200\n> {{%\nclient.test(\"ok {i}\", function() {{\n"
                        f"  client.assert(response.status === 200, \"status\");\n}});\n%}}\n\n")
        items = []
        for i, u in enumerate(self.urls, 1):
            script = ["pm.test(\"status == 200\", function () { pm.response.to.have.status(200); });",
                      f"pm.test(\"ok {i}\", function () {{ pm.expect(pm.response.code).to.equal(200); }});"]
            items.append({"name": f"r{i}", "request": {"method": "GET", "url": u},
                          "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": script}}]})
        with open(os.path.join(d, "postman.json"), "w") as f:
            json.dump({"info": {"name": "tested", "schema":
                                "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                       "item": items}, f)
        return d

    def case_tests(self):
        d = self.write_tested_collection()
        curl = ["curl", "-q", "-s"]
        for u in self.urls:
            curl += ["-o", os.devnull, u]
        bin_ = os.path.join(self.a.npm, "node_modules", ".bin")

        tools = [("curl", curl, {}),
                 ("verbscope-cli run --fail", [self.cli, "run", "--fail", "tests.http"], {"cwd": d}),
                 ("httpyac", [os.path.join(bin_, "httpyac"), "send", "tests.http", "--all", "-o", "none",
                              "--bail"], {"cwd": d}),
                 ("newman", [os.path.join(bin_, "newman"), "run", "postman.json", "--silent"], {"cwd": d})]
        runs, sent = self.measure("tests200", tools, expect_requests=200)
        for label, rs in runs.items():
            bad = [r.code for r in rs if r.code != 0]
            if bad:
                raise SystemExit(f"bench/run: {label} failed its tests (exit {bad[0]}) in the tests case")
        self.table("200 requests with tests (one `??` and one `client.test` each)", runs, sent,
                   note="The same file for VerbScope and httpyac (`?? status == 200` and a JetBrains handler "
                        "`> {% client.test(...) %}` per request); newman runs a Postman collection with the "
                        "equivalent two `pm.test` per request. curl sends the 200 URLs and checks nothing. Every "
                        "tool must exit 0 (all tests passed) or the case stops.")
        r = self.ratio(runs, "verbscope-cli run --fail")
        self.target("200 tested requests ≤ 2× curl", f"{r:.2f}×", r <= 2)
        vs = statistics.median(x.wall for x in runs["verbscope-cli run --fail"])
        for tool in ("httpyac", "newman"):
            f = statistics.median(x.wall for x in runs[tool]) / vs
            self.target(f"≥ 30× faster than {tool} (200 tested requests)", f"{f:.0f}× faster", f >= 30)

    def case_parallel(self):
        d, urls = self.coll, self.urls
        curl = ["curl", "-q", "-s", "-Z", "--parallel-max", "6"]
        for u in urls:
            curl += ["-o", os.devnull, u]
        tools = [("curl", curl, {}),
                 ("verbscope-cli run --parallel 6", [self.cli, "run", "--parallel", "6", "bench.http"], {"cwd": d})]
        runs, sent = self.measure("parallel6", tools, reps=self.reps * 2, expect_requests=200)
        self.table("200 requests at concurrency 6", runs, sent,
                   note="curl: `curl -Z --parallel-max 6` with the 200 URLs.")
        r = self.ratio(runs, "verbscope-cli run --parallel 6")
        self.target("concurrency 6 ≤ 1.5× curl", f"{r:.2f}×", r <= 1.5)

    def case_probe(self):
        url = f"{self.base}/index.html"
        out = subprocess.run([self.cli, "probe", "--json", "--no-history", url], env=self.env,
                             capture_output=True)
        cells = json.loads(out.stdout)["servers"][0]["results"]
        curl = ["curl", "-q", "-Z", "--parallel-max", "4"]
        for i, c in enumerate(cells):
            if i:
                curl.append("--next")
            method = ["-I"] if c["method"] == "HEAD" else ["-X", c["method"]]  # -X HEAD waits for a body
            curl += ["-s", "-o", os.devnull] + method + [c["target"]]
        codes = tuple(range(0, 8))  # the probe's exit code tells what it found, not a failure
        tools = [("curl", curl, {}), ("verbscope-cli probe", [self.cli, "probe", url], {"codes": codes})]
        runs, sent = self.measure("probe", tools, reps=self.reps * 2)
        self.table("Probe of the default verb set", runs, sent,
                   note=f"curl: one `curl -Z --parallel-max 4` process sending the {len(cells)} requests the probe's "
                        "JSON lists (same methods, same targets); the probe uses 4 connections per host and "
                        "records into the history, as by default.")
        r = self.ratio(runs, "verbscope-cli probe")
        self.target("probe ≤ 2× curl", f"{r:.2f}×", r <= 2.0)

    def case_download(self):
        name = "200m.bin" if self.quick else "1g.bin"
        size = os.path.getsize(os.path.join(self.www, name))
        dest = os.path.join(self.scratch, "download.out")

        def check(label):
            got = os.path.getsize(dest) if os.path.exists(dest) else -1
            if got != size:
                raise SystemExit(f"download: {label} wrote {got} bytes, not {size}")
            os.remove(dest)

        label_size = "200 MB" if self.quick else "1 GiB"
        for scheme, base in (("http", self.base), ("https", self.tls_base)):
            url = f"{base}/{name}"
            tools = [("curl -o", ["curl", "-q", "-s", "-k", "-o", dest, url], {}),
                     ("verbscope-cli send -o", [self.cli, "send", "-k", "-o", dest, url], {})]
            runs, sent = self.measure(f"download-{scheme}", tools, expect_requests=1, check=check)
            self.table(f"{label_size} download to a file ({scheme})", runs, sent, base="curl -o",
                       note="Both with -k (self-signed certificate) and the file written to the scratch folder."
                       if scheme == "https" else "")
            r = self.ratio(runs, "verbscope-cli send -o", base="curl -o")
            rss = max(x.rss_kib for x in runs["verbscope-cli send -o"]) / 1024
            self.target(f"{label_size} download ({scheme}) ≤ 1.0× curl", f"{r:.2f}×", r <= 1.0)
            self.target(f"{label_size} download ({scheme}) peak RSS ≤ 32 MiB", f"{rss:.1f} MiB (max)", rss <= 32)

    def case_desktop(self):
        env = dict(self.env)
        env["QT_QPA_PLATFORM"] = "offscreen"
        data = env["VERBSCOPE_DATA_DIR"]
        os.makedirs(data, exist_ok=True)
        tabs = os.path.join(data, "tabs.json")
        with open(tabs, "w") as f:
            f.write("{}\n")  # a returning user with no saved tabs: no first-run demo

        def parse(text):
            return {k: float(v) for k, _, v in (l.partition("=") for l in text.splitlines()) if v}

        def run_desktop(args, t0=False):
            out = os.path.join(self.scratch, "desktop.out")
            r = run_once([self.desktop] + args, env=env, stdout=out,
                         stderr_path=os.path.join(self.scratch, "desktop.err"),
                         t0_env="VERBSCOPE_BENCH_T0" if t0 else None)
            if r.code != 0:
                raise SystemExit(f"bench_desktop {args[0]} exited {r.code} (see {self.scratch}/desktop.err)")
            with open(out) as f:
                return parse(f.read())

        run_desktop(["startup"], t0=True)  # warm-up: page cache, fontconfig cache
        starts = [run_desktop(["startup"], t0=True) for _ in range(self.reps)]
        url = f"{self.base}/large.json"
        large = []
        for _ in range(max(3, self.reps // 2 + 1)):
            r = run_desktop(["large", url])
            if int(r.get("status", 0)) != 200 or int(r.get("body_bytes", 0)) != 100 * 1000 * 1000:
                raise SystemExit(f"bench_desktop large: unexpected answer {r}")
            large.append(r)

        def row(name, vals, unit, fmt="{:.0f}"):
            return (f"| {name} | {len(vals)} | {fmt.format(statistics.median(vals))} {unit} | "
                    f"{fmt.format(min(vals))} – {fmt.format(max(vals))} {unit} |")

        first = [s["first_window_ms"] for s in starts]
        idle = [s["idle_rss_kib"] / 1024 for s in starts]
        stall = [x["max_stall_ms"] for x in large]
        peak = [x["peak_rss_kib"] / 1024 for x in large]
        after = [x["rss_after_kib"] / 1024 for x in large]
        shown = [x["shown_ms"] for x in large]
        lines = ["| measure | runs | median | min – max |", "|---|---:|---:|---:|",
                 row("start to first painted window", first, "ms"),
                 row("RSS 1 s after start (idle)", idle, "MiB", "{:.1f}"),
                 row("100 MB JSON: send to answer shown", shown, "ms"),
                 row("100 MB JSON: longest event-loop stall", stall, "ms", "{:.1f}"),
                 row("100 MB JSON: peak RSS", peak, "MiB", "{:.1f}"),
                 row("100 MB JSON: RSS 1.5 s after", after, "MiB", "{:.1f}")]
        text = "\n".join(lines) + (
            "\n\n`bench_desktop` (bench/desktop) links the app's widgets and runs offscreen "
            "(QT_QPA_PLATFORM=offscreen): the real MainWindow, 1280×800. First window: from just before the "
            "process is started to its first paint event. Stall: the largest gap between the ticks of a 5 ms "
            "timer while the answer arrives in a RequestTab, is shown and recorded into the history.")
        self.sections.append(("Desktop app (offscreen)", text))
        print(f"\n### Desktop app (offscreen)\n\n{text}\n", flush=True)
        self.results["desktop"] = {"startup": starts, "large": large}
        m = statistics.median(first)
        self.target("desktop first window ≤ 300 ms", f"{m:.0f} ms (median)", m <= 300)
        m = statistics.median(idle)
        self.target("desktop idle RSS ≤ 80 MiB", f"{m:.1f} MiB (median)", m <= 80)
        m = max(stall)
        self.target("no event-loop stall > 100 ms (100 MB answer)", f"{m:.1f} ms (worst run)", m <= 100)

    def case_history(self):
        d = os.path.join(self.scratch, "history")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        out = subprocess.run([self.history, "100000", d], capture_output=True, text=True, env=self.env, check=True)
        text = out.stdout.strip()
        self.sections.append(("History with 100,000 exchanges (bench/history)", text))
        print(f"\n### History with 100,000 exchanges\n\n{text}\n", flush=True)
        self.results["history"] = text

    # ---- import ----------------------------------------------------------------------------------
    def write_postman_big(self, path, n):
        """A Postman 2.1 collection of n requests shaped like real exports: nested folders, a
        collection-level bearer token, folder-level API-key auth, request-level basic auth,
        {{variables}} in URLs and headers, JSON, urlencoded and form-data bodies, query parameters
        (one disabled), a disabled header, descriptions and test scripts."""
        methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "GET", "GET", "POST"]
        per_folder = 50
        folders, i = [], 0
        while i < n:
            fi = len(folders)
            items = []
            for j in range(min(per_folder, n - i)):
                k = i + j
                m = methods[k % len(methods)]
                req = {
                    "method": m,
                    "header": [
                        {"key": "Accept", "value": "application/json"},
                        {"key": "X-Request-Id", "value": "{{$guid}}"},
                        {"key": "X-Tenant", "value": "{{tenant}}", "type": "text"},
                        {"key": "X-Debug", "value": "1", "disabled": True},
                    ],
                    "url": {
                        "raw": f"{{{{baseUrl}}}}/api/v2/resource{fi}/{k}?page=1&limit=50",
                        "host": ["{{baseUrl}}"],
                        "path": ["api", "v2", f"resource{fi}", str(k)],
                        "query": [{"key": "page", "value": "1"}, {"key": "limit", "value": "50"},
                                  {"key": "debug", "value": "true", "disabled": True}],
                    },
                    "description": f"Operation {k} of resource {fi}: returns the item and its links.",
                }
                if m in ("POST", "PUT", "PATCH"):
                    req["header"].append({"key": "Content-Type", "value": "application/json"})
                    kind = k % 3
                    if kind == 0:
                        body = {"id": k, "name": f"item {k}", "email": f"user{k}@example.test",
                                "active": True, "tags": ["alpha", "beta"],
                                "address": {"street": f"{k} Main St", "city": "Springfield"}}
                        req["body"] = {"mode": "raw", "raw": json.dumps(body, indent=2),
                                       "options": {"raw": {"language": "json"}}}
                    elif kind == 1:
                        req["header"].pop()
                        req["body"] = {"mode": "urlencoded", "urlencoded": [
                            {"key": "grant_type", "value": "password", "type": "text"},
                            {"key": "username", "value": "{{user}}", "type": "text"},
                            {"key": "scope", "value": "read write", "type": "text"}]}
                    else:
                        req["header"].pop()
                        req["body"] = {"mode": "formdata", "formdata": [
                            {"key": "title", "value": f"doc {k}", "type": "text"},
                            {"key": "kind", "value": "report", "type": "text"}]}
                if k % 10 == 7:
                    req["auth"] = {"type": "basic", "basic": [{"key": "username", "value": "{{user}}", "type": "string"},
                                                              {"key": "password", "value": "{{password}}", "type": "string"}]}
                item = {"name": f"{m.title()} item {k}", "request": req, "response": []}
                if k % 4 == 0:
                    item["event"] = [{"listen": "test", "script": {"type": "text/javascript", "exec": [
                        "pm.test(\"status is 2xx\", function () {",
                        "    pm.expect(pm.response.code).to.be.within(200, 299);",
                        "});",
                        f"pm.collectionVariables.set(\"last{fi}\", pm.response.json().id);"]}}]
                items.append(item)
            i += len(items)
            folder = {"name": f"Resource {fi}", "description": f"Endpoints of resource {fi}", "item": items}
            if fi % 5 == 1:
                folder["auth"] = {"type": "apikey", "apikey": [{"key": "key", "value": "X-Api-Key", "type": "string"},
                                                               {"key": "value", "value": "{{apiKey}}", "type": "string"},
                                                               {"key": "in", "value": "header", "type": "string"}]}
            folders.append(folder)
        # Groups of ten folders, as large collections nest them (Area → Resource → request).
        top = [{"name": f"Area {g}", "item": folders[g * 10:(g + 1) * 10]} for g in range((len(folders) + 9) // 10)]
        coll = {
            "info": {"_postman_id": "0b8a6c2e-5d1f-4e4a-9c55-1f3b2a7d9e10", "name": "Big API",
                     "description": "A generated collection for bench/run's import case.",
                     "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": top,
            "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]},
            "variable": [{"key": "baseUrl", "value": "https://api.example.test"},
                         {"key": "tenant", "value": "acme"}, {"key": "user", "value": "alice"},
                         {"key": "password", "value": "{{secretPassword}}"}, {"key": "apiKey", "value": "k-123"},
                         {"key": "token", "value": "t-456"}],
        }
        with open(path, "w") as f:
            json.dump(coll, f, indent="\t")

    def write_har_big(self, path, n):
        """A HAR 1.2 log of n entries as a browser saves it: request and response headers, cookies,
        query strings, JSON and urlencoded postData, response content with text, timings."""
        entries = []
        for k in range(n):
            m = ["GET", "GET", "POST", "GET", "PUT", "DELETE", "GET", "OPTIONS"][k % 8]
            url = f"https://app.example.test/api/v1/items/{k}?view=full&lang=en"
            headers = [{"name": "Host", "value": "app.example.test"},
                       {"name": "User-Agent", "value": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"},
                       {"name": "Accept", "value": "application/json, text/plain, */*"},
                       {"name": "Accept-Language", "value": "en-US,en;q=0.5"},
                       {"name": "Accept-Encoding", "value": "gzip, deflate, br"},
                       {"name": "Referer", "value": "https://app.example.test/items"},
                       {"name": "Connection", "value": "keep-alive"},
                       {"name": "Sec-Fetch-Mode", "value": "cors"}]
            req = {"method": m, "url": url, "httpVersion": "HTTP/1.1", "headers": headers,
                   "queryString": [{"name": "view", "value": "full"}, {"name": "lang", "value": "en"}],
                   "cookies": [], "headersSize": -1, "bodySize": 0}
            if m in ("POST", "PUT"):
                if k % 2:
                    text = json.dumps({"id": k, "name": f"item {k}", "qty": k % 17, "note": "generated"})
                    mime = "application/json"
                    req["postData"] = {"mimeType": mime, "text": text}
                else:
                    text = f"name=item+{k}&qty={k % 17}&note=generated"
                    mime = "application/x-www-form-urlencoded"
                    req["postData"] = {"mimeType": mime, "text": text, "params": [
                        {"name": "name", "value": f"item {k}"}, {"name": "qty", "value": str(k % 17)},
                        {"name": "note", "value": "generated"}]}
                headers.append({"name": "Content-Type", "value": mime})
                headers.append({"name": "Content-Length", "value": str(len(text))})
                req["bodySize"] = len(text)
            body = json.dumps({"id": k, "name": f"item {k}", "links": {"self": url}, "tags": ["a", "b", "c"]})
            resp = {"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                    "headers": [{"name": "Content-Type", "value": "application/json; charset=utf-8"},
                                {"name": "Cache-Control", "value": "no-cache"},
                                {"name": "Date", "value": "Mon, 07 Dec 2026 12:00:00 GMT"},
                                {"name": "Server", "value": "nginx"}],
                    "cookies": [], "content": {"size": len(body), "mimeType": "application/json", "text": body},
                    "redirectURL": "", "headersSize": -1, "bodySize": len(body)}
            entries.append({"pageref": "page_1", "startedDateTime": f"2026-12-07T12:{(k // 60) % 60:02d}:{k % 60:02d}.000Z",
                            "time": 12.5, "request": req, "response": resp, "cache": {},
                            "timings": {"blocked": 0.5, "dns": -1, "connect": -1, "ssl": -1, "send": 0.1,
                                        "wait": 11.2, "receive": 0.7},
                            "serverIPAddress": "203.0.113.7", "connection": "443"})
        har = {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "128.0"},
                       "browser": {"name": "Firefox", "version": "128.0"},
                       "pages": [{"startedDateTime": "2026-12-07T12:00:00.000Z", "id": "page_1", "title": "Items",
                                  "pageTimings": {"onContentLoad": 120, "onLoad": 240}}],
                       "entries": entries}}
        with open(path, "w") as f:
            json.dump(har, f, indent=2)

    def case_import(self):
        n = self.a.import_requests
        d = os.path.join(self.scratch, "import")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        inputs = {"postman": os.path.join(d, "big.postman_collection.json"), "har": os.path.join(d, "big.har")}
        self.write_postman_big(inputs["postman"], n)
        self.write_har_big(inputs["har"], n)
        into = os.path.join(d, "out")

        def clear(_label):
            shutil.rmtree(into, ignore_errors=True)  # every import writes into a fresh folder

        curl_start = ("curl --version (process start)", ["curl", "-q", "--version"], {})
        for kind, src in inputs.items():
            size = os.path.getsize(src)
            clear(None)
            out = subprocess.run([self.cli, "import", src, "--into", into], env=self.env, capture_output=True,
                                 text=True)
            if out.returncode != 0 or f"Imported {n} request(s)" not in out.stdout:
                raise SystemExit(f"import {kind}: exited {out.returncode}; {out.stdout[:300]} {out.stderr[:300]}")
            vs = f"verbscope-cli import ({kind})"
            tools = [("jq empty", ["jq", "empty", src], {}),
                     ("python3 json.load", ["python3", "-c", "import json,sys; json.load(open(sys.argv[1]))", src], {}),
                     curl_start,
                     (vs, [self.cli, "import", src, "--into", into], {})]
            runs, sent = self.measure(f"import-{kind}", tools, check=clear)
            sent = {label: (n if label == vs else "–") for label in sent}
            label = "Postman 2.1 collection" if kind == "postman" else "HAR 1.2 log"
            self.table(f"Import of a {n:,}-request {label} ({size / MiB:.1f} MiB)", runs, sent, base="jq empty",
                       note="No other client imports from the command line (newman runs a collection, httpyac and "
                            "HTTPie have no import), so the comparison is with only reading the file: `jq empty` "
                            "and Python's `json.load` parse it and do nothing else; `curl --version` is a process "
                            "start. VerbScope parses, converts, writes the .http files and the environment files "
                            "into a fresh folder, re-reads every file it wrote and compares (the import's check), "
                            "and writes the import marker.")
            wall = statistics.median(r.wall for r in runs[vs])
            rss = max(r.rss_kib for r in runs[vs]) * 1024
            self.target(f"import of {n:,} {kind} requests ≤ 1 s", f"{wall * 1000:.0f} ms (median)", wall <= 1.0)
            # Bounded memory: peak RSS at most 10 × the input plus a 64 MiB base (Qt, the process).
            bound = 10 * size + 64 * MiB
            self.target(f"import ({kind}) peak RSS ≤ 10 × input + 64 MiB",
                        f"{rss / MiB:.0f} MiB (max) = {rss / size:.1f} × input ({size / MiB:.1f} MiB)", rss <= bound)

    # ---- report --------------------------------------------------------------------------------
    def machine(self):
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
                   platform.processor())
        mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)

        def ver(argv):
            try:
                r = subprocess.run(argv, capture_output=True, text=True, timeout=30)
                return (r.stdout.strip() or r.stderr.strip()).splitlines()[0]
            except Exception:
                return "?"

        bin_ = os.path.join(self.a.npm, "node_modules", ".bin")
        return (f"{cpu}, {os.cpu_count()} cores (nproc), {mem / 1024 / 1024:.1f} GiB RAM, "
                f"{platform.system()} {platform.release()}; "
                f"{ver(['curl', '--version']).split(' (')[0]}, HTTPie {ver(['http', '--version'])}, "
                f"node {ver(['node', '--version'])}, newman {ver([os.path.join(bin_, 'newman'), '--version'])}, "
                f"httpyac {ver([os.path.join(bin_, 'httpyac'), '--version'])}, "
                f"bru {ver([os.path.join(bin_, 'bru'), '--version'])}, {ver(['nginx', '-v']).replace('nginx version: ', '')}")

    def report(self, started, load_start):
        now = datetime.datetime.now(datetime.timezone.utc)
        head = (f"# VerbScope benchmark, {now:%Y-%m-%d %H:%M} UTC\n\n"
                f"Machine: {self.machine()}.\n\n"
                f"Release build (`release` preset). {self.reps} rounds per case unless a table says otherwise "
                f"({'--quick' if self.quick else 'full run'}); tools interleaved round by round; ratios are "
                f"medians over the same run. Load average (1/5/15 min) at the start: {load_start}; "
                f"at the end: {loadavg()}; total {time.time() - started:.0f} s.\n")
        body = "\n".join(f"\n## {t}\n\n{x}\n" for t, x in self.sections)
        tgt = ["\n## Targets\n", "| target | measured | met |", "|---|---:|:---:|"]
        tgt += [f"| {w} | {m} | {'yes' if ok else '**no**'} |" for w, m, ok in self.targets]
        return head + "\n".join(tgt) + "\n" + body

    def main(self):
        signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench/run: terminated"))  # nginx is stopped
        started = time.time()
        load_start = loadavg()
        log(f"load average {load_start}; {self.reps} rounds per case")
        # The import case needs neither the served data nor nginx: `--only import` skips them.
        served = [c for c in ("send", "run", "tests", "parallel", "probe", "download", "desktop") if self.wanted(c)]
        if served:
            self.generate()
            self.start_nginx()
        try:
            if served:
                # A history that already has entries, as a user's would.
                subprocess.run([self.cli, "send", f"{self.base}/small.json"], env=self.env, check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                self.write_collection()
            for case in ("send", "run", "tests", "parallel", "probe", "download", "desktop", "history", "import"):
                if self.wanted(case):
                    log(f"{case} (load average {loadavg()})")
                    getattr(self, "case_" + case)()
        finally:
            self.stop_nginx()
        text = self.report(started, load_start)
        os.makedirs(self.a.out, exist_ok=True)
        day = datetime.date.today().isoformat()
        for name in (f"results-{day}.md", "latest.md"):
            with open(os.path.join(self.a.out, name), "w") as f:
                f.write(text)
        with open(os.path.join(self.a.out, "results.json"), "w") as f:
            json.dump({"results": self.results, "targets": self.targets}, f, indent=1)
        print("\n" + text)
        log(f"written to {self.a.out}/latest.md and results-{day}.md")


def main():
    p = argparse.ArgumentParser()
    for opt in ("root", "build", "scratch", "npm", "out", "only"):
        p.add_argument("--" + opt, default="")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--quick", type=int, default=0)
    p.add_argument("--no-httpie", type=int, default=0)
    p.add_argument("--import-requests", type=int, default=10000)
    Bench(p.parse_args()).main()


if __name__ == "__main__":
    main()
