"""Journey: a visitor opens the home page in Persian, on a desktop and a phone, then switches to English."""

import re

import pytest

from .conftest import PHONE

pytestmark = pytest.mark.browser

JALALI_TODAY = re.compile(r"^[۰-۹]{1,2} (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) ۱۴[۰-۹]{2}$")
GREGORIAN_TODAY = re.compile(r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d$")


def _loaded_font_families(page):
    return page.evaluate("""async () => {
        await document.fonts.ready;
        return [...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replaceAll('"', ''));
    }""")


def test_home_persian_rtl_with_local_font_then_english(page, live_demo, screenshot):
    page.goto("/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "fa"
    assert html.get_attribute("dir") == "rtl"
    assert page.locator(".card").count() == 14

    # The font is Vazirmatn, loaded from our own server, and nothing is fetched from anywhere else.
    assert "Vazirmatn" in _loaded_font_families(page)
    font_urls = [url for url in page.requested if url.endswith(".woff2")]
    assert font_urls and all(url.startswith(live_demo.url + "/static/") for url in font_urls)
    assert all(url.startswith(live_demo.url) for url in page.requested), page.requested
    assert "Vazirmatn" in page.evaluate("getComputedStyle(document.body).fontFamily")

    # Today's date in Jalali with Persian digits; figures in Persian digits and labelled as sample data.
    assert JALALI_TODAY.match(page.locator(".today").inner_text().strip())
    assert page.get_by_text("۸٬۷۰۰٬۰۰۰").count() >= 1
    assert page.locator("#cities-heading + .card-grid .badge.sample").count() == 14
    screenshot(page, "home-fa-desktop")

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing spills sideways
    screenshot(page, "home-fa-phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/en/")
    assert html.get_attribute("lang") == "en"
    assert html.get_attribute("dir") == "ltr"
    assert GREGORIAN_TODAY.match(page.locator(".today").inner_text().strip())
    assert page.get_by_text("8,700,000").count() >= 1
    screenshot(page, "home-en-desktop")

    page.get_by_role("button", name="فارسی").click()
    page.wait_for_url(re.compile(r"/$"))
    assert html.get_attribute("dir") == "rtl"


def test_editor_signs_in_and_edits_their_organization_on_a_phone(page, live_demo, screenshot):
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/?next=/organizations/tehran-industries-jobs-company/")
    page.get_by_label("نام کاربری").fill("tehran_urban_services")
    page.get_by_label("گذرواژه").fill("kalanshahr-demo")
    page.get_by_role("button", name="ورود").click()
    page.wait_for_url("**/organizations/tehran-industries-jobs-company/")
    page.get_by_role("link", name="ویرایش").click()
    page.get_by_label("وظایف").fill("ساماندهی کارگاه‌های مزاحم\nایجاد مجموعه‌های صنفی\nگزارش فصلی به معاونت")
    screenshot(page, "organization-edit-fa-phone")
    page.get_by_role("button", name="ذخیره").click()
    assert page.get_by_text("سازمان ذخیره شد.").is_visible()
    assert page.locator("ol.duties li").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "organization-fa-phone")
