"""The standings: every compared city's rank on every indicator and period, kept in two tables (models.Standing,
models.StandingSummary) instead of computed on each request.

Ranking 1,554 cities on 250 indicators for a city profile took 0.6–1.4 s of SQL at national scale; reading one
city's 500 places takes a few milliseconds. The same holds for "most improved": each row also keeps the city's gain
since the period IMPROVEMENT_SPAN before (comparison.earlier_period), and each summary the best positive gain, so
that a profile's lagging lines read their most improved cities instead of joining two periods of 1,554 values
each (0.39 s for a profile's 125 lagging lines). The tables are written here only, in the transaction of the
change that moves them:

* strategy's `verified_values_changed` (a value verified or reopened, an import verified): its pairs are ranked
  again, and so are the pairs one span later, whose gains count from them; with `indicators` (a direction or
  range changed), every period of them;
* network's `compared_cities_changed` (cities joining or leaving the comparisons): every pair in which those
  cities have a verified value;
* rebuild(): everything, after the bulk loaders (the demo, generate_scale) that write verified values directly.

The rules are comparison.py's, and rankings(from_scratch=True) and most_improved(from_scratch=True) still compute
them: tests/benchmarking/test_standings.py checks with hypothesis that after any sequence of changes the tables
equal them.
"""

from django.db import connection, transaction

from .comparison import (INDICATORS, MEASUREMENTS, MUNICIPALITIES, VERIFIED_CITY_VALUE, _score, earlier_period,
                         later_period)
from .models import Standing, StandingSummary

STANDINGS = Standing._meta.db_table
SUMMARIES = StandingSummary._meta.db_table
CHUNK = 2000  # pairs per statement: SQLite binds at most 32,766 parameters

# The ranked values of the compared cities in the pairs `p` (indicator_id, period, earlier), each with its score's
# gain since the earlier period when the city had a verified value then.
_RANKED = f"""
    INSERT INTO {STANDINGS} (indicator_id, period, municipality_id, value, rank, tied, gain)
    SELECT v.indicator_id, v.period, v.city, v.value,
           RANK() OVER (PARTITION BY v.indicator_id, v.period ORDER BY v.score),
           COUNT(*) OVER (PARTITION BY v.indicator_id, v.period, v.score),
           v.gain
    FROM (SELECT m.indicator_id, m.period, m.municipality_id AS city, m.value, {_score("m")} AS score,
                 ({_score("b")}) - ({_score("m")}) AS gain
          FROM pairs p CROSS JOIN {MEASUREMENTS} m JOIN {INDICATORS} i ON i.id = m.indicator_id
          JOIN {MUNICIPALITIES} c ON c.id = m.municipality_id AND c.is_compared
          LEFT JOIN {MEASUREMENTS} b ON b.indicator_id = m.indicator_id AND b.municipality_id = m.municipality_id
               AND b.period = p.earlier AND {VERIFIED_CITY_VALUE.format(m="b")}
          WHERE m.indicator_id = p.indicator_id AND m.period = p.period AND {VERIFIED_CITY_VALUE.format(m="m")}) v
"""

# Each pair's summary from its standings.
_SUMMARISED = f"""
    INSERT INTO {SUMMARIES} (indicator_id, period, reported, median, mean, best_gain)
    SELECT r.indicator_id, r.period, MAX(r.reported),
           AVG(CASE WHEN r.position IN ((r.reported + 1) / 2, (r.reported + 2) / 2) THEN r.value END), AVG(r.value),
           MAX(CASE WHEN r.gain > 0 THEN r.gain END)
    FROM (SELECT s.indicator_id, s.period, s.value, s.gain,
                 ROW_NUMBER() OVER (PARTITION BY s.indicator_id, s.period ORDER BY s.value, s.municipality_id)
                     AS position,
                 COUNT(*) OVER (PARTITION BY s.indicator_id, s.period) AS reported
          FROM pairs p CROSS JOIN {STANDINGS} s WHERE s.indicator_id = p.indicator_id AND s.period = p.period) r
    GROUP BY r.indicator_id, r.period
"""

_VERIFIED_PAIRS = (f"SELECT DISTINCT m.indicator_id, m.period FROM {MEASUREMENTS} m WHERE "
                   + VERIFIED_CITY_VALUE.format(m="m"))


def _rank(cursor, pairs):
    """Writes the standings and summaries of `pairs`, which hold none (chunk by chunk, two statements each). The
    pairs come first and each pair's values are one range of the measurement_city_value index."""
    pairs = sorted(pairs)
    for start in range(0, len(pairs), CHUNK):
        triples = [(indicator_id, period, earlier_period(period)) for indicator_id, period in pairs[start:start + CHUNK]]
        values = ", ".join(["(%s, %s, %s)"] * len(triples))
        cte = f"WITH pairs (indicator_id, period, earlier) AS (VALUES {values}) "
        params = [value for triple in triples for value in triple]
        cursor.execute(cte + _RANKED, params)
        cursor.execute(cte + _SUMMARISED, params)


@transaction.atomic
def refresh(pairs):
    """Ranks the (indicator id, period key) pairs again from their verified values, and the pairs one span later."""
    pairs = set(pairs)
    pairs |= {(indicator_id, later) for indicator_id, period in pairs if (later := later_period(period))}
    pairs = sorted(pairs)
    with connection.cursor() as cursor:
        for table in (STANDINGS, SUMMARIES):
            cursor.executemany(f"DELETE FROM {table} WHERE indicator_id = %s AND period = %s", pairs)
        _rank(cursor, pairs)


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
        cursor.execute(f"{_VERIFIED_PAIRS} AND m.indicator_id IN ({marks})", ids)
        _rank(cursor, cursor.fetchall())


@transaction.atomic
def refresh_cities(municipality_ids):
    """Ranks again every pair in which one of the cities has a verified value (they joined or left)."""
    ids = sorted(set(municipality_ids))
    pairs = set()
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            cursor.execute(f"{_VERIFIED_PAIRS} AND m.municipality_id IN ({', '.join(['%s'] * len(chunk))})", chunk)
            pairs.update(cursor.fetchall())
    refresh(pairs)


@transaction.atomic
def rebuild():
    """Every standing from scratch (after a bulk load); returns how many were written."""
    with connection.cursor() as cursor:
        for table in (STANDINGS, SUMMARIES):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute(_VERIFIED_PAIRS)
        _rank(cursor, cursor.fetchall())
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
