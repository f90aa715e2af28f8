"""Comparisons of cities on the shared indicators, computed in SQL on SQLite and PostgreSQL alike.

The rules (docs/benchmarking.md has worked examples, which tests/benchmarking/test_comparison.py uses):

* Only verified, city-level values count (no organization, status `verified`). A city without one is
  listed as having no data; nothing is imputed.
* Cities are ordered by a score in the indicator's direction: −value when higher is better, value when
  lower is better, and for an in-range indicator the distance from the shared range (0 inside it).
* The rank is the standard competition rank: tied cities share a rank and the next rank is skipped
  (1, 2, 2, 4). `tied` says how many cities share it.
* The quartile comes from the percent rank (rank − 1) / (n − 1) of the n reporting cities: below 0.25 is
  Q1 (the best quarter), below 0.5 Q2, below 0.75 Q3, the rest Q4. Tied cities share a quartile; a lone
  reporting city is in Q1. Q3 and Q4 are the bottom half.
* The median is the middle value of the n reporting cities, or the mean of the two middle ones; the
  peer-group mean is the plain mean of the reporting members of the city's group.
* The model city is found two ways: the best value in the period (rank 1, every tied city) and the
  most improved, whose score gained most between the period and K periods before it (positive gains
  only; ties share).

Every function runs a fixed number of queries, whatever the number of cities, indicators and periods. The
queries name `pairs p CROSS JOIN strategy_measurement`: SQLite then reads the pairs first and seeks each pair's
values in the measurement_city_value index, instead of guessing (without statistics) that the status index is
the way in and scanning every verified value in the table; PostgreSQL plans a CROSS JOIN as any other join.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection

from kalanshahr.lib.jalali import JalaliParseError, Period
from kalanshahr.network.models import Municipality
from kalanshahr.strategy.models import Indicator, Measurement, MeasurementStatus

from .models import PeerMembership, Standing, StandingSummary

# The tables the queries read, named by their models so that a renamed table cannot go unnoticed.
MUNICIPALITIES = Municipality._meta.db_table
PEER_MEMBERSHIPS = PeerMembership._meta.db_table
MEASUREMENTS = Measurement._meta.db_table
INDICATORS = Indicator._meta.db_table
STANDINGS = Standing._meta.db_table
SUMMARIES = StandingSummary._meta.db_table

QUANTUM = Decimal("0.0001")
BOTTOM_HALF = (3, 4)
MODEL_CITIES = 5  # model cities named on a lagging line of a city profile
# How many periods back "most improved" looks, by frequency.
IMPROVEMENT_SPAN = {"month": 12, "quarter": 4, "year": 3}


def _score(alias):
    """SQL for the score of measurement `alias` against indicator `i`: lower is better."""
    value = f"{alias}.value"
    return (f"CASE i.direction WHEN 'higher_better' THEN -{value} WHEN 'lower_better' THEN {value} "
            f"ELSE CASE WHEN {value} < i.range_low THEN i.range_low - {value} "
            f"WHEN {value} > i.range_high THEN {value} - i.range_high ELSE 0 END END")


def _decimal(number):
    """Numbers from either database as the same Decimal: SQLite answers in floats, PostgreSQL in numerics."""
    if number is None:
        return None
    return Decimal(str(number)).quantize(QUANTUM)


def _cities_sql(scheme, group, province=None):
    """The cities compared (every compared city, one peer group's, one province's) with their group in `scheme`."""
    sql = (f"SELECT c.id AS city, pm.group_id AS peer FROM {MUNICIPALITIES} c "
           f"LEFT JOIN {PEER_MEMBERSHIPS} pm ON pm.municipality_id = c.id AND pm.scheme_id = %s "
           "WHERE c.is_compared")
    params = [scheme.pk if scheme else None]
    if group is not None:
        sql += f" AND c.id IN (SELECT municipality_id FROM {PEER_MEMBERSHIPS} WHERE group_id = %s)"
        params.append(group.pk)
    if province is not None:
        sql += " AND c.division_province_id = %s"
        params.append(province.pk)
    return sql, params


def _pairs_sql(pairs, columns):
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(pairs))
    return f"pairs ({', '.join(columns)}) AS (VALUES {placeholders})", [value for pair in pairs for value in pair]


def _opening(pairs, columns, *, scheme=None, group=None, province=None):
    """The `WITH pairs (...) AS (VALUES ...), cities AS (...)` every comparison query opens with, and its parameters."""
    pairs_sql, pair_params = _pairs_sql(pairs, columns)
    cities_sql, city_params = _cities_sql(scheme, group, province)
    return f"WITH {pairs_sql},\n        cities AS ({cities_sql})", pair_params + city_params


VERIFIED_CITY_VALUE = "{m}.organization_id IS NULL AND {m}.status = '%s' AND {m}.value IS NOT NULL" % (
    MeasurementStatus.VERIFIED.value)


# The verified city values (m) of each pair, with the pair (p), its indicator (i) and the city (c), for a SELECT.
PAIR_VALUES = (f"FROM pairs p CROSS JOIN {MEASUREMENTS} m JOIN {INDICATORS} i ON i.id = p.indicator_id "
               "JOIN cities c ON c.city = m.municipality_id "
               "WHERE m.indicator_id = p.indicator_id AND m.period = p.period AND " + VERIFIED_CITY_VALUE.format(m="m"))


@dataclass
class CityResult:
    municipality_id: int
    value: Decimal = None
    rank: int = None
    tied: int = 0
    quartile: int = None
    peer_group_id: int = None
    peer_rank: int = None
    peer_quartile: int = None
    peer_mean: Decimal = None
    municipality: Municipality = None
    reported: int = 0  # set by standings(): how many cities reported in the pair

    @property
    def has_data(self):
        return self.value is not None

    @property
    def in_bottom_half(self):
        return self.quartile in BOTTOM_HALF


@dataclass
class Ranking:
    indicator_id: int
    period: str
    rows: list = field(default_factory=list)  # reporting cities by rank, then those without data
    reported: int = 0
    total: int = 0
    median: Decimal = None
    mean: Decimal = None

    @property
    def best(self):
        return [row for row in self.rows if row.rank == 1]

    @property
    def missing(self):
        return [row for row in self.rows if row.value is None]

    def for_city(self, municipality_id):
        return next((row for row in self.rows if row.municipality_id == municipality_id), None)


def rankings(pairs, *, scheme=None, group=None, province=None, from_scratch=False):
    """{(indicator id, period key): Ranking} for each pair, over the network, one peer group or one province
    (two queries).

    With a peer-group `scheme`, each row also carries the city's rank, quartile and mean within its group. Over
    the whole network or one province the places are read from the standings (standings.py); `from_scratch`
    computes them, as a peer group's ranking always is.
    """
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    if scheme is None and group is None and not from_scratch:
        return _stored_rankings(pairs, province)
    opening, params = _opening(pairs, ["indicator_id", "period"], scheme=scheme, group=group, province=province)
    by_pair = "PARTITION BY v.indicator_id, v.period"
    by_peer = "PARTITION BY v.indicator_id, v.period, v.peer"
    sql = f"""
        {opening},
        v AS (
            SELECT p.indicator_id, p.period, m.municipality_id AS city, c.peer, m.value, {_score("m")} AS score
            {PAIR_VALUES}
        ),
        r AS (
            SELECT v.indicator_id, v.period, v.city, v.peer, v.value,
                   RANK() OVER ({by_pair} ORDER BY v.score) AS place,
                   COUNT(*) OVER ({by_pair}, v.score) AS tied,
                   COUNT(*) OVER ({by_pair}) AS reported,
                   ROW_NUMBER() OVER ({by_pair} ORDER BY v.value, v.city) AS position,
                   RANK() OVER ({by_peer} ORDER BY v.score) AS peer_place,
                   COUNT(*) OVER ({by_peer}) AS peer_reported
            FROM v
        ),
        stats AS (
            SELECT v.indicator_id, v.period, AVG(v.value) AS mean FROM v GROUP BY v.indicator_id, v.period
        ),
        medians AS (
            SELECT r.indicator_id, r.period, AVG(r.value) AS median FROM r
            WHERE r.position IN ((r.reported + 1) / 2, (r.reported + 2) / 2) GROUP BY r.indicator_id, r.period
        ),
        peers AS (
            SELECT v.indicator_id, v.period, v.peer, AVG(v.value) AS mean FROM v WHERE v.peer IS NOT NULL
            GROUP BY v.indicator_id, v.period, v.peer
        )
        SELECT r.indicator_id, r.period, r.city, r.peer, r.value, r.place, r.tied, r.reported,
               medians.median, stats.mean,
               CASE WHEN r.peer IS NULL THEN NULL ELSE r.peer_place END,
               CASE WHEN r.peer IS NULL THEN NULL ELSE r.peer_reported END,
               peers.mean
        FROM r
        JOIN medians ON medians.indicator_id = r.indicator_id AND medians.period = r.period
        JOIN stats ON stats.indicator_id = r.indicator_id AND stats.period = r.period
        LEFT JOIN peers ON peers.indicator_id = r.indicator_id AND peers.period = r.period AND peers.peer = r.peer
        ORDER BY r.indicator_id, r.period, r.place, r.city
    """
    result = {pair: Ranking(*pair) for pair in pairs}
    peer_means = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for (indicator_id, period, city, peer, value, place, tied, reported, median, mean, peer_place,
             peer_reported, peer_mean) in cursor.fetchall():
            ranking = result[indicator_id, period]
            ranking.median, ranking.mean, ranking.reported = _decimal(median), _decimal(mean), reported
            peer_means[indicator_id, period, peer] = _decimal(peer_mean)
            ranking.rows.append(CityResult(
                municipality_id=city, value=_decimal(value), rank=place, tied=tied, quartile=quartile(place, reported),
                peer_group_id=peer, peer_rank=peer_place,
                peer_quartile=None if peer_place is None else quartile(peer_place, peer_reported),
                peer_mean=_decimal(peer_mean)))
        # The cities without a value follow, in id order. Listing them in the query above would join every city to
        # every ranked row, which SQLite does by scanning: quadratic in the number of cities.
        cities_sql, city_params = _cities_sql(scheme, group, province)
        cursor.execute(f"{cities_sql} ORDER BY c.id", city_params)
        cities = cursor.fetchall()
    for pair, ranking in result.items():
        reporting = {row.municipality_id for row in ranking.rows}
        ranking.rows += [CityResult(municipality_id=city, peer_group_id=peer,
                                    peer_mean=peer_means.get((*pair, peer)) if peer is not None else None)
                         for city, peer in cities if city not in reporting]
        ranking.total = len(ranking.rows)
    return result


def _compared_cities(cursor, province=None):
    """The compared cities' ids (of one province), in id order: the rows of a ranking without data."""
    cities_sql, params = _cities_sql(None, None, province)
    cursor.execute(f"{cities_sql} ORDER BY c.id", params)
    return [city for city, _peer in cursor.fetchall()]


def _stored_rankings(pairs, province=None):
    """rankings() over the whole network or one province, from the standings (two queries, plus one per 2,000
    pairs). A province's cities keep among themselves the order of their network ranks, so their places, ties,
    median and mean follow from their stored rows; only the network's median and mean are stored."""
    result = {pair: Ranking(*pair) for pair in pairs}
    # A province's rows are sought city by city (its cities, then each one's row in the standing_unique index),
    # rather than read for every city of the pair and filtered: a province holds a few dozen of the 1,554.
    rows = (f"{MUNICIPALITIES} c CROSS JOIN {STANDINGS} s" if province else f"{STANDINGS} s")
    within = "AND c.division_province_id = %s AND s.municipality_id = c.id" if province else ""
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), 2000):
            chunk = pairs[start:start + 2000]
            pairs_sql, params = _pairs_sql(chunk, ["indicator_id", "period"])
            cursor.execute(f"""
                WITH {pairs_sql}
                SELECT s.indicator_id, s.period, s.municipality_id, s.value, s.rank, s.tied, t.reported, t.median,
                       t.mean
                FROM pairs p CROSS JOIN {rows} JOIN {SUMMARIES} t
                     ON t.indicator_id = s.indicator_id AND t.period = s.period
                WHERE s.indicator_id = p.indicator_id AND s.period = p.period {within}
                ORDER BY s.indicator_id, s.period, s.rank, s.municipality_id""",
                           params + ([province.pk] if province else []))
            for indicator_id, period, city, value, place, tied, reported, median, mean in cursor.fetchall():
                ranking = result[indicator_id, period]
                if not ranking.rows:  # the pair's summary, on each of its rows
                    ranking.median, ranking.mean, ranking.reported = _decimal(median), _decimal(mean), reported
                ranking.rows.append(CityResult(municipality_id=city, value=_decimal(value), rank=place, tied=tied))
        cities = _compared_cities(cursor, province)
    for ranking in result.values():
        if province is not None:
            _rank_among(ranking)
        for row in ranking.rows:
            row.quartile = quartile(row.rank, ranking.reported)
        reporting = {row.municipality_id for row in ranking.rows}
        ranking.rows += [CityResult(municipality_id=city) for city in cities if city not in reporting]
        ranking.total = len(ranking.rows)
    return result


def _rank_among(ranking):
    """Ranks a ranking's rows, in network order, among themselves: places, ties, count, median and mean."""
    rows = ranking.rows
    network = [row.rank for row in rows]
    sharing = Counter(network)  # the same network rank is the same score
    for index, row in enumerate(rows):
        if index == 0 or network[index] != network[index - 1]:
            place = index + 1
        row.rank, row.tied = place, sharing[network[index]]
    values = sorted(row.value for row in rows)
    ranking.reported, ranking.median = len(rows), median(values)
    ranking.mean = _decimal(sum(values) / len(values)) if values else None


@dataclass
class ProvinceSummary:
    province: object
    reported: int
    median: Decimal
    best: list  # the province's best cities (ties share), as CityResult rows with their municipality


def median(values):
    """The middle of sorted `values`, or the mean of the two middle ones (the rule of the module's docstring)."""
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return ((values[middle - 1] + values[middle]) / 2).quantize(QUANTUM)


def province_summaries(ranking, province_of=None, provinces=None):
    """[ProvinceSummary] of a ranking: per province, how many cities reported, the province median and the best
    in the province, provinces in name order (no query). The rows carry their municipality, or `province_of`
    ({city id: province id}) and `provinces` ({id: Province}) say where each city is.

    The rows come ordered by rank, so a province's first row is its best and its rows' values, sorted, give
    its median."""
    if province_of is None:
        province_of = {row.municipality_id: row.municipality.division_province_id for row in ranking.rows}
        provinces = {row.municipality.division_province_id: row.municipality.division_province
                     for row in ranking.rows if row.municipality.division_province_id}
    by_province = {}
    for row in ranking.rows:
        if row.has_data and province_of.get(row.municipality_id):
            by_province.setdefault(province_of[row.municipality_id], []).append(row)
    summaries = []
    for province_id, rows in by_province.items():
        best = [row for row in rows if row.rank == rows[0].rank]
        summaries.append(ProvinceSummary(provinces[province_id], len(rows), median(sorted(row.value for row in rows)),
                                         best))
    return sorted(summaries, key=lambda summary: summary.province.name_order)


@dataclass
class Improvement:
    municipality_id: int
    earlier_value: Decimal
    value: Decimal
    gain: Decimal  # how much the score improved, in the indicator's unit


def earlier_period(period_key):
    """The period IMPROVEMENT_SPAN before, from which "most improved" counts (the span follows the period's kind,
    which is its indicator's frequency); None past the calendar's first year."""
    return _shifted(period_key, -1)


def later_period(period_key):
    """The period IMPROVEMENT_SPAN after: the one whose gains count from this one; None past the last year."""
    return _shifted(period_key, 1)


def _shifted(period_key, sign):
    period = Period.parse(period_key)
    try:
        return period.shift(sign * IMPROVEMENT_SPAN[period.kind]).key
    except JalaliParseError:
        return None


def most_improved(pairs, *, group=None, province=None, from_scratch=False):
    """{(indicator id, period key): [Improvement]} for (indicator id, period key) pairs: the cities whose score
    improved most since the period IMPROVEMENT_SPAN before (earlier_period); ties share; a city needs a verified
    value in both, and only positive gains count.

    Over the network or one province the gains are read from the standings (one query); `from_scratch` computes
    them, as a peer group's always are (one query).
    """
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    if group is None and not from_scratch:
        return _stored_improvements(pairs, province)
    triples = [(indicator_id, period, earlier_period(period)) for indicator_id, period in pairs]
    opening, params = _opening(triples, ["indicator_id", "period", "earlier"], group=group, province=province)
    sql = f"""
        {opening},
        g AS (
            SELECT p.indicator_id, p.period, now.municipality_id AS city, before.value AS earlier_value,
                   now.value AS value, ({_score("before")}) - ({_score("now")}) AS gain
            FROM pairs p CROSS JOIN {MEASUREMENTS} now
            JOIN {INDICATORS} i ON i.id = p.indicator_id
            JOIN {MEASUREMENTS} before ON before.indicator_id = p.indicator_id
                 AND before.municipality_id = now.municipality_id AND before.period = p.earlier
            JOIN cities c ON c.city = now.municipality_id
            WHERE now.indicator_id = p.indicator_id AND now.period = p.period
                  AND {VERIFIED_CITY_VALUE.format(m="now")} AND {VERIFIED_CITY_VALUE.format(m="before")}
        ),
        ranked AS (
            SELECT g.*, RANK() OVER (PARTITION BY g.indicator_id, g.period ORDER BY g.gain DESC) AS place FROM g
            WHERE g.gain > 0
        )
        SELECT indicator_id, period, city, earlier_value, value, gain FROM ranked WHERE place = 1
        ORDER BY indicator_id, period, city
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _improvements(pairs, cursor.fetchall())


def _stored_improvements(pairs, province=None):
    """most_improved() over the network or one province, read from the standings' gains (one query).

    Over the network a pair's summary holds its best gain, and the rows with that gain are seeks in the
    standing_gain index; a province's best is the largest among its cities' rows, picked here."""
    triples = [(indicator_id, period, earlier_period(period)) for indicator_id, period in pairs]
    pairs_sql, params = _pairs_sql(triples, ["indicator_id", "period", "earlier"])
    # The joins are CROSS JOINs so that SQLite keeps their order (PostgreSQL plans them as any join): the pair,
    # its best gain, the rows with that gain (the standing_gain index) or the province's cities' rows, and only
    # then the earlier value of the few rows found.
    if province is None:
        best = f"{SUMMARIES} t CROSS JOIN {STANDINGS} s"
        of_pair = ("t.indicator_id = p.indicator_id AND t.period = p.period AND s.indicator_id = t.indicator_id "
                   "AND s.period = t.period AND s.gain = t.best_gain")
    else:
        best = f"{MUNICIPALITIES} c CROSS JOIN {STANDINGS} s"
        of_pair = ("c.division_province_id = %s AND s.indicator_id = p.indicator_id AND s.period = p.period "
                   "AND s.municipality_id = c.id AND s.gain > 0")
        params.append(province.pk)
    sql = f"""
        WITH {pairs_sql}
        SELECT s.indicator_id, s.period, s.municipality_id, b.value, s.value, s.gain
        FROM pairs p CROSS JOIN {best} CROSS JOIN {MEASUREMENTS} b
        WHERE {of_pair} AND b.indicator_id = s.indicator_id AND b.municipality_id = s.municipality_id
              AND b.period = p.earlier AND {VERIFIED_CITY_VALUE.format(m="b")}
        ORDER BY s.indicator_id, s.period, s.municipality_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    if province is not None:
        best = {}
        for indicator_id, period, _city, _earlier, _value, gain in found:
            best[indicator_id, period] = max(gain, best.get((indicator_id, period), gain))
        found = [row for row in found if row[5] == best[row[0], row[1]]]
    return _improvements(pairs, found)


def _improvements(pairs, found):
    result = {pair: [] for pair in pairs}
    for indicator_id, period, city, earlier_value, value, gain in found:
        result[indicator_id, period].append(Improvement(city, _decimal(earlier_value), _decimal(value), _decimal(gain)))
    return result


# The newest period of an indicator's verified city values (below a bound, with {below}): one entry of the
# measurement_city_value index, read backwards, on both databases. Not MAX(period): PostgreSQL does not take
# "organization_id IS NULL" as fixing that column, so it cannot see the index in period order and reads all the
# indicator's values (1.4 s for a profile's 250 indicators at national scale); ordered by the index's own columns
# it reads one.
_NEWEST = (f"SELECT m.period FROM {MEASUREMENTS} m WHERE m.indicator_id = {{indicator}} "
           f"AND m.organization_id IS NULL AND m.status = '{MeasurementStatus.VERIFIED.value}' {{below}}"
           "ORDER BY m.indicator_id DESC, m.organization_id DESC, m.status DESC, m.period DESC LIMIT 1")


def reported_periods(indicator):
    """The periods in which at least one city has a verified value, newest first (one query).

    A loose index scan: each step seeks the newest period below the last one found, so the cost follows the
    number of periods, not the number of cities times periods.
    """
    sql = f"""
        WITH RECURSIVE found(period) AS (
            SELECT ({_NEWEST.format(indicator="%s", below="")})
            UNION ALL
            SELECT ({_NEWEST.format(indicator="%s", below="AND m.period < found.period ")}) FROM found
            WHERE found.period IS NOT NULL
        )
        SELECT period FROM found WHERE period IS NOT NULL
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator.pk, indicator.pk])
        return [period for (period,) in cursor.fetchall()]


def latest_periods(indicators):
    """{indicator id: the newest period with a verified city value} (one query, one index seek per indicator)."""
    ids = [indicator.pk for indicator in indicators]
    if not ids:
        return {}
    sql = (f"SELECT i.id, ({_NEWEST.format(indicator='i.id', below='')}) "
           f"FROM {INDICATORS} i WHERE i.id IN ({', '.join(['%s'] * len(ids))})")
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return {pk: period for pk, period in cursor.fetchall() if period is not None}


def trends(indicator, municipality_ids, periods):
    """{municipality id: {period key: value}} of verified city values (one query); missing periods stay missing."""
    series = {pk: {} for pk in municipality_ids}
    rows = (Measurement.objects.verified()
            .filter(indicator=indicator, organization=None, municipality_id__in=municipality_ids, period__in=periods)
            .values_list("municipality_id", "period", "value"))
    for municipality_id, period, value in rows:
        series[municipality_id][period] = value
    return series


def shared_indicators():
    return Indicator.objects.shared().order_by("theme", "code")


def standings(city, pairs, *, scheme=None):
    """{(indicator id, period key): CityResult} of one city for each pair: its value, rank, ties and quartile among
    the reporting cities, the same within its peer group in `scheme` with the group's mean, and `reported`. A pair
    where the city has no verified value still says how many cities reported.

    The network's places are read from the standings (one query); the peer group's are counted over the group's
    members only (one query for the city's group, one for the counts).
    """
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    result = {pair: CityResult(city.pk) for pair in pairs}
    pairs_sql, params = _pairs_sql(pairs, ["indicator_id", "period"])
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH {pairs_sql}
            SELECT t.indicator_id, t.period, t.reported, s.value, s.rank, s.tied
            FROM pairs p CROSS JOIN {SUMMARIES} t
                 LEFT JOIN {STANDINGS} s ON s.indicator_id = t.indicator_id AND s.period = t.period
                                           AND s.municipality_id = %s
            WHERE t.indicator_id = p.indicator_id AND t.period = p.period""", params + [city.pk])
        for indicator_id, period, reported, value, place, tied in cursor.fetchall():
            row = result[indicator_id, period]
            row.reported = reported
            if value is not None:
                row.value, row.rank, row.tied = _decimal(value), place, tied
                row.quartile = quartile(place, reported)
    membership = (PeerMembership.objects.filter(scheme=scheme, municipality=city).select_related("group").first()
                  if scheme is not None else None)
    if membership is not None:
        for pair, peer in _counted(city, pairs, membership.group).items():
            row = result[pair]
            if row.has_data and peer.has_data:
                row.peer_group_id, row.peer_rank, row.peer_mean = membership.group_id, peer.rank, peer.peer_mean
                row.peer_quartile = quartile(peer.rank, peer.reported)
    return result


def _counted(city, pairs, group):
    """{pair: CityResult} of one city's rank among the reporting members of its peer group, with the group's mean
    as `peer_mean` (one query). It counts rather than ranks: one pass over the members' values."""
    opening, params = _opening(pairs, ["indicator_id", "period"], group=group)
    sql = f"""
        {opening},
        mine AS (
            SELECT p.indicator_id, p.period, m.value, {_score("m")} AS score
            {PAIR_VALUES} AND m.municipality_id = %s
        ),
        v AS (
            SELECT p.indicator_id, p.period, m.value, {_score("m")} AS score
            {PAIR_VALUES}
        )
        SELECT v.indicator_id, v.period, COUNT(*), mine.value,
               SUM(CASE WHEN v.score < mine.score THEN 1 ELSE 0 END) + 1, AVG(v.value)
        FROM v JOIN mine ON mine.indicator_id = v.indicator_id AND mine.period = v.period
        GROUP BY v.indicator_id, v.period, mine.value, mine.score
    """
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params + [city.pk])
        for indicator_id, period, reported, value, place, mean in cursor.fetchall():
            result[indicator_id, period] = CityResult(city.pk, value=_decimal(value), rank=place, reported=reported,
                                                      peer_mean=_decimal(mean))
    return result


def quartile(rank, count):
    """The quartile of a rank among `count` reporting cities (the rule in the module's docstring); the one place
    it is computed, for rankings() and standings() alike."""
    if count == 1:
        return 1
    share = (rank - 1) * 4 // (count - 1)
    return 4 if share >= 3 else share + 1


def best_cities(pairs):
    """{(indicator id, period key): [municipality id]} of the cities with the best score in each pair, ties
    included (one query, on the standings)."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    pairs_sql, params = _pairs_sql(pairs, ["indicator_id", "period"])
    result = {pair: [] for pair in pairs}
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH {pairs_sql}
            SELECT s.indicator_id, s.period, s.municipality_id FROM pairs p CROSS JOIN {STANDINGS} s
            WHERE s.indicator_id = p.indicator_id AND s.period = p.period AND s.rank = 1
            ORDER BY s.indicator_id, s.period, s.municipality_id""", params)
        for indicator_id, period, city in cursor.fetchall():
            result[indicator_id, period].append(city)
    return result
