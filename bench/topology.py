"""Throughput of the production topology: two gunicorn app servers sharing Redis, PgBouncer in front of the
primary, reads on the streaming replica, beside the trivial view served the same way in the same run.

    scripts/with-postgres --cluster .venv/bin/python bench/topology.py [--seconds 10] [--rounds 3]

scripts/with-postgres --cluster starts the primary, the replica and PgBouncer (scripts/pgcluster.py); this script
starts Redis and the two app servers (2 sync workers each, the production settings with the benchmarks' trivial
view), loads the demo, and for each page runs two wrk processes at once, one per app server, at 25 connections
each (a load balancer's share): a page's rate is the sum of the two. Each page is measured right beside the trivial
view, in turns, over several rounds; the figure is the median of the per-round ratios. The news page and the
comparison page are served from the shared cache after their first visit.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from tests.redis_server import redis_server  # noqa: E402

import throughput  # noqa: E402

CONNECTIONS = 25  # per app server
WORK = Path(tempfile.mkdtemp(prefix="kalanshahr-topology-"))


def environment(cache_url):
    if os.environ.get("DATABASE_POOLER") != "pgbouncer" or not os.environ.get("DATABASE_REPLICA_URL"):
        raise SystemExit("run it under scripts/with-postgres --cluster (primary, replica, PgBouncer)")
    return dict(os.environ, DEBUG="0", TESTING="1", SECRET_KEY="bench-only-secret-key-" + "x" * 40,
                ALLOWED_HOSTS="127.0.0.1,localhost,testserver", ENV_FILE=os.devnull, SECURE_SSL_REDIRECT="0",
                SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", CACHE_URL=cache_url, SESSION_ENGINE="cache",
                STATIC_ROOT=str(WORK / "static"), MEDIA_ROOT=str(WORK / "media"), STATIC_COMPRESS="0",
                PRIVATE_MEDIA_ROOT=str(WORK / "private"), LOG_REQUESTS="0",
                TASKS_BACKEND="django_tasks_db.DatabaseBackend", DJANGO_SETTINGS_MODULE="bench_settings",
                PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "bench")]))


def start_server(env):
    port = throughput._free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "kalanshahr.wsgi", "--workers", "2",
                               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    throughput._wait_until_up(base, server)
    return server, base


def wrk_both(bases, path, seconds, cookie):
    """(req/s summed over the servers, errors) of one wrk per server, run at the same time."""
    runs = []
    for base in bases:
        command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s",
                   throughput._ascii(base + path)]
        if cookie:
            command[1:1] = ["-H", f"Cookie: {cookie}"]
        runs.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
    rate = errors = 0
    for run in runs:
        output = run.communicate()[0]
        rate += float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        errors += int(non_2xx.group(1)) if non_2xx else 0
    return rate, errors


def signed_in_cookie(env):
    """A secretariat session, made in the shared cache by a process with the servers' settings."""
    code = ("import django; django.setup(); from django.conf import settings; from django.test import Client; "
            "from django.contrib.auth import get_user_model; c = Client(); "
            "c.force_login(get_user_model().objects.get(username='secretariat')); "
            "print(settings.SESSION_COOKIE_NAME + '=' + c.cookies[settings.SESSION_COOKIE_NAME].value)")
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    with redis_server() as (cache_url, _redis):
        env = environment(cache_url)
        for command in (["migrate", "--noinput"], ["load_demo", "--quiet-logins"], ["collectstatic", "--noinput"]):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        cookie = signed_in_cookie(env)
        servers = [start_server(env), start_server(env)]
        bases = [base for _server, base in servers]
        news = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); from kalanshahr.portal.models import News; "
             "print(News.objects.published().order_by('code').first().get_absolute_url())"],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        trivial = ("trivial view", "/bench-trivial/", False)
        pages = [("news page", news, False), ("news list", "/news/", False),
                 ("comparison (ranking)", "/benchmarking/", True)]
        try:
            for _name, path, signed_in in [trivial, *pages]:
                for base in bases:
                    for _ in range(4):  # every worker has the page once, and the shared cache holds it
                        throughput._visit(base + path, cookie if signed_in else None)
            # Each page is measured right beside the trivial view, in turns (the page first in odd rounds): one
            # ratio per pair, and the median over the rounds is the figure, as the machine is shared and noisy.
            ratios = {name: [] for name, _path, _auth in pages}
            rates = {name: [] for name, _path, _auth in [trivial, *pages]}
            errors = 0
            for number in range(options.rounds):
                for page in pages:
                    pair = [trivial, page] if number % 2 == 0 else [page, trivial]
                    measured = {}
                    for name, path, signed_in in pair:
                        measured[name], failed = wrk_both(bases, path, options.seconds, cookie if signed_in else None)
                        rates[name].append(measured[name])
                        errors += failed
                    ratios[page[0]].append(measured[page[0]] / measured[trivial[0]])
        finally:
            for server, _base in servers:
                throughput.stop(server)
    median = statistics.median
    print(f"| page, two app servers × 2 gunicorn workers, Redis, PgBouncer, replica; wrk {CONNECTIONS} connections "
          f"per server, {options.seconds} s × {options.rounds} rounds | median req/s | / trivial, per round "
          "| / trivial, median |")
    print("|---|---|---|---|")
    print(f"| trivial view | {median(rates['trivial view']):,.0f} | — | 1.00× |")
    for name, _path, _auth in pages:
        print(f"| {name} | {median(rates[name]):,.0f} | {', '.join(f'{r:.2f}×' for r in ratios[name])} "
              f"| {median(ratios[name]):.2f}× |")
    print(f"errors: {errors}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
