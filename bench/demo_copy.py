"""What a transactional test pays to get the demo back: loading it again against writing the suite's copy back.

    python bench/demo_copy.py [--postgres] [--rounds N]

Each round empties the database (as pytest-django does after a transactional test), then times
`load_demo`, empties it again, and times tests/snapshot.restore of the copy taken once. Prints both medians and
their ratio; the figures go in docs/performance.md ("Test suite").
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="kalanshahr-bench-"))
os.environ.update(DEBUG="0", TESTING="1", SECRET_KEY="bench-only-secret-key-" + "x" * 40, ALLOWED_HOSTS="localhost",
                  SQLITE_PATH=str(WORKDIR / "bench.sqlite3"), DJANGO_SETTINGS_MODULE="kalanshahr.settings")
if "--postgres" not in sys.argv:
    os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests import snapshot  # noqa: E402
from tests.conftest import load_demo  # noqa: E402


def timed(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main():
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5
    call_command("migrate", verbosity=0)
    load_demo()
    copy = snapshot.take()
    loads, restores = [], []
    for _ in range(rounds):
        call_command("flush", "--noinput", verbosity=0)
        loads.append(timed(load_demo))
        call_command("flush", "--noinput", verbosity=0)
        restores.append(timed(lambda: snapshot.restore(copy)))
    rows = sum(len(table_rows) for _, _, table_rows in copy)
    load, restore = statistics.median(loads), statistics.median(restores)
    print(f"{connection.vendor}, {rows:,} rows, median of {rounds}: load_demo {load:.2f} s, "
          f"copy written back {restore:.2f} s ({restore / load:.2f}x)")


if __name__ == "__main__":
    main()
