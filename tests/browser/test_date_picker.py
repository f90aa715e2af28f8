"""Journey: the secretariat fills a meeting's dates with the Jalali date picker, by mouse and by keyboard.

The calendar is the browser's own Persian one (no download); it shows Persian month names and digits in Persian
and Latin ones in English, starts its weeks on Saturday, knows leap Esfands, and writes the date the server reads.
"""

import jdatetime
import pytest

from .conftest import PHONE
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser

FIRST_DAY, LAST_DAY = "#id_starts_on", "#id_ends_on"


def _open(page, box):
    field = page.locator(".field", has=page.locator(box))
    field.locator(".date-picker-toggle").click()
    dialog = field.get_by_role("dialog")
    dialog.wait_for(state="visible")
    return field, dialog


def test_picking_a_date_by_mouse_and_keyboard_fills_the_box_the_server_reads(live_demo, page, screenshot):
    sign_in(page, "secretariat")
    page.goto("/meetings/new/")
    box = page.locator(FIRST_DAY)
    box.fill("۱۴۰۵/۰۱/۰۱")
    field, dialog = _open(page, FIRST_DAY)
    assert dialog.locator(".date-picker-title").inner_text() == "فروردین ۱۴۰۵"
    # 1 Farvardin 1405 is a Saturday: the first column of the first week.
    assert jdatetime.date(1405, 1, 1).weekday() == 0
    first_week = dialog.locator("tbody tr").first.locator("td")
    assert first_week.first.locator("button").inner_text() == "۱"
    assert dialog.locator("button.is-chosen").inner_text() == "۱"
    assert dialog.locator("button[data-day]:focus").inner_text() == "۱", "the chosen day takes the focus"
    assert dialog.locator("th").all_inner_texts() == ["ش", "ی", "د", "س", "چ", "پ", "ج"]
    screenshot(page, "date-picker-fa-desktop")
    assert axe_violations(page) == []

    # Keyboard: left is the next day in a right-to-left page; down a week; Page Down a month; Enter picks.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("PageDown")
    assert dialog.locator(".date-picker-title").inner_text() == "اردیبهشت ۱۴۰۵"
    assert dialog.locator("button[data-day]:focus").inner_text() == "۹"
    page.keyboard.press("Enter")
    assert dialog.is_hidden() and box.input_value() == "1405/02/09"

    # Escape closes and gives the focus back to the calendar button.
    _open(page, FIRST_DAY)
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('date-picker-toggle')")

    # Esfand has 30 days in the leap year 1403 and 29 in 1404.
    for year, days in ((1403, 30), (1404, 29)):
        box.fill(f"{year}/12/01")
        _open(page, FIRST_DAY)
        assert dialog.locator("button[data-day]").count() == days == jdatetime.j_days_in_month[11] + jdatetime.date(
            year, 1, 1).isleap()
        page.keyboard.press("Escape")

    # By mouse: the next month's button, then a day; "today" in the other box.
    box.fill("1405/09/10")
    _open(page, FIRST_DAY)
    dialog.get_by_role("button", name="ماه بعد").click()
    dialog.get_by_role("button", name="۱۵ دی ۱۴۰۵").click()
    assert box.input_value() == "1405/10/15"
    _field, dialog_last = _open(page, LAST_DAY)
    dialog_last.get_by_role("button", name="امروز").click()
    today = jdatetime.date.today()
    assert page.locator(LAST_DAY).input_value() == f"{today.year}/{today.month:02d}/{today.day:02d}"


def test_the_picker_speaks_english_and_fits_a_phone(live_demo, page, screenshot):
    sign_in(page, "secretariat")
    page.goto("/en/meetings/new/")
    page.locator(FIRST_DAY).fill("1405/09/12")
    _field, dialog = _open(page, FIRST_DAY)
    assert dialog.locator(".date-picker-title").inner_text() == "Azar 1405"
    assert dialog.locator("th").first.inner_text() == "Sa"
    page.keyboard.press("ArrowRight")  # left to right: right is the next day
    assert dialog.locator("button[data-day]:focus").inner_text() == "13"
    screenshot(page, "date-picker-en-desktop")
    assert axe_violations(page) == []

    page.set_viewport_size(PHONE)
    for prefix in ("", "/en"):
        page.goto(prefix + "/meetings/new/")
        _field, dialog = _open(page, FIRST_DAY)
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], "the calendar stays on the screen"
        screenshot(page, f"date-picker-{prefix.strip('/') or 'fa'}-phone")
