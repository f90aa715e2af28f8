"""The standings: every compared city's rank on every indicator and period, kept in two tables (models.Standing,
models.StandingSummary) instead of computed on each request.

Ranking 1,554 cities on 250 indicators for a city profile took 0.6–1.4 s of SQL at national scale; reading one
city's 500 places takes a few milliseconds. The tables are written here only, in the transaction of the change
that moves them:

* strategy's `verified_values_changed` (a value verified or reopened, an import verified): its pairs are ranked
  again; with `indicators` (a direction or range changed), every period of them;
* network's `compared_cities_changed` (cities joining or leaving the comparisons): every pair in which those
  cities have a verified value;
* rebuild(): everything, after the bulk loaders (the demo, generate_scale) that write verified values directly.

The rules are comparison.py's, and rankings(from_scratch=True) still computes them: tests/benchmarking/
test_standings.py checks with hypothesis that after any sequence of changes the tables equal it.
"""

from django.db import connection, transaction

from .comparison import INDICATORS, MEASUREMENTS, MUNICIPALITIES, VERIFIED_CITY_VALUE, _score
from .models import Standing, StandingSummary

STANDINGS = Standing._meta.db_table
SUMMARIES = StandingSummary._meta.db_table
CHUNK = 2000  # pairs per statement: SQLite binds at most 32,766 parameters

# The ranked values of the compared cities, from measurements `m` filtered by {where}.
_RANKED = f"""
    INSERT INTO {STANDINGS} (indicator_id, period, municipality_id, value, rank, tied)
    SELECT v.indicator_id, v.period, v.city, v.value,
           RANK() OVER (PARTITION BY v.indicator_id, v.period ORDER BY v.score),
           COUNT(*) OVER (PARTITION BY v.indicator_id, v.period, v.score)
    FROM (SELECT m.indicator_id, m.period, m.municipality_id AS city, m.value, {_score("m")} AS score
          FROM {{source}} JOIN {INDICATORS} i ON i.id = m.indicator_id
          JOIN {MUNICIPALITIES} c ON c.id = m.municipality_id AND c.is_compared
          WHERE {VERIFIED_CITY_VALUE.format(m="m")} {{where}}) v
"""

# Each pair's summary from its standings `s` filtered by {where}.
_SUMMARISED = f"""
    INSERT INTO {SUMMARIES} (indicator_id, period, reported, median, mean)
    SELECT r.indicator_id, r.period, MAX(r.reported),
           AVG(CASE WHEN r.position IN ((r.reported + 1) / 2, (r.reported + 2) / 2) THEN r.value END), AVG(r.value)
    FROM (SELECT s.indicator_id, s.period, s.value,
                 ROW_NUMBER() OVER (PARTITION BY s.indicator_id, s.period ORDER BY s.value, s.municipality_id)
                     AS position,
                 COUNT(*) OVER (PARTITION BY s.indicator_id, s.period) AS reported
          FROM {{source}} WHERE 1 = 1 {{where}}) r
    GROUP BY r.indicator_id, r.period
"""


def _pairs_cte(pairs):
    values = ", ".join(["(%s, %s)"] * len(pairs))
    return f"WITH pairs (indicator_id, period) AS (VALUES {values}) ", [value for pair in pairs for value in pair]


@transaction.atomic
def refresh(pairs):
    """Ranks the (indicator id, period key) pairs again from their verified values."""
    pairs = sorted(set(pairs))
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), CHUNK):
            chunk = pairs[start:start + CHUNK]
            for table in (STANDINGS, SUMMARIES):
                cursor.executemany(f"DELETE FROM {table} WHERE indicator_id = %s AND period = %s", chunk)
            cte, params = _pairs_cte(chunk)
            # The pairs come first and each pair's values are one range of the measurement_city_value index.
            cursor.execute(cte + _RANKED.format(
                source=f"pairs p CROSS JOIN {MEASUREMENTS} m",
                where="AND m.indicator_id = p.indicator_id AND m.period = p.period"), params)
            cursor.execute(cte + _SUMMARISED.format(
                source=f"pairs p CROSS JOIN {STANDINGS} s",
                where="AND s.indicator_id = p.indicator_id AND s.period = p.period"), params)


@transaction.atomic
def refresh_indicators(indicator_ids):
    """Ranks every period of the indicators again."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        for table in (STANDINGS, SUMMARIES):
            cursor.execute(f"DELETE FROM {table} WHERE indicator_id IN ({marks})", ids)
        cursor.execute(_RANKED.format(source=f"{MEASUREMENTS} m", where=f"AND m.indicator_id IN ({marks})"), ids)
        cursor.execute(_SUMMARISED.format(source=f"{STANDINGS} s", where=f"AND s.indicator_id IN ({marks})"), ids)


@transaction.atomic
def refresh_cities(municipality_ids):
    """Ranks again every pair in which one of the cities has a verified value (they joined or left)."""
    ids = sorted(set(municipality_ids))
    pairs = set()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            cursor.execute(f"SELECT DISTINCT m.indicator_id, m.period FROM {MEASUREMENTS} m "
                           f"WHERE m.municipality_id IN ({', '.join(['%s'] * len(chunk))}) AND "
                           + VERIFIED_CITY_VALUE.format(m="m"), chunk)
            pairs.update(cursor.fetchall())
    refresh(pairs)


@transaction.atomic
def rebuild():
    """Every standing from scratch (after a bulk load); returns how many were written."""
    with connection.cursor() as cursor:
        for table in (STANDINGS, SUMMARIES):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute(_RANKED.format(source=f"{MEASUREMENTS} m", where=""))
        cursor.execute(_SUMMARISED.format(source=f"{STANDINGS} s", where=""))
    # PostgreSQL checks the rows' foreign keys now rather than at commit: a flush later in the same transaction
    # (the suite's copy of the demo does one) cannot empty tables with checks still pending.
    if connection.vendor == "postgresql":  # SQLite checks them as it writes
        connection.check_constraints(table_names=[STANDINGS, SUMMARIES])
    return Standing.objects.count()


def on_verified_values_changed(sender, *, pairs=(), indicators=(), **kwargs):
    indicators = set(indicators)
    if indicators:
        refresh_indicators(indicators)
    pairs = {pair for pair in pairs if pair[0] not in indicators}
    if pairs:
        refresh(pairs)


def on_compared_cities_changed(sender, *, municipalities, **kwargs):
    refresh_cities(municipalities)
