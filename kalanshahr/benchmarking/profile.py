"""A city's profile among the compared cities: every shared indicator in its latest period with its rank and
quartiles, its province's figures, and "learn from" for the indicators where it sits in the bottom half (the
model cities and their experiences). Read from the standings; the rules are comparison.py's."""

import heapq

from django.db import connection

from kalanshahr.lib.jalali import Period
from kalanshahr.network.models import Municipality

from .comparison import (MODEL_CITIES, MUNICIPALITIES, STANDINGS, _decimal, _pairs_sql, best_cities, latest_periods,
                         median, most_improved, standings)


def city_profile(city, indicators, *, scheme=None, learn_from=None):
    """(lines, lagging) for one city: a line per shared indicator in its latest reported period, and the lines
    where the city sits in the bottom half, each with its model cities (six queries).

    A line has the indicator, period, the city's row (with `reported`), the change of value and of rank since the
    period before, and for a lagging one `models`: the best and the most improved cities other than this one.
    With `learn_from`, `lagging` keeps that many lines, those where the city stands furthest back (by its place
    among the reporting cities) first: at national scale half of 250 indicators lag.
    """
    latest = latest_periods(indicators)
    current = {i.pk: latest[i.pk] for i in indicators if i.pk in latest}
    previous = {pk: Period.parse(key).previous().key for pk, key in current.items()}
    rows = standings(city, list(current.items()) + list(previous.items()), scheme=scheme)
    lines, lagging = [], []
    for indicator in indicators:
        if indicator.pk not in current:
            lines.append({"indicator": indicator, "row": None})
            continue
        pair = (indicator.pk, current[indicator.pk])
        row, earlier = rows[pair], rows[indicator.pk, previous[indicator.pk]]
        both = row.has_data and earlier.has_data
        line = {"indicator": indicator, "period": Period.parse(pair[1]), "pair": pair, "row": row,
                "change": row.value - earlier.value if both else None,
                "rank_change": earlier.rank - row.rank if both else None, "experiences": []}
        line["places"] = abs(line["rank_change"] or 0)
        if row.in_bottom_half:
            lagging.append(line)
        lines.append(line)
    if learn_from is not None:
        lagging = sorted(lagging, key=lambda line: -(line["row"].rank - 1) / max(line["row"].reported - 1, 1))
        lagging = lagging[:learn_from]
    best = best_cities([line["pair"] for line in lagging])
    improved = most_improved(list(best))
    models = {line["pair"]: (set(best[line["pair"]]) | {i.municipality_id for i in improved[line["pair"]]}) - {city.pk}
              for line in lagging}
    # Hundreds of cities can share the best score (every city inside an in-range indicator's range does): a line
    # names the first few by name and counts the rest, whom the ranking lists. Their names are read as text, the
    # Persian order as stored (name_order), and only the cities named are fetched as models.
    name_keys = {pk: Municipality.order_key(order, name_en) for pk, order, name_en in
                 Municipality.objects.filter(pk__in=set().union(*models.values()))
                 .values_list("pk", "name_order", "name_en")}
    named = {pair: heapq.nsmallest(MODEL_CITIES, ids, key=name_keys.__getitem__) for pair, ids in models.items()}
    cities = Municipality.objects.in_bulk(set().union(*named.values()))
    for line in lagging:
        line["models"] = [cities[pk] for pk in named[line["pair"]]]
        line["more_models"] = max(0, len(models[line["pair"]]) - MODEL_CITIES)
    return lines, lagging


def attach_experiences(lagging, experiences):
    """Adds to each lagging line the experiences (from the given queryset) of its model cities linked to its
    indicator (one query, and one for their indicators)."""
    wanted = {line["indicator"].pk: line for line in lagging}
    models = {city.pk for line in lagging for city in line["models"]}
    found = (experiences.filter(indicators__in=list(wanted), municipality__in=models)
             .select_related("municipality").prefetch_related("indicators").distinct())
    for experience in found:
        for indicator in experience.indicators.all():
            line = wanted.get(indicator.pk)
            if line and experience.municipality in line["models"]:
                line["experiences"].append(experience)


def province_figures(pairs, province):
    """{(indicator id, period key): (the province's median, [its best cities' ids])} for each pair where a city
    of the province reported, read from the standings (one query): a city profile's province columns, without
    building the province's whole ranking of each of 250 pairs. Equal to rankings(province=...)'s median and
    best (tests/benchmarking/test_standings.py)."""
    pairs = list(dict.fromkeys(pairs))
    if not pairs:
        return {}
    pairs_sql, params = _pairs_sql(pairs, ["indicator_id", "period"])
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH {pairs_sql}
            SELECT s.indicator_id, s.period, s.municipality_id, s.value, s.rank
            FROM pairs p CROSS JOIN {MUNICIPALITIES} c CROSS JOIN {STANDINGS} s
            WHERE c.division_province_id = %s AND c.is_compared AND s.indicator_id = p.indicator_id
                  AND s.period = p.period AND s.municipality_id = c.id
            ORDER BY s.indicator_id, s.period, s.rank, s.municipality_id""", params + [province.pk])
        for indicator_id, period, city, value, place in cursor.fetchall():
            found.setdefault((indicator_id, period), []).append((city, value, place))
    result = {}
    for pair, rows in found.items():
        values = sorted(value for _city, value, _place in rows)
        middle = len(values) // 2
        central = values[middle:middle + 1] if len(values) % 2 else values[middle - 1:middle + 1]
        result[pair] = (median([_decimal(value) for value in central]),
                        [city for city, _value, place in rows if place == rows[0][2]])
    return result
