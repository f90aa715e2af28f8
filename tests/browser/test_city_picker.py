"""Journey: choosing one city among Iran's 1,554 with the search-as-you-type picker (static/js/city-picker.js).

The demo plus the whole national divisions (load_iran_municipalities), as `make run` serves them. The picker
matches what people type however they type it: Arabic yeh and kaf, a word's start, a name written apart.
"""

import io

import pytest
from django.core.management import call_command

from kalanshahr.network.models import Municipality

from .conftest import PHONE
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def nation(live_demo):
    call_command("load_iran_municipalities", stdout=io.StringIO())
    return live_demo


def _options(page):
    return page.get_by_role("listbox").get_by_role("option").all_inner_texts()


def test_the_host_of_a_new_meeting_is_found_by_typing_and_picked_by_keyboard(nation, page, screenshot):
    sign_in(page, "secretariat")
    page.goto("/meetings/new/")
    box = page.get_by_role("combobox", name="شهرداری میزبان")
    assert page.locator("select#id_host").is_hidden(), "the plain select gives way to the search box"
    # «بندر ع», written apart and with an Arabic yeh elsewhere, still finds Bandar Abbas, labelled with its province.
    box.fill("بندر ع")
    assert "بندرعباس (هرمزگان)" in _options(page)
    screenshot(page, "city-picker-fa-desktop")
    assert axe_violations(page) == []
    box.fill("كرمانشاه")  # Arabic kaf
    assert _options(page)[0].startswith("کرمانشاه")
    box.fill("بندرعب")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")  # picks, and does not send the half-filled form
    assert page.get_by_role("listbox").is_hidden()
    assert box.input_value() == "بندرعباس (هرمزگان)"
    bandar_abbas = Municipality.objects.get(name_fa="بندرعباس")
    assert page.locator("select#id_host").input_value() == str(bandar_abbas.pk)
    assert page.url.endswith("/meetings/new/")

    # A name nobody has: the list says so, and the status line tells a screen reader.
    box.fill("ززززز")
    assert page.get_by_role("listbox").inner_text() == "موردی پیدا نشد"
    # Escape closes the list and brings back the city already chosen.
    page.keyboard.press("Escape")
    assert box.input_value() == "بندرعباس (هرمزگان)"

    # The long list of participants gets a filter box; ticks survive filtering.
    participants = page.locator("fieldset.choices", has=page.get_by_text("شهرداری‌های شرکت‌کننده"))
    tabriz = participants.get_by_label("تبریز (آذربایجان شرقی)", exact=True)
    tabriz.check()
    participants.get_by_role("searchbox").fill("مراغه")
    districts = Municipality.objects.filter(is_district=True, name_fa__startswith="مراغه").order_by("name_order")
    assert [text.strip() for text in participants.locator("label:visible").all_inner_texts()] == [
        "مراغه (آذربایجان شرقی)", *(f"{city.name_fa} (منطقه، آذربایجان شرقی)" for city in districts)]
    assert districts.count() == 2
    assert tabriz.is_hidden() and tabriz.is_checked()
    participants.get_by_role("searchbox").fill("")
    assert tabriz.is_visible() and tabriz.is_checked()


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_citizen_names_the_city_of_an_idea_on_a_phone(nation, browser, language, screenshot):
    context = browser.new_context(viewport=PHONE, base_url=nation.url)
    page = context.new_page()
    page.goto("/en/ideas/new/" if language == "en" else "/ideas/new/")
    box = page.get_by_role("combobox", name="City" if language == "en" else "شهر")
    box.click()
    # 1,554 cities and the demo's own: the list shows the first ones and asks for more letters.
    assert page.locator(".city-search-more").is_visible()
    box.fill("tabr" if language == "en" else "تبر")
    found = _options(page)
    assert any(label.startswith("Tabriz" if language == "en" else "تبریز") for label in found)
    screenshot(page, f"city-picker-{language}-phone")
    assert axe_violations(page) == []
    page.get_by_role("option", name=found[0]).click()
    assert page.locator("select#id_municipality").input_value() == str(Municipality.objects.get(slug="tabriz").pk)
    context.close()
