"""The public citizen-satisfaction dashboard: for every city, the shared indicators of the citizen-satisfaction
family, its latest verified value, its trend and the network median. It reads strategy's verified
measurements through comparison.py and copies nothing; a fixed number of queries whatever the number of
cities and periods.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from kalanshahr.lib import sparkline
from kalanshahr.lib.jalali import Period
from kalanshahr.network.models import Municipality, Province
from kalanshahr.strategy import datakeys
from kalanshahr.strategy.models import Family, Measurement

from . import comparison

TREND_PERIODS = 12
CITIES_PER_PAGE = 30  # lines per panel on one page of the dashboard; at national scale there are 1,400
SPARK_WIDTH, SPARK_HEIGHT = sparkline.WIDTH, sparkline.HEIGHT
BAR_WIDTH = 160


@dataclass
class CityLine:
    municipality: Municipality
    value: object = None
    period: Period | None = None
    rank: int | None = None
    quartile: int | None = None
    trend: list = field(default_factory=list)  # [(period key, value)], oldest first
    points: str = ""                           # the sparkline's SVG polyline
    median_y: float | None = None              # where the network median falls on the sparkline
    is_current: bool = False                   # the value is of the network's latest period
    bar: int = 0                               # the ranked bar's length, out of BAR_WIDTH
    survey: object = None                      # a Measured when the latest value came from a survey wave
    versus: object = None                      # the Versus of a measured value with the one ranked above it

    @property
    def has_data(self):
        return self.value is not None


@dataclass(frozen=True)
class Measured:
    """A value the platform measured itself: how many answered, its 95% interval and the wave's page."""

    answers: int
    low: object
    high: object
    url: str

    @classmethod
    def of(cls, answers, low, high, url):
        """From a measurement's survey fields (Measurement.MEASURED_FIELDS, in their order)."""
        return cls(answers, low, high, url or "")

    def apart_from(self, other):
        """Whether the two intervals share no point: only then can the data tell the two cities apart."""
        if None in (self.low, self.high, other.low, other.high):
            return False
        return self.low > other.high or self.high < other.low


@dataclass(frozen=True)
class Versus:
    """Whether a measured city can be told apart from the measured city ranked just above it: only when their 95%
    intervals do not overlap (their difference could otherwise be the chance of who answered)."""

    above: object  # the Municipality ranked above
    apart: bool


@dataclass
class Panel:
    indicator: object
    period: Period | None
    median: object
    reported: int
    total: int
    lines: list
    median_x: int | None = None                # where the network median falls along the bars
    network_median: object = None              # with a province chosen, the whole network's median
    provinces: list = field(default_factory=list)  # [comparison.ProvinceSummary] over the whole network


def satisfaction_indicators():
    return comparison.shared_indicators().filter(family=Family.CITIZEN_SATISFACTION)


def _window(latest_key):
    latest = Period.parse(latest_key)
    return [latest.shift(-step).key for step in range(TREND_PERIODS - 1, -1, -1)]


def _bar(value, scale_high):
    """The length of a city's bar, out of BAR_WIDTH, against the highest value of the panel."""
    if value is None or not scale_high or scale_high <= 0:
        return 0
    return max(1, round(BAR_WIDTH * float(value) / float(scale_high)))


def city_index(province=None):
    """(the ids of the compared cities, of `province` if given, in name order; {id: province id} of every compared
    city): one query of 1,554 rows of text, not models; only the cities a page shows are fetched as models."""
    index = list(Municipality.objects.compared().values_list("pk", "division_province_id", "name_order", "name_en"))
    by_name = [pk for pk, *_rest in sorted(
        (row for row in index if province is None or row[1] == province.pk),
        key=lambda row: (Municipality.order_key(row[2], row[3]), row[0]))]
    return by_name, {pk: province_id for pk, province_id, *_rest in index}


def page_count(cities):
    return max(1, -(-cities // CITIES_PER_PAGE))


def panels(indicators, page, province=None):
    """[Panel] of each of these indicators, each with one page of its cities' lines, best first and no data last
    (the CSV has every city). A panel's median and coverage cover every city, or every city of `province`; its
    province roll-ups cover the whole network. The queries are the same for one indicator or thirteen, so the
    page builds only the panels whose indicator changed (views.satisfaction_dashboard)."""
    by_name, located = city_index(province)
    page = min(max(page, 1), page_count(len(by_name)))
    shown = slice((page - 1) * CITIES_PER_PAGE, page * CITIES_PER_PAGE)
    latest = comparison.latest_periods(indicators)
    windows = {i.pk: _window(latest[i.pk]) for i in indicators if i.pk in latest}
    pairs = [(pk, window[-1]) for pk, window in windows.items()]
    network = comparison.rankings(pairs)
    ranked = network if province is None else comparison.rankings(pairs, province=province)
    provinces = Province.objects.in_bulk(set(located.values()) - {None}) if pairs else {}
    rollups = {pair: comparison.province_summaries(ranking, located, provinces) for pair, ranking in network.items()}
    # The page's cities of each panel: those ranked first, then the rest by name (rankings() orders them so).
    chosen = {pk: [row.municipality_id for row in ranked[pk, window[-1]].rows][shown] for pk, window in windows.items()}
    cities = Municipality.objects.in_bulk({pk for ids in chosen.values() for pk in ids} | set(by_name[shown]) | {
        row.municipality_id for summaries in rollups.values() for summary in summaries for row in summary.best})
    for summaries in rollups.values():
        for summary in summaries:
            for row in summary.best:
                row.municipality = cities[row.municipality_id]
    series = {}
    rows = (Measurement.objects.verified()
            .filter(indicator__in=list(windows), organization=None,
                    municipality__in={city for ids in chosen.values() for city in ids},
                    period__in={key for window in windows.values() for key in window})
            .values_list("indicator_id", "municipality_id", "period", "value", *Measurement.MEASURED_FIELDS)
            if windows else [])
    measured = {}
    for indicator_id, city_id, period, value, answers, low, high, url in rows:
        series.setdefault((indicator_id, city_id), []).append((period, value))
        if answers is not None:
            measured[indicator_id, city_id, period] = Measured.of(answers, low, high, url)
    built = []
    for indicator in indicators:
        window = windows.get(indicator.pk)
        if window is None:
            built.append(Panel(indicator, None, None, 0, len(by_name), [CityLine(cities[pk]) for pk in by_name[shown]]))
            continue
        ranking = ranked[indicator.pk, window[-1]]
        standing = {row.municipality_id: row for row in ranking.rows if row.has_data}
        trends = {city_id: sorted(series.get((indicator.pk, city_id), [])) for city_id in chosen[indicator.pk]}
        scale = sparkline.Scale.of([value for trend in trends.values() for _key, value in trend] + [ranking.median])
        longest = max([trend[-1][1] for trend in trends.values() if trend] + [ranking.median or 0])
        lines = []
        for city_id, trend in trends.items():
            line = CityLine(cities[city_id], trend=trend)
            if trend:
                line.period, line.value = Period.parse(trend[-1][0]), trend[-1][1]
                line.points = sparkline.points(trend, window, scale)
                line.median_y = scale.y(ranking.median) if ranking.median is not None else None
                line.bar = _bar(line.value, longest)
                line.survey = measured.get((indicator.pk, city_id, trend[-1][0]))
                row = standing.get(city_id)
                if row is not None:
                    line.is_current, line.rank, line.quartile = True, row.rank, row.quartile
            lines.append(line)
        lines.sort(key=lambda line: (line.rank is None, line.rank or 0, not line.has_data, line.municipality.name))
        compare_measured(lines, current=lambda line: line.is_current)
        whole = network[indicator.pk, window[-1]]
        built.append(Panel(indicator, Period.parse(window[-1]), ranking.median, ranking.reported, len(by_name),
                           lines, median_x=_bar(ranking.median, longest) if ranking.median is not None else None,
                           network_median=whole.median if province is not None else None,
                           provinces=rollups[indicator.pk, window[-1]]))
    return built


def measured_values(indicator, period, city_ids):
    """{city id: Measured} of the cities whose value of `indicator` in `period` a survey measured (one query; none
    for an indicator outside the citizen-satisfaction family, which no survey measures)."""
    if indicator.family != Family.CITIZEN_SATISFACTION or not city_ids:
        return {}
    rows = (Measurement.objects.verified()
            .filter(indicator=indicator, organization=None, period=period, municipality__in=set(city_ids),
                    sample_size__isnull=False)
            .values_list("municipality_id", *Measurement.MEASURED_FIELDS))
    return {city_id: Measured.of(*fields) for city_id, *fields in rows}


def compare_measured(items, current=lambda item: True):
    """Marks each survey-measured item (a panel line or a ranking row, best first, with `survey` and
    `municipality`) with the Versus of the measured item ranked above it."""
    above = None
    for item in items:
        item.versus = None
    for line in items:
        if getattr(line, "survey", None) is None or not current(line):
            continue
        if above is not None:
            line.versus = Versus(above.municipality, line.survey.apart_from(above.survey))
        above = line


@dataclass(frozen=True)
class Standing:
    """A city's survey-measured value beside the other cities measured in the same period: whose interval lies
    wholly above its own, wholly below, and whose overlaps (the data cannot tell those apart from it)."""

    survey: Measured
    higher: list
    lower: list
    overlapping: list


def attach_standings(city, lines):
    """Sets `standing` on each of a city profile's lines (dicts with `indicator` and `pair`): the Standing of a
    value a survey measured, else None. One query for the measured values of the citizen-satisfaction lines, one
    for the names of the other cities; none when no such line has data."""
    pairs = [line["pair"] for line in lines
             if line.get("pair") and line["indicator"].family == Family.CITIZEN_SATISFACTION]
    for line in lines:
        line["standing"] = None
    if not pairs:
        return
    wanted = Q()
    for indicator_id, period in pairs:
        wanted |= Q(indicator_id=indicator_id, period=period)
    rows = (Measurement.objects.verified().filter(wanted, organization=None, sample_size__isnull=False)
            .values_list("indicator_id", "period", "municipality_id", *Measurement.MEASURED_FIELDS))
    found = {}
    for indicator_id, period, city_id, answers, low, high, url in rows:
        found.setdefault((indicator_id, period), {})[city_id] = Measured.of(answers, low, high, url)
    found = {pair: measured for pair, measured in found.items() if city.pk in measured}
    names = Municipality.objects.in_bulk({pk for measured in found.values() for pk in measured} - {city.pk})
    standings = {}
    for pair, measured in found.items():
        own = measured.pop(city.pk)
        others = sorted(measured.items(), key=lambda item: Municipality.order_key(names[item[0]].name_order,
                                                                                   names[item[0]].name_en))
        standings[pair] = Standing(
            own, higher=[names[pk] for pk, other in others if own.apart_from(other) and other.low > own.high],
            lower=[names[pk] for pk, other in others if own.apart_from(other) and other.high < own.low],
            overlapping=[names[pk] for pk, other in others if not own.apart_from(other)])
    for line in lines:
        line["standing"] = standings.get(line.get("pair"))


@dataclass(frozen=True)
class Headline:
    indicator: object
    period: Period
    median: object
    reported: int
    total: int


def headline():
    """[Headline] of each satisfaction indicator at its newest period: the network median and how many cities it
    covers, for the home page, read from the stored summaries (four queries, whatever the number of cities): a
    value verified anywhere retires the home page's figures, so they must be cheap to build again."""
    indicators = list(satisfaction_indicators())
    latest = comparison.latest_periods(indicators)
    found = summaries(list(latest.items()))
    total = Municipality.objects.compared().count()
    return [Headline(i, Period.parse(latest[i.pk]), *found[i.pk, latest[i.pk]], total)
            for i in indicators if i.pk in latest]


def summaries(pairs):
    """{(indicator id, period key): (median, reported)} over the compared cities, from the stored summaries (one
    query); a pair without a verified city value is (None, 0). Equal to rankings()'s median and count
    (tests/benchmarking/test_standings.py)."""
    pairs = list(dict.fromkeys(pairs))
    result = {pair: (None, 0) for pair in pairs}
    if not pairs:
        return result
    pairs_sql, params = comparison._pairs_sql(pairs, ["indicator_id", "period"])
    with connection.cursor() as cursor:
        cursor.execute(f"""
            WITH {pairs_sql}
            SELECT t.indicator_id, t.period, t.median, t.reported
            FROM pairs p CROSS JOIN {comparison.SUMMARIES} t
            WHERE t.indicator_id = p.indicator_id AND t.period = p.period""", params)
        for indicator_id, period, middle, reported in cursor.fetchall():
            result[indicator_id, period] = (comparison._decimal(middle), reported)
    return result


def data_keys():
    """The data keys of the satisfaction indicators' verified values (strategy/datakeys.py; one query): what the
    dashboard and the home page's figures show, so that a value of another indicator keeps them."""
    return [datakeys.indicator_values(pk) for pk in satisfaction_indicators().values_list("pk", flat=True)]


def csv_rows():
    """Every verified value of the satisfaction indicators for the metropolises, for the CSV download."""
    return (Measurement.objects.verified()
            .filter(indicator__in=satisfaction_indicators(), organization=None,
                    municipality__in=Municipality.objects.compared())
            .order_by("indicator__code", "municipality__name_order", "municipality_id", "period")
            .values_list("municipality__slug", "municipality__name_fa", "indicator__code", "indicator__name_fa",
                         "indicator__unit", "period", "value", "indicator__is_sample_data"))
