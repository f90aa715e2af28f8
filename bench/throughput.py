"""Throughput and worker memory, run by bench/pages.py --throughput on the database it has just measured.

gunicorn serves the project (plus the trivial view) with 2 sync workers on loopback; `wrk` (Debian's package) loads
each page for --wrk-seconds at 50 connections, one page after another; the trivial view is the ceiling. Then the
workers' peak resident memory (VmHWM) is read from /proc.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
CONNECTIONS = 50


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(base, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting; see its output above")
        try:
            urllib.request.urlopen(base + "/bench-trivial/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within a minute")


def _ascii(url):
    return urllib.parse.quote(url, safe=":/?=&%")


def _wrk(url, seconds, cookie, script=None, latency=False):
    """(requests a second, errors), and with `latency` wrk's (p50, p99) of the whole run as it prints them."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency", _ascii(url)]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    if latency:
        return rate, errors, tuple(re.search(rf"^\s+{share}%\s+(\S+)", output, re.M).group(1) for share in (50, 99))
    return rate, errors


def _peak_rss_mb(master_pid):
    """The largest VmHWM among the master's worker processes, in MB."""
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    peaks = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024)
    return max(peaks), len(peaks)


def _visit(url, cookie):
    request = urllib.request.Request(_ascii(url), headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()


def serve(request_log=None):
    """gunicorn with WORKERS sync workers on a free loopback port: (process, base URL), once it answers. With
    `request_log` (an open file) it writes one JSON line per request there (lib/requestlog.py)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    environment = dict(os.environ, DJANGO_SETTINGS_MODULE="bench_settings",
                       PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
                       ALLOWED_HOSTS=os.environ.get("ALLOWED_HOSTS", "") + ",127.0.0.1",
                       LOG_REQUESTS="1" if request_log else "0")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "kalanshahr.wsgi", "--workers", str(WORKERS),
                               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], env=environment, cwd=ROOT,
                              stdout=request_log)
    _wait_until_up(base, server)
    return server, base


def stop(server):
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def measure(pages, every_page, cookie, seconds):
    """[(name, req/s, errors)] for each (name, path, signed in) of `pages`, and the workers' peak RSS in MB after
    each of `every_page` (the page benchmark's list) was served by both workers and `pages` were loaded."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: `make bench` installs it (apt-get install wrk)")
    server, base = serve()
    try:
        for _name, path, signed_in in every_page:
            for _ in range(2 * WORKERS):
                _visit(base + path, cookie if signed_in else None)
        results = []
        for name, path, signed_in in pages:
            rate, errors = _wrk(base + path, seconds, cookie if signed_in else None)
            results.append((name, rate, errors))
        return results, _peak_rss_mb(server.pid)
    finally:
        stop(server)


def table(results, peak, scale):
    ceiling = results[0][1]
    lines = [f"| page ({scale}), wrk {CONNECTIONS} connections, gunicorn {WORKERS} workers | req/s | errors "
             "| / trivial |", "|---|---|---|---|"]
    lines += [f"| {name} | {rate:,.0f} | {errors} | {rate / ceiling:.2f}× |" for name, rate, errors in results]
    rss, workers = peak
    lines.append(f"\nPeak RSS of a gunicorn worker after the page benchmarks: **{rss:.0f} MB** (largest of {workers}; "
                 "budget 150 MB).")
    return "\n".join(lines)
