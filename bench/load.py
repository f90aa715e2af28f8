"""Load: wrk for 60 s at 50 connections on a mix of public pages, then on a mix of signed-in pages; 0 errors.

    .venv/bin/python bench/load.py [--seconds 60]
    scripts/with-postgres .venv/bin/python bench/load.py

It builds the same throwaway database as bench/pages.py (the demo plus a 200-comment news item), serves it
with gunicorn (2 sync workers) on loopback, and lets wrk cycle through each mix's pages, one request after
another on every connection. Any socket error, timeout or status of 400 or more counts as an error, and the
script exits non-zero if there is one.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import pages as page_bench  # sets the environment up and starts Django, as bench/pages.py does
import throughput

from django.conf import settings
from django.core.management import call_command

LUA = """-- cycles through the mix's paths
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def mixes():
    from kalanshahr.portal.models import News

    listed = {name: path for name, path, _auth in page_bench.pages("network")}
    news = News.objects.published().order_by("code").first().get_absolute_url()
    public = ["/", "/meetings/financial-administrative-deputies/30/", "/adoptions/", "/satisfaction/", news,
              listed["news page, 200 comments"], listed["search"], "/news/", "/ideas/public/"]
    signed_in = [listed["organization monitoring"], listed["supervision board"], listed["comparison (ranking)"],
                 listed["city profile"], listed["adoption matrix"], "/indicators/IJ-01/", "/my-tasks/", "/experiences/",
                 "/ideas/"]
    return [("public pages", public, False), ("signed-in pages (secretariat)", signed_in, True)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--quiet-logins", stdout=open(os.devnull, "w"))
    call_command("generate_scale", municipalities=1, indicators=1, months=1, seed=99, stdout=open(os.devnull, "w"),
                 stderr=open(os.devnull, "w"))
    cookie = f"{settings.SESSION_COOKIE_NAME}={page_bench.signed_in_client().cookies[settings.SESSION_COOKIE_NAME].value}"
    server, base = throughput.serve()
    lines = [f"| mix ({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}), wrk {throughput.CONNECTIONS} "
             f"connections, {options.seconds} s, gunicorn {throughput.WORKERS} workers | pages | req/s | errors |",
             "|---|---|---|---|"]
    failed = 0
    try:
        for name, paths, signed_in in mixes():
            for path in paths:  # every page answers before the load starts
                throughput._visit(base + path, cookie if signed_in else None)
            with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                script.write(LUA % ", ".join(f'"{throughput._ascii(path)}"' for path in paths))
            rate, errors = throughput._wrk(base + "/", options.seconds, cookie if signed_in else None, script.name)
            Path(script.name).unlink()
            failed += errors
            lines.append(f"| {name} | {len(paths)} | {rate:,.0f} | {errors} |")
    finally:
        throughput.stop(server)
    print("\n".join(lines))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
