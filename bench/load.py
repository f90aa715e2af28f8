"""Load: wrk for 60 s at 50 connections on a mix of public pages, then on a mix of signed-in pages, while a writer
verifies and reopens measurements at a steady rate; p50/p95/p99 server time of each page, and 0 errors.

    .venv/bin/python bench/load.py [--seconds 60] [--writes-per-second 5]
    .venv/bin/python bench/load.py --national iran,250,60 [--append]   # the same at network and national scale
    BENCH_SQLITE_PATH=national.sqlite3 .venv/bin/python bench/load.py --existing
    scripts/with-postgres .venv/bin/python bench/load.py ...

It builds the same throwaway database as bench/pages.py (the demo plus a 200-comment news item), serves it with
gunicorn (2 sync workers) on loopback, and lets wrk cycle through each mix's pages, one request after another on
every connection. Meanwhile the writer (a thread of this process, through strategy's services like a verifier
at work) reopens a verified city value of the latest period of an indicator the pages show and verifies it again
(reopen, submit, verify), so that the cached fragments of those pages keep being retired: the readers meet pages
built from the database, as they would with cities verifying data all day. Verifications and reopenings are
counted against the rate; the submit between them is not.

Every request's server time comes from the request log (lib/requestlog.py, one JSON line per request, which
gunicorn writes to a file here); wrk's own latency percentiles are printed for the whole mix. Any socket error,
timeout, status of 400 or more, or failed write counts as an error, and the script exits non-zero if there is one.
"""

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import pages as page_bench  # sets the environment up and starts Django, as bench/pages.py does
import throughput

from django.conf import settings
from django.core.management import call_command
from django.db import connection

WRITES_PER_SECOND = 5  # the rate issue 20 sets

LUA = """-- cycles through the mix's paths
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def mixes(scale):
    from kalanshahr.portal.models import News

    listed = {name: path for name, path, _auth in page_bench.pages(scale)}
    news = News.objects.published().order_by("code").first().get_absolute_url()
    public = [("trivial view (reference)", "/bench-trivial/"), ("home page", "/"), ("30th meeting", "/meetings/financial-administrative-deputies/30/"),
              ("adoption matrix (public)", "/adoptions/"), ("satisfaction dashboard", "/satisfaction/"),
              ("news page", news), ("news page, 200 comments", listed["news page, 200 comments"]),
              ("search", listed["search"]), ("news list", "/news/"), ("public ideas", "/ideas/public/")]
    signed_in = [(name, listed[name]) for name in ("trivial view", "organization monitoring", "supervision board",
                                                    "comparison (ranking)", "city profile", "adoption matrix")]
    signed_in += [("indicator", "/indicators/IJ-01/"), ("my tasks", "/my-tasks/"), ("experiences", "/experiences/"),
                  ("ideas", "/ideas/")]
    return [("public pages", public, False), ("signed-in pages (secretariat)", signed_in, True)]


class Writer(threading.Thread):
    """Reopens and verifies, at `rate` moves a second, verified city values of the latest period of the indicators
    the pages show (the comparison's and the satisfaction family's)."""

    def __init__(self, rate, scale):
        super().__init__(daemon=True)
        self.rate, self.scale = rate, scale
        self.moves, self.errors, self.stopping = 0, 0, threading.Event()

    def _candidates(self):
        from kalanshahr.strategy.models import Family, Indicator, Measurement

        compared = dict((name, url) for name, url, _auth in page_bench.pages(self.scale))["comparison (ranking)"]
        indicators = list(Indicator.objects.shared().filter(code=compared.split("indicator=")[1])) + list(
            Indicator.objects.shared().filter(family=Family.CITIZEN_SATISFACTION))
        chosen = []
        for indicator in indicators:
            latest = (Measurement.objects.verified().filter(indicator=indicator, organization=None)
                      .order_by("-period").values_list("period", flat=True).first())
            chosen += list(Measurement.objects.verified().filter(indicator=indicator, organization=None,
                                                                 period=latest).values_list("pk", flat=True)[:200])
        return chosen

    def run(self):
        from kalanshahr.network.access import SYSTEM
        from kalanshahr.strategy import services
        from kalanshahr.strategy.models import Measurement

        pool = self._candidates()
        random.Random(7).shuffle(pool)
        interval, due, index = 1 / self.rate, time.monotonic(), 0
        try:
            while not self.stopping.is_set():
                measurement = Measurement.objects.select_related("indicator").get(pk=pool[index % len(pool)])
                try:
                    services.move_measurement(SYSTEM, measurement, "reopen", reason="بازبینی در آزمون بار")
                    self._tick(due := due + interval)
                    services.move_measurement(SYSTEM, measurement, "submit")
                    services.move_measurement(SYSTEM, measurement, "verify")
                    self.moves += 2
                except Exception as error:  # counted and shown; the load goes on
                    self.errors += 1
                    print(f"writer: {type(error).__name__}: {error}", file=sys.stderr)
                index += 1
                self._tick(due := due + interval)
        finally:
            connection.close()

    def _tick(self, due):
        self.stopping.wait(max(0.0, due - time.monotonic()))


def _percentiles(values):
    values = sorted(values)
    at = lambda share: values[min(len(values) - 1, int(len(values) * share))]  # noqa: E731
    return statistics.median(values), at(0.95), at(0.99)


def run_mixes(scale, seconds, rate):
    """The markdown table of both mixes at one scale, and the number of errors."""
    cookie = f"{settings.SESSION_COOKIE_NAME}={page_bench.signed_in_client().cookies[settings.SESSION_COOKIE_NAME].value}"
    log_path = Path(tempfile.mkdtemp(prefix="kalanshahr-load-")) / "requests.jsonl"
    lines = [f"| page ({scale}, {connection.vendor}), wrk {throughput.CONNECTIONS} connections, {seconds} s, "
             f"gunicorn {throughput.WORKERS} workers, writer {rate}/s | requests | p50 ms | p95 ms | p99 ms | "
             "p95 ≤ 100 ms | errors |", "|---|---|---|---|---|---|---|"]
    failed = 0
    with open(log_path, "w") as request_log:
        server, base = throughput.serve(request_log)
        try:
            for name, listed, signed_in in mixes(scale):
                paths = [path for _page, path in listed]
                for path in paths:  # every page answers before the load starts
                    throughput._visit(base + path, cookie if signed_in else None)
                request_log.flush()
                start = log_path.stat().st_size
                with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                    script.write(LUA % ", ".join(f'"{throughput._ascii(path)}"' for path in paths))
                writer = Writer(rate, scale)
                writer.start()
                began = time.monotonic()
                rate_read, errors, latency = throughput._wrk(base + "/", seconds, cookie if signed_in else None,
                                                             script.name, latency=True)
                writer.stopping.set()
                writer.join()
                moves_per_second = writer.moves / (time.monotonic() - began)
                Path(script.name).unlink()
                failed += errors + writer.errors
                lines += _page_rows(log_path, start, listed)
                lines.append(f"| **{name}**: {rate_read:,.0f} req/s in all; wrk's latency p50 {latency[0]}, p99 "
                             f"{latency[1]}; writer {moves_per_second:.1f} verifications and reopenings a second "
                             f"({writer.errors} failed) | | | | | | {errors} |")
        finally:
            throughput.stop(server)
    return "\n".join(lines), failed


def _page_rows(log_path, start, listed):
    """One row per page of the mix from the request log written since byte `start`."""
    by_path = {}
    with open(log_path, "rb") as handle:
        handle.seek(start)
        for raw in handle:
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            by_path.setdefault(line["path"], []).append((line["ms"], line["status"]))
    rows = []
    for page, path in listed:
        timings = by_path.get(path.split("?")[0], [])
        if not timings:
            rows.append(f"| {page} | 0 | | | | | |")
            continue
        p50, p95, p99 = _percentiles([ms for ms, _status in timings])
        bad = sum(1 for _ms, status in timings if status >= 400)
        within = "—" if page.startswith("trivial") else "met" if p95 <= 100 else f"**missed** ({p95 / 100:.1f}×)"
        rows.append(f"| {page} | {len(timings):,} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {within} | {bad} |")
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--writes-per-second", type=float, default=WRITES_PER_SECOND)
    parser.add_argument("--national", help="also at national scale: municipalities,indicators,months (iran,250,60)")
    parser.add_argument("--existing", action="store_true",
                        help="the database already holds the national data: load it, generate nothing")
    parser.add_argument("--append", action="store_true", help="append the tables to docs/performance.md")
    options = parser.parse_args()
    out, failed = [], 0
    if options.existing:
        scales = ["national"]
    else:
        call_command("migrate", verbosity=0)
        call_command("load_demo", "--quiet-logins", stdout=open(os.devnull, "w"))
        call_command("generate_scale", municipalities=1, indicators=1, months=1, seed=99,
                     stdout=open(os.devnull, "w"), stderr=open(os.devnull, "w"))
        scales = ["network"]
    for scale in scales:
        table, errors = run_mixes(scale, options.seconds, options.writes_per_second)
        out.append(table)
        failed += errors
    if options.national and not options.existing:
        municipalities, indicators, months = options.national.split(",")
        call_command("generate_scale", municipalities=None if municipalities == "iran" else int(municipalities),
                     indicators=int(indicators), months=int(months), seed=1, stderr=open(os.devnull, "w"))
        table, errors = run_mixes("national", options.seconds, options.writes_per_second)
        out.append(table)
        failed += errors
    report = (f"\nCommand: `{'scripts/with-postgres ' if connection.vendor == 'postgresql' else ''}.venv/bin/python "
              f"bench/load.py {' '.join(sys.argv[1:])}`\n\n" + "\n\n".join(out) + "\n")
    print(report)
    if options.append:
        with open(page_bench.ROOT / "docs" / "performance.md", "a", encoding="utf-8") as handle:
            handle.write(report.replace(" --append", ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
