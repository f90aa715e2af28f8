"""Journey: the secretariat adopts and submits a resolution, the authority approves it, and Mashhad's editor
records its implementation; the adoption matrix cell follows along."""

import re

import pytest

from kalanshahr.meetings.models import Resolution

from .conftest import PHONE

pytestmark = pytest.mark.browser

MEETING = "/meetings/financial-administrative-deputies/30/"


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("نام کاربری").fill(username)
    page.get_by_label("گذرواژه").fill("kalanshahr-demo")
    page.get_by_role("button", name="ورود").click()
    page.wait_for_url(re.compile(r"/$"))


def sign_out(page):
    page.get_by_role("button", name="خروج").click()


def move(page, button, expected_state):
    page.get_by_role("link", name=button, exact=True).click()
    page.get_by_role("button", name=button, exact=True).click()
    assert page.locator("h1 .state").inner_text() == expected_state


def matrix_cell(page, code, city):
    return page.locator(f'td[data-resolution="{code}"][data-city="{city}"]')


def test_resolution_from_draft_to_implemented_in_mashhad(page, live_demo, screenshot):
    code = Resolution.objects.get(state="draft").code
    sign_in(page, "secretariat")
    page.goto(MEETING)
    screenshot(page, "meeting-fa-desktop")
    page.get_by_role("link", name=code).click()
    move(page, "تصویب در کارگروه", "تصویب در کارگروه")
    move(page, "ارسال به مرجع ذی‌صلاح", "ارسال‌شده به مرجع")
    sign_out(page)

    sign_in(page, "authority")
    page.goto("/my-tasks/")
    page.get_by_role("link", name=code).click()
    move(page, "تصویب", "تصویب‌شده")
    assert page.locator("table.data tbody tr").count() == 14  # one adoption row per participating city
    sign_out(page)

    sign_in(page, "mashhad_editor")
    page.goto("/adoptions/?group=DEP")
    cell = matrix_cell(page, code, "mashhad")
    assert cell.inner_text().strip() == "در انتظار"
    assert matrix_cell(page, code, "tehran").locator("a").count() == 0  # not Mashhad's to change
    cell.locator("a").click()
    page.get_by_label("وضعیت").select_option("in_progress")
    page.get_by_role("button", name="ذخیره").click()
    assert matrix_cell(page, code, "mashhad").inner_text().strip() == "در دست اجرا"
    matrix_cell(page, code, "mashhad").locator("a").click()
    page.get_by_label("وضعیت").select_option("implemented")
    page.get_by_label("شماره‌ی نامه یا مرجع").fill("۱۴۰۵/۷۷")
    page.get_by_role("button", name="ذخیره").click()
    cell = matrix_cell(page, code, "mashhad")
    assert cell.inner_text().strip() == "اجراشده"
    assert "status-implemented" in cell.get_attribute("class")
    screenshot(page, "adoption-matrix-fa-desktop")

    page.set_viewport_size(PHONE)
    page.goto("/adoptions/?group=DEP")
    # The page itself does not scroll sideways; the matrix scrolls inside its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate("document.querySelector('.matrix-scroll').scrollWidth") > PHONE["width"]
    screenshot(page, "adoption-matrix-fa-phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(MEETING + "report/")
    assert page.locator(".report-group").count() == 5
    screenshot(page, "closing-report-fa")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    screenshot(page, "closing-report-fa-print")
