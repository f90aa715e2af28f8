"""Server time of the main pages, side by side with a trivial Django view, at network scale and optionally at
national scale, on the database DATABASE_URL names (SQLite in a throwaway file without it).

    .venv/bin/python bench/pages.py [--requests 200] [--wrk-seconds 30] [--national iran,250,60] [--load] [--append]
    BENCH_SQLITE_PATH=national.sqlite3 .venv/bin/python bench/pages.py --existing
    scripts/with-postgres .venv/bin/python bench/pages.py ...

Each page is requested through Django's test client (the whole middleware stack, templates included; no
network) after a warm-up, in rounds that alternate the pages so that the machine's noise falls on all of
them alike. It prints p50 and p95 per page, the ratio of each p95 to the trivial view's, and with --national
the growth from network to national scale, then the same pages with the cache off (every request builds its
page from the database, as the first reader after a change does); --append adds the tables to docs/performance.md.

Then, at each scale, bench/throughput.py serves the same database with gunicorn (2 workers) and loads the public
news page, the comparison page and the public satisfaction dashboard with wrk, beside the trivial view, and
reads a worker's peak memory (--wrk-seconds 0 leaves that out); with --load, bench/load.py's mixed read/write load
runs on the same database at each scale (make bench-national).
"""

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
WORKDIR = Path(tempfile.mkdtemp(prefix="kalanshahr-pages-"))
os.environ.update(DEBUG="0", TESTING="1", SECRET_KEY="bench-only-secret-key-" + "x" * 40,
                  ALLOWED_HOSTS="testserver,localhost",
                  SQLITE_PATH=os.environ.get("BENCH_SQLITE_PATH") or str(WORKDIR / "bench.sqlite3"),
                  DJANGO_SETTINGS_MODULE="kalanshahr.settings", SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0",
                  CSRF_COOKIE_SECURE="0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

BUDGET_MS = 100
REFERENCES = {"trivial view", "page shell, signed in (reference)"}
BUDGET_RATIO = 5
COLD_BUDGET_MS = 150  # p95 of a page built from the database, the cache off (issue 20)


def pages(scale):
    """(name, URL, signed in) of the benchmarked pages; at national scale the comparison and the profile use a
    generated indicator and city, which every municipality reports."""
    from kalanshahr.meetings.models import Resolution
    from kalanshahr.network.models import Municipality
    from kalanshahr.portal.models import News

    news = News.objects.filter(title__startswith="خبر نمونه با دویست نظر").order_by("-code").first()
    indicator = "NET-SAT-01"
    city = "tehran"
    if scale == "national":
        from kalanshahr.strategy.models import Indicator

        indicator = Indicator.objects.filter(code__startswith="SCALE-").order_by("code").first().code
        # A generated city, or on Iran's real divisions a compared city that is not a metropolis.
        city = (Municipality.objects.filter(slug__startswith="scale-").order_by("id").first()
                or Municipality.objects.filter(is_compared=True, is_metropolis=False).order_by("id").first()).slug
    assert Resolution.objects.filter(state="approved").exists()
    return [
        ("trivial view", "/bench-trivial/", False),
        ("page shell, signed in (reference)", "/bench-shell/", True),
        ("organization monitoring", "/monitoring/tehran-urban-services/", True),
        ("supervision board", "/monitoring/board/", True),
        ("comparison (ranking)", f"/benchmarking/?indicator={indicator}", True),
        ("city profile", f"/benchmarking/cities/{city}/", True),
        ("adoption matrix", "/adoptions/", True),
        ("news page, 200 comments", news.get_absolute_url(), False),
        ("search", "/search/?q=شهرداری", False),
    ]


def signed_in_client():
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    return client


def throughput(scale, seconds):
    """The throughput table at this scale (bench/throughput.py)."""
    import throughput as wrk_bench

    listed = pages(scale)
    by_name = {name: (name, url, auth) for name, url, auth in listed}
    loaded = [by_name["trivial view"], by_name["news page, 200 comments"], by_name["comparison (ranking)"],
              ("citizen satisfaction dashboard", "/satisfaction/", False)]
    cookie = f"{settings.SESSION_COOKIE_NAME}={signed_in_client().cookies[settings.SESSION_COOKIE_NAME].value}"
    results, peak = wrk_bench.measure(loaded, listed, cookie, seconds)
    return wrk_bench.table(results, peak, scale)


COLD_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def measure_cold(scale, requests):
    """measure() with the cache off: every request builds its page, as the first reader after a change does."""
    with override_settings(CACHES=COLD_CACHE):
        return measure(scale, requests)


def measure(scale, requests):
    signed_in, anonymous = signed_in_client(), Client()
    listed = pages(scale)
    timings = {name: [] for name, _url, _auth in listed}
    for name, url, auth in listed:  # warm-up, and every page must answer 200
        for _ in range(5):
            response = (signed_in if auth else anonymous).get(url)
            assert response.status_code == 200, (name, url, response.status_code)
    rounds = 10
    for _round in range(rounds):
        for name, url, auth in listed:
            client = signed_in if auth else anonymous
            for _ in range(requests // rounds):
                begin = time.perf_counter()
                client.get(url)
                timings[name].append((time.perf_counter() - begin) * 1000)
    result = {}
    for name, values in timings.items():
        values.sort()
        result[name] = (statistics.median(values), values[int(len(values) * 0.95) - 1], len(values))
    return result


def table(scale, result, growth=None, budget=None):
    """The table of one run; with `budget` (ms), a cold run's: only the p95 against it counts."""
    trivial_p95 = result["trivial view"][1]
    lines = [f"| page ({scale}) | p50 ms | p95 ms | p95 / trivial | budget |" + (" growth |" if growth else ""),
             "|---|---|---|---|---|" + ("---|" if growth else "")]
    for name, (p50, p95, count) in result.items():
        ratio = p95 / trivial_p95
        if name in REFERENCES:
            within = "—"
        elif budget is not None:
            within = "met" if p95 <= budget else f"**missed** ({p95:.1f} ms, {p95 / budget:.1f}× the {budget} ms aim)"
        else:
            within = ("met" if p95 <= BUDGET_MS and ratio <= BUDGET_RATIO
                      else f"**missed** ({p95:.1f} ms, {ratio:.1f}×)")
        row = f"| {name} | {p50:.2f} | {p95:.2f} | {ratio:.1f}× | {within} |"
        if growth:
            row += f" {growth[name]:.2f}× |"
        lines.append(row)
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--national", help="municipalities,indicators,months, e.g. 1400,250,60; iran,250,60 for "
                        "Iran's 1,554 real municipalities")
    parser.add_argument("--cold-requests", type=int, default=40,
                        help="requests per page with the cache off (0 leaves the cold table out)")
    parser.add_argument("--wrk-seconds", type=int, default=30, help="seconds of wrk per page; 0 leaves it out")
    parser.add_argument("--append", action="store_true", help="append the tables to docs/performance.md")
    parser.add_argument("--load", action="store_true",
                        help="also the mixed read/write load of bench/load.py at each scale, on the same data set "
                        "(make bench-national: the national set is generated once per database)")
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--existing", action="store_true",
                        help="the database (BENCH_SQLITE_PATH, or DATABASE_URL) already holds the national data: "
                        "measure its pages, cached and cold, and generate nothing")
    options = parser.parse_args()
    # No setup_test_environment(): it makes every template render send a signal that the test client answers by
    # copying the context, which a server never does (a fifth of a 250-row profile's time went to it).
    if options.existing:
        with override_settings(ROOT_URLCONF="trivial_urls"):
            out = [table("national, existing database", measure("national", options.requests)),
                   table("national, existing database, cache off", measure_cold("national", options.cold_requests),
                         budget=COLD_BUDGET_MS)]
        print("\n\n".join(out))
        return
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--quiet-logins", stdout=open(os.devnull, "w"))
    call_command("generate_scale", municipalities=1, indicators=1, months=1, seed=99, stdout=open(os.devnull, "w"),
                 stderr=open(os.devnull, "w"))  # the 200-comment news page and a meeting; negligible data
    with override_settings(ROOT_URLCONF="trivial_urls"):
        network = measure("network", options.requests)
        out = [table("network: 14 metropolises", network)]
        network_cold = measure_cold("network", options.cold_requests) if options.cold_requests else None
        if network_cold:
            out.append(table("network: 14 metropolises, cache off", network_cold, budget=COLD_BUDGET_MS))
        if options.wrk_seconds:
            out.append(throughput("network", options.wrk_seconds))
        failed = _mixed_load(out, "network", options)
        if options.national:
            municipalities, indicators, months = options.national.split(",")
            started = time.monotonic()
            call_command("generate_scale", municipalities=None if municipalities == "iran" else int(municipalities),
                         indicators=int(indicators), months=int(months), seed=1)
            generated = time.monotonic() - started
            national = measure("national", options.requests)
            growth = {name: national[name][1] / network[name][1] for name in national}
            out.append(f"generate_scale {options.national}: {generated:.0f} s")
            out.append(table(f"national: {options.national}", national, growth))
            if options.cold_requests:
                cold = measure_cold("national", options.cold_requests)
                cold_growth = {name: cold[name][1] / network_cold[name][1] for name in cold}
                out.append(table(f"national: {options.national}, cache off", cold, cold_growth,
                                 budget=COLD_BUDGET_MS))
            if options.wrk_seconds:
                out.append(throughput("national", options.wrk_seconds))
            failed += _mixed_load(out, "national", options)
    database = connection.vendor
    header = (f"\n### Pages on {database} ({datetime.date.today().isoformat()})\n\n"
              f"Command: `{'scripts/with-postgres ' if database == 'postgresql' else ''}.venv/bin/python bench/pages.py "
              f"{' '.join(sys.argv[1:])}`; machine: {platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}; "
              f"{options.requests} requests per page.\n")
    report = header + "\n" + "\n\n".join(out) + "\n"
    print(report)
    if options.append:
        with open(ROOT / "docs" / "performance.md", "a", encoding="utf-8") as handle:
            handle.write(report.replace("--append", "").replace("  ", " "))
    sys.exit(1 if failed else 0)


def _mixed_load(out, scale, options):
    """With --load, bench/load.py's mixes at this scale on this database (its table goes into `out`); the number
    of errors."""
    if not options.load:
        return 0
    # load.py imports this module as `pages`: it must find this run of it (its database), not start a second one.
    sys.modules.setdefault("pages", sys.modules[__name__])
    import load

    table, errors = load.run_mixes(scale, options.load_seconds, load.WRITES_PER_SECOND)
    out.append(table)
    return errors


if __name__ == "__main__":
    main()
