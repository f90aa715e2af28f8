"""Rankings, quartiles, medians, means and model cities on small hand-computed cases (docs/benchmarking.md).

The suite runs on SQLite and on PostgreSQL, so these exact expectations hold on both."""

from decimal import Decimal

import pytest

from kalanshahr.benchmarking import comparison, profile, services
from kalanshahr.lib.jalali import Period
from kalanshahr.network.models import Organization

from .conftest import PERIOD
from kalanshahr.network.access import SYSTEM

EARLIER = Period.parse(PERIOD).shift(-12).key


def ranking_of(indicator, period=PERIOD, **options):
    return comparison.rankings([(indicator.pk, period)], **options)[indicator.pk, period]


def table(ranking, cities):
    names = {m.pk: slug for slug, m in cities.items()}
    return [(names[r.municipality_id], r.value, r.rank, r.tied, r.quartile) for r in ranking.rows if r.has_data]


def test_higher_is_better_with_a_tie_and_missing_cities(shared, put, cities):
    indicator = shared("T-HI")
    for city, value in [("tehran", "10"), ("mashhad", "8"), ("tabriz", "8"), ("rasht", "5")]:
        put(indicator, city, value)
    ranking = ranking_of(indicator)
    # Ranks 1, 2, 2, 4; percent ranks 0, 1/3, 1/3, 1 → Q1, Q2, Q2, Q4.
    assert table(ranking, cities) == [
        ("tehran", Decimal("10"), 1, 1, 1), ("mashhad", Decimal("8"), 2, 2, 2), ("tabriz", Decimal("8"), 2, 2, 2),
        ("rasht", Decimal("5"), 4, 1, 4)]
    assert (ranking.reported, ranking.total) == (4, 14)
    assert ranking.median == Decimal("8") and ranking.mean == Decimal("7.75")
    assert len(ranking.missing) == 10 and all(row.rank is None and row.quartile is None for row in ranking.missing)
    assert [row.municipality_id for row in ranking.best] == [cities["tehran"].pk]


def test_lower_is_better(shared, put, cities):
    indicator = shared("T-LO", "lower_better")
    for city, value in [("tehran", "3"), ("mashhad", "1"), ("tabriz", "2")]:
        put(indicator, city, value)
    ranking = ranking_of(indicator)
    # Percent ranks 0, 0.5, 1 → Q1, Q3, Q4.
    assert table(ranking, cities) == [("mashhad", Decimal("1"), 1, 1, 1), ("tabriz", Decimal("2"), 2, 1, 3),
                                      ("tehran", Decimal("3"), 3, 1, 4)]
    assert ranking.median == Decimal("2")


def test_in_range_ranks_by_distance_from_the_range(shared, put, cities):
    indicator = shared("T-RANGE", "in_range", range_low=Decimal("95"), range_high=Decimal("105"))
    for city, value in [("tehran", "100"), ("mashhad", "104"), ("tabriz", "90"), ("rasht", "112"), ("qom", "94")]:
        put(indicator, city, value)
    ranking = ranking_of(indicator)
    # Distances 0, 0, 5, 7, 1: two share rank 1, then 3, 4, 5; percent ranks 0, 0, .5, .75, 1.
    assert table(ranking, cities) == [
        ("tehran", Decimal("100"), 1, 2, 1), ("mashhad", Decimal("104"), 1, 2, 1), ("qom", Decimal("94"), 3, 1, 3),
        ("tabriz", Decimal("90"), 4, 1, 4), ("rasht", Decimal("112"), 5, 1, 4)]
    assert ranking.median == Decimal("100")
    assert {row.municipality_id for row in ranking.best} == {cities["tehran"].pk, cities["mashhad"].pk}


def test_a_lone_reporting_city_is_first_quartile_and_the_median(shared, put, cities):
    indicator = shared("T-ONE")
    put(indicator, "kerman", "7.25")
    ranking = ranking_of(indicator)
    assert table(ranking, cities) == [("kerman", Decimal("7.25"), 1, 1, 1)]
    assert ranking.median == ranking.mean == Decimal("7.25") and ranking.reported == 1


def test_unverified_and_organization_values_never_count(shared, put, cities):
    indicator = shared("T-VER")
    put(indicator, "tehran", "10")
    put(indicator, "mashhad", "50", verified=False)  # submitted, awaiting verification
    company = Organization.objects.get(slug="tehran-industries-jobs-company")
    put(indicator, "tehran", "99", organization=company)  # an organization's value, not the city's
    ranking = ranking_of(indicator)
    assert table(ranking, cities) == [("tehran", Decimal("10"), 1, 1, 1)]
    assert ranking.reported == 1 and ranking.for_city(cities["mashhad"].pk).value is None
    assert comparison.reported_periods(indicator) == [PERIOD]
    assert comparison.most_improved([(indicator.pk, PERIOD)])[indicator.pk, PERIOD] == []
    assert comparison.trends(indicator, [cities["mashhad"].pk], [PERIOD]) == {cities["mashhad"].pk: {}}


def test_most_improved_takes_the_largest_positive_gain_and_shares_ties(shared, put, cities):
    indicator = shared("T-IMP", "lower_better")
    for city, before, after in [("tehran", "20", "15"), ("mashhad", "30", "25"), ("tabriz", "10", "9"),
                                ("rasht", "5", "8")]:
        put(indicator, city, before, period=EARLIER)
        put(indicator, city, after)
    put(indicator, "qom", "1")  # no earlier value: cannot be compared
    improved = comparison.most_improved([(indicator.pk, PERIOD)])[indicator.pk, PERIOD]
    assert sorted((i.municipality_id, i.earlier_value, i.value, i.gain) for i in improved) == sorted([
        (cities["tehran"].pk, Decimal("20"), Decimal("15"), Decimal("5")),
        (cities["mashhad"].pk, Decimal("30"), Decimal("25"), Decimal("5"))])


def test_nobody_improved_means_no_model_city_by_improvement(shared, put):
    indicator = shared("T-WORSE")
    put(indicator, "tehran", "10", period=EARLIER)
    put(indicator, "tehran", "8")
    assert comparison.most_improved([(indicator.pk, PERIOD)])[indicator.pk, PERIOD] == []


def test_peer_groups_rank_within_the_group(shared, put, cities):
    scheme = services.create_scheme(SYSTEM, slug="test-scheme", name_fa="آزمون", kind="custom")
    big = services.create_group(SYSTEM, scheme, slug="test-big", name_fa="بزرگ",
                                members=[cities["tehran"], cities["mashhad"], cities["tabriz"]])
    services.create_group(SYSTEM, scheme, slug="test-small", name_fa="کوچک", members=[cities["rasht"], cities["qom"]])
    indicator = shared("T-PEER")
    for city, value in [("tehran", "10"), ("mashhad", "6"), ("tabriz", "2"), ("rasht", "9"), ("qom", "3")]:
        put(indicator, city, value)
    ranking = ranking_of(indicator, scheme=scheme)
    rows = {slug: ranking.for_city(cities[slug].pk) for slug in ("tehran", "mashhad", "tabriz", "rasht", "qom")}
    assert [(rows[s].rank, rows[s].peer_rank, rows[s].peer_quartile, rows[s].peer_mean) for s in rows] == [
        (1, 1, 1, Decimal("6")), (3, 2, 3, Decimal("6")), (5, 3, 4, Decimal("6")),
        (2, 1, 1, Decimal("6")), (4, 2, 4, Decimal("6"))]
    assert ranking.for_city(cities["kerman"].pk).peer_group_id is None

    within = ranking_of(indicator, group=big)
    assert (within.total, within.reported, within.median, within.mean) == (3, 3, Decimal("6"), Decimal("6"))
    assert [r.municipality_id for r in within.rows] == [cities[s].pk for s in ("tehran", "mashhad", "tabriz")]


def test_one_citys_standings_agree_with_the_full_rankings(shared, put, cities):
    """standings() counts where rankings() sorts: for every city, pair and peer group they must say the same."""
    scheme = services.create_scheme(SYSTEM, slug="test-scheme", name_fa="آزمون", kind="custom")
    services.create_group(SYSTEM, scheme, slug="test-a", name_fa="الف",
                          members=[cities["tehran"], cities["mashhad"], cities["tabriz"], cities["qom"]])
    services.create_group(SYSTEM, scheme, slug="test-b", name_fa="ب", members=[cities["rasht"], cities["shiraz"]])
    values = {"tehran": "10", "mashhad": "6", "tabriz": "6", "rasht": "9", "qom": "3", "shiraz": "41", "karaj": "6"}
    pairs = []
    for code, direction, extra in [("T-HIGH", "higher_better", {}), ("T-LOW", "lower_better", {}),
                                   ("T-RANGE", "in_range", {"range_low": Decimal(5), "range_high": Decimal(9)})]:
        indicator = shared(code, direction, **extra)
        for slug, value in values.items():
            put(indicator, slug, value)
        pairs.append((indicator.pk, PERIOD))
    full = comparison.rankings(pairs, scheme=scheme)
    fields = ("value", "rank", "tied", "quartile", "peer_group_id", "peer_rank", "peer_quartile", "peer_mean")
    for city in cities.values():
        if not city.is_compared:
            continue
        mine = comparison.standings(city, pairs, scheme=scheme)
        for pair in pairs:
            expected = full[pair].for_city(city.pk)
            assert mine[pair].reported == full[pair].reported
            if expected.has_data:
                assert [getattr(mine[pair], f) for f in fields] == [getattr(expected, f) for f in fields], city.slug
            else:
                assert not mine[pair].has_data and mine[pair].rank is None
        best = comparison.best_cities(pairs)
        assert {pair: [r.municipality_id for r in full[pair].best] for pair in pairs} == best


def test_city_profile_points_a_lagging_city_to_the_model_cities_and_their_experiences(shared, put, cities):
    indicator = shared("T-PROFILE", "lower_better")
    for city, before, after in [("tehran", "40", "10"), ("mashhad", "30", "20"), ("rasht", "35", "50"),
                                ("tabriz", "35", "30")]:
        put(indicator, city, before, period=EARLIER)
        put(indicator, city, after)
    put(indicator, "rasht", "45", period=Period.parse(PERIOD).previous().key)
    experience = services.create_experience(SYSTEM, cities["tehran"], title="t", problem="p", actions="a", results="r",
                                            indicators=[indicator])
    services.move_experience(SYSTEM, experience, "publish")
    lines, lagging = profile.city_profile(cities["rasht"], [indicator])
    profile.attach_experiences(lagging, experience.__class__.objects.published())
    line = lines[0]
    # Alone the month before, Rasht was first; it is fourth of four now: three places down, its value up by 5.
    assert (line["row"].rank, line["row"].quartile, line["change"], line["rank_change"]) == (4, 4, Decimal("5"), -3)
    assert lagging == [line] and line["models"] == [cities["tehran"]] and line["experiences"] == [experience]


@pytest.mark.parametrize("kind", ["nope", ""])
def test_a_scheme_needs_a_known_kind(demo, kind):
    from kalanshahr.lib.errors import InvalidInput

    with pytest.raises(InvalidInput):
        services.create_scheme(SYSTEM, slug="x", name_fa="x", kind=kind)
