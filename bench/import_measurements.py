"""Measurement import speed: ours against django-import-export and against a raw bulk write, side by side.

    .venv/bin/python bench/import_measurements.py [--rows 100000] [--iie-rows 20000] [--rounds 5]
    scripts/with-postgres .venv/bin/python bench/import_measurements.py --postgres [--rows 1000000]

It builds a throwaway SQLite database (WAL, as in production) with the demo, generates a CSV of N rows for
the demo's indicators × the 14 cities × consecutive Jalali months, and imports it three ways into the same
empty `strategy_measurement` table:

1. ours: kalanshahr.strategy.importer.import_measurements (parse, validate, check access and verified values,
   bulk write, all in one transaction);
2. django-import-export 4 with bulk mode, keyed on (indicator, subject, period) like ours so a re-import
   replaces instead of duplicating; it runs on the first --iie-rows rows, since its rate is what matters;
3. raw: the rows parsed beforehand (untimed), then one `executemany` INSERT (SQLite) or one `COPY` (PostgreSQL)
   in one transaction.

It prints rows/s for each (ours and raw: the best of five rounds in which they run back to back), the ratio
of ours to raw in every round and its median, the ratio to django-import-export, and the peak traced memory
of our import at N/10 and N rows.
"""

import argparse
import csv
import io
import os
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="kalanshahr-bench-"))
# DEBUG off, as in production: with it on, Django keeps every query in memory.
os.environ.update(DEBUG="0", TESTING="1", SECRET_KEY="bench-only-secret-key-" + "x" * 40, ALLOWED_HOSTS="localhost",
                  SQLITE_PATH=str(WORKDIR / "bench.sqlite3"), DJANGO_SETTINGS_MODULE="kalanshahr.settings")
# `--postgres` (under scripts/with-postgres) runs on the DATABASE_URL server; otherwise SQLite.
if "--postgres" not in sys.argv:
    os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from kalanshahr.network.models import Municipality  # noqa: E402
from kalanshahr.strategy.importer import import_measurements  # noqa: E402
from kalanshahr.strategy.models import Indicator, Measurement  # noqa: E402
from kalanshahr.network.access import SYSTEM


# Periods run from 1320 for at most this many years (the Jalali parser accepts 1300–1500).
YEARS = 150


def generate(rows):
    indicators = list(Indicator.objects.filter(frequency="month").values_list("code", flat=True))
    # At a million rows the demo's 14 cities would run past the last accepted year: add sample cities (untimed).
    needed = -(-rows // (len(indicators) * 12 * YEARS))
    existing = Municipality.objects.count()
    Municipality.objects.bulk_create(
        Municipality(slug=f"bench-{n}", name_fa=f"شهر آزمایشی {n}", is_metropolis=True)
        for n in range(max(0, needed - existing)))
    cities = list(Municipality.objects.values_list("slug", flat=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["indicator", "municipality", "organization", "period", "value"])
    for n in range(rows):
        code, city = indicators[n % len(indicators)], cities[(n // len(indicators)) % len(cities)]
        month = n // (len(indicators) * len(cities))
        writer.writerow([code, city, "", f"{1320 + month // 12}-{month % 12 + 1:02d}", f"{(n * 37) % 10007}.25"])
    return buffer.getvalue().encode("utf-8")


def empty():
    with transaction.atomic():
        Measurement.objects.all().delete()


def time_ours(data):
    empty()
    start = time.perf_counter()
    result = import_measurements(SYSTEM, io.BytesIO(data), "bench.csv")
    elapsed = time.perf_counter() - start
    assert result.ok and result.created == Measurement.objects.count(), result.errors[:3]
    return result.created, elapsed


def time_raw(data):
    empty()
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    cities = dict(Municipality.objects.values_list("slug", "pk"))
    now = timezone.now()
    rows = []
    for record in csv.DictReader(io.StringIO(data.decode("utf-8"))):
        city = cities[record["municipality"]]
        rows.append((indicators[record["indicator"]], city, f"m{city}", record["period"], str(Decimal(record["value"])),
                     "", "", "", "submitted", "", now.isoformat(" ")))
    columns = "indicator_id, municipality_id, subject, period, value, note, explanation, evidence, status, return_reason, updated"
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY strategy_measurement ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO strategy_measurement ({columns}) VALUES ({', '.join(['%s'] * 11)})", rows)
    elapsed = time.perf_counter() - start
    assert Measurement.objects.count() == len(rows)
    return len(rows), elapsed


def time_import_export(data, limit):
    import tablib
    from import_export import fields, resources, widgets

    class MeasurementResource(resources.ModelResource):
        indicator = fields.Field(attribute="indicator", column_name="indicator",
                                 widget=widgets.ForeignKeyWidget(Indicator, "code"))
        municipality = fields.Field(attribute="municipality", column_name="municipality",
                                    widget=widgets.ForeignKeyWidget(Municipality, "slug"))

        def before_import_row(self, row, **kwargs):
            row["subject"] = f"m{self.city_ids[row['municipality']]}"
            row["status"] = "submitted"

        class Meta:
            model = Measurement
            fields = ("indicator", "municipality", "subject", "period", "value", "status")
            import_id_fields = ("indicator", "subject", "period")
            use_bulk = True
            batch_size = 2000
            skip_diff = True

    empty()
    text = data.decode("utf-8").splitlines()
    dataset = tablib.Dataset().load("\n".join(text[: limit + 1]), format="csv")
    dataset.append_col([""] * len(dataset), header="subject")
    dataset.append_col([""] * len(dataset), header="status")
    resource = MeasurementResource()
    resource.city_ids = dict(Municipality.objects.values_list("slug", "pk"))
    start = time.perf_counter()
    result = resource.import_data(dataset, dry_run=False, use_transactions=True, raise_errors=True)
    elapsed = time.perf_counter() - start
    assert not result.has_errors() and Measurement.objects.count() == len(dataset)
    return len(dataset), elapsed


def peak_memory(data):
    empty()
    tracemalloc.start()
    import_measurements(SYSTEM, io.BytesIO(data), "bench.csv")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--iie-rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", action="store_true",
                        help="On the DATABASE_URL server (scripts/with-postgres); raw is then a COPY.")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    data = generate(args.rows)
    where = f"PostgreSQL {connection.pg_version // 10000}" if connection.vendor == "postgresql" else f"SQLite WAL at {WORKDIR}"
    print(f"{args.rows} rows, {len(data) / 1e6:.1f} MB of CSV, {where}")
    raw_name = "raw COPY" if connection.vendor == "postgresql" else "raw executemany"

    # The two fast ones run back to back in each round, taking turns to go first; each round gives one ratio, and
    # the median ratio is the figure, so a noisy neighbour in one round does not decide it.
    rounds = []
    for number in range(args.rounds):
        if number % 2:  # swap who goes first, so neither always meets the freshly emptied table
            raw_run = time_raw(data)
            rounds.append((time_ours(data), raw_run))
        else:
            rounds.append((time_ours(data), time_raw(data)))
    ratios = sorted((o_rows / o_time) / (r_rows / r_time) for (o_rows, o_time), (r_rows, r_time) in rounds)
    ours_rows, ours = min((o for o, _r in rounds), key=lambda run: run[1])
    raw_rows, raw = min((r for _o, r in rounds), key=lambda run: run[1])
    iie_rows, iie = time_import_export(data, min(args.iie_rows, args.rows))
    rate = {"ours": ours_rows / ours, raw_name: raw_rows / raw, "django-import-export": iie_rows / iie}
    for name, value in rate.items():
        print(f"{name:>22}: {value:>10,.0f} rows/s")
    print(f"best times: ours {ours:.1f} s, {raw_name} {raw:.1f} s for {args.rows} rows")
    print(f"ours / {raw_name} per round: " + ", ".join(f"{r:.2f}x" for r in ratios))
    print(f"ours / {raw_name}, median of the rounds = {ratios[len(ratios) // 2]:.2f}x  (aim: >= 0.5x)")
    print(f"ours / django-import-export = {rate['ours'] / rate['django-import-export']:.1f}x")

    small = generate(args.rows // 10)
    print(f"peak traced memory of our import: {peak_memory(small) / 1e6:.1f} MB at {args.rows // 10} rows, "
          f"{peak_memory(data) / 1e6:.1f} MB at {args.rows} rows")


if __name__ == "__main__":
    main()
