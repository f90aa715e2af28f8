"""Province roll-ups and the province filter on the comparison, the city profile and the satisfaction dashboard,
over the real divisions of two provinces (East Azerbaijan, code 3, with Tabriz; Tehran, code 23)."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from kalanshahr.benchmarking import comparison
from kalanshahr.lib.jalali import Period
from kalanshahr.network import services as network_services
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import Municipality
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Indicator

from .conftest import PERIOD
from .test_pages import count_queries

EAST_AZERBAIJAN, TEHRAN_PROVINCE = "3", "23"


def _city(name, province):
    return Municipality.objects.get(name_fa=name, division_province__code=province, is_district=False)


@pytest.fixture
def provinces(demo):
    """Two provinces' divisions; Maragheh, Marand and Shahriar join the comparison beside the demo's metropolises."""
    call_command("load_iran_municipalities", "--province", EAST_AZERBAIJAN, "--province", TEHRAN_PROVINCE,
                 stdout=io.StringIO())
    joining = [_city("مراغه", EAST_AZERBAIJAN), _city("مرند", EAST_AZERBAIJAN), _city("شهریار", TEHRAN_PROVINCE)]
    network_services.compare_municipalities(SYSTEM, {city: 100_000 for city in joining})
    return {city.slug: city for city in Municipality.objects.compared()}


@pytest.fixture
def figures(provinces, shared):
    """T-PRV in PERIOD: East Azerbaijan 10, 30, 20 (median 20, best Maragheh); Tehran province 50, 40 (median 45)."""
    indicator = shared("T-PRV")
    slugs = {city.name_fa: slug for slug, city in provinces.items()}
    for name, value in (("تبریز", "10"), ("مراغه", "30"), ("مرند", "20"), ("تهران", "50"), ("شهریار", "40")):
        measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=provinces[slugs[name]],
                                                         period=PERIOD, value=Decimal(value), submit=True)
        strategy_services.move_measurement(SYSTEM, measurement, "verify")
    return indicator


def test_province_summaries_give_each_provinces_median_and_best(figures, provinces):
    pair = (figures.pk, PERIOD)
    ranking = comparison.rankings([pair])[pair]
    for row in ranking.rows:
        row.municipality = Municipality.objects.select_related("division_province").get(pk=row.municipality_id)
    summaries = {s.province.code: s for s in comparison.province_summaries(ranking)}
    assert set(summaries) == {EAST_AZERBAIJAN, TEHRAN_PROVINCE}  # the other metropolises have no province loaded
    east = summaries[EAST_AZERBAIJAN]
    assert (east.reported, east.median, [row.municipality.name_fa for row in east.best]) == (3, Decimal("20"), ["مراغه"])
    tehran = summaries[TEHRAN_PROVINCE]
    assert (tehran.reported, tehran.median, [row.municipality.name_fa for row in tehran.best]) == (
        2, Decimal("45"), ["تهران"])
    # Filtered to a province, the ranking holds that province's compared cities only, ranked among themselves.
    only = comparison.rankings([pair], province=east.province)[pair]
    assert [(row.municipality_id, row.rank) for row in only.rows] == [
        (_city("مراغه", EAST_AZERBAIJAN).pk, 1), (_city("مرند", EAST_AZERBAIJAN).pk, 2),
        (Municipality.objects.get(slug="tabriz").pk, 3)]
    assert (only.median, only.reported, only.total) == (Decimal("20"), 3, 3)


def test_comparison_page_rolls_up_by_province_and_filters_to_one(client_for, figures):
    client = client_for("rasht_editor")
    url = f"/benchmarking/?indicator=T-PRV&period={PERIOD}"
    page = client.get(url).content.decode()
    rollup = page.split('class="data province-rollup"')[1].split("</table>")[0]
    assert "آذربایجان شرقی" in rollup and "تهران" in rollup and "مراغه" in rollup and "۴۵" in rollup
    assert f"province={EAST_AZERBAIJAN}" in rollup  # each province links to its own comparison

    filtered = client.get(f"{url}&province={EAST_AZERBAIJAN}").content.decode()
    ranking = filtered.split("<table")[1].split("</table>")[0]
    assert ranking.count("<tr data-city=") == 3 and "تهران" not in ranking
    assert "میانه‌ی استان" in filtered and "۳ از ۳ شهر داده داده‌اند" in filtered
    assert f'<option value="{EAST_AZERBAIJAN}" selected>' in filtered
    english = client.get(f"/en{url}&province={EAST_AZERBAIJAN}").content.decode()
    assert "Province median" in english and "By province" in english


def test_city_profile_shows_its_provinces_median_and_best(client_for, figures):
    page = client_for("rasht_editor").get("/benchmarking/cities/tabriz/").content.decode()
    assert "استان: آذربایجان شرقی." in page
    assert "<th>میانه‌ی استان</th><th>بهترین در استان</th>" in page
    row = page.split('<tr data-indicator="T-PRV"')[1].split("</tr>")[0]
    maragheh = _city("مراغه", EAST_AZERBAIJAN)
    assert f'/benchmarking/cities/{maragheh.slug}/' in row and "۲۰" in row


def test_satisfaction_dashboard_filters_to_a_province_and_keeps_the_network_median(client, provinces):
    indicator = Indicator.objects.get(code="NET-SAT-01")
    latest = Period.parse(indicator.measurements.filter(status="verified").order_by("-period")[0].period)
    measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=_city("مراغه", EAST_AZERBAIJAN),
                                                     period=latest, value=Decimal("60"), submit=True)
    strategy_services.move_measurement(SYSTEM, measurement, "verify")
    page = client.get(f"/satisfaction/?province={EAST_AZERBAIJAN}").content.decode()
    panel = page.split('id="panel-NET-SAT-01"')[1].split("</section>")[0]
    assert "میانه‌ی استان" in panel and "از ۳ شهر مقایسه‌شده‌ی استان داده داده‌اند" in panel and "میانه‌ی کل شبکه" in panel
    lines = panel.split("<tbody>")[1].split("</tbody>")[0]
    assert "مراغه" in lines and "تبریز" in lines and "تهران" not in lines
    whole = client.get("/satisfaction/").content.decode().split('id="panel-NET-SAT-01"')[1].split("</section>")[0]
    assert 'class="province-rollup"' in whole and "آذربایجان شرقی" in whole.split('class="province-rollup"')[1]


def test_province_pages_query_counts_do_not_grow_with_the_cities_of_the_province(client_for, figures, shared):
    client = client_for("rasht_editor")
    urls = [f"/benchmarking/?indicator=T-PRV&period={PERIOD}&province={EAST_AZERBAIJAN}",
            "/benchmarking/cities/tabriz/", f"/satisfaction/?province={EAST_AZERBAIJAN}"]
    before = [count_queries(client, url)[0] for url in urls]
    more = Municipality.objects.filter(division_province__code=EAST_AZERBAIJAN, is_district=False,
                                       is_compared=False).order_by("name_order")[:6]
    network_services.compare_municipalities(SYSTEM, {city: 50_000 for city in more})
    for number, city in enumerate(more):
        measurement = strategy_services.save_measurement(SYSTEM, figures, municipality=city, period=PERIOD,
                                                         value=Decimal(number), submit=True)
        strategy_services.move_measurement(SYSTEM, measurement, "verify")
    assert [count_queries(client, url)[0] for url in urls] == before
