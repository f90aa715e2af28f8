"""Journey: a deputy narrows the comparison and a citizen the satisfaction dashboard to one province, on the real
divisions of East Azerbaijan (code 3, with Tabriz) and Tehran (23), where a few more cities joined the comparison."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from kalanshahr.lib.jalali import Period
from kalanshahr.network import services as network_services
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import Municipality
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Indicator

from .conftest import PHONE
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def provinces(live_demo):
    call_command("load_iran_municipalities", "--province", "3", "--province", "23", stdout=io.StringIO())
    joining = list(Municipality.objects.filter(name_fa__in=["مراغه", "مرند", "شهریار"], is_district=False,
                                               division_province__code__in=["3", "23"]))
    network_services.compare_municipalities(SYSTEM, {city: 100_000 for city in joining})
    for code in ("NET-SAT-01", "NET-SRV-01"):
        indicator = Indicator.objects.get(code=code)
        latest = Period.parse(indicator.measurements.filter(status="verified").order_by("-period")[0].period)
        for number, city in enumerate(joining):
            measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=city, period=latest,
                                                             value=Decimal(40 + 10 * number), submit=True)
            strategy_services.move_measurement(SYSTEM, measurement, "verify")
    return live_demo


def test_a_deputy_compares_the_cities_of_one_province(provinces, page, screenshot):
    sign_in(page, "secretariat")
    page.goto("/benchmarking/?indicator=NET-SRV-01")
    rollup = page.locator("table.province-rollup")
    assert rollup.get_by_role("rowheader", name="آذربایجان شرقی").is_visible()
    page.locator("select[name=province]").select_option(label="آذربایجان شرقی")
    page.get_by_role("button", name="مقایسه").click()
    page.wait_for_url("**province=3**")
    assert "میانه‌ی استان" in page.locator(".kpis").inner_text()
    ranked = page.locator("tr[data-city]").all_inner_texts()
    assert any("مراغه" in row for row in ranked) and not any("رشت" in row for row in ranked)
    screenshot(page, "province-comparison-fa-desktop")
    assert axe_violations(page) == []
    page.goto("/benchmarking/cities/tabriz/")
    assert "استان: آذربایجان شرقی." in page.locator("main").inner_text()
    screenshot(page, "province-city-profile-fa-desktop")


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_citizen_reads_satisfaction_in_one_province_on_a_phone(provinces, browser, language, screenshot):
    context = browser.new_context(viewport=PHONE, base_url=provinces.url)
    page = context.new_page()
    prefix = "/en" if language == "en" else ""
    page.goto(f"{prefix}/satisfaction/")
    page.locator("select[name=province]").select_option(value="3")
    page.get_by_role("button", name="Show" if language == "en" else "نمایش").click()
    page.wait_for_url("**province=3**")
    panel = page.locator("#panel-NET-SAT-01").locator("xpath=..")
    text = panel.inner_text()
    assert ("province median" in text) if language == "en" else ("میانه‌ی استان" in text)
    assert "Rasht" not in text and "رشت" not in text
    screenshot(page, f"province-satisfaction-{language}-phone")
    assert axe_violations(page) == []
    context.close()
