"""Journey: the deputy's office enters the overdue month of an indicator, a verifier returns it, it is fixed and
verified, and the supervision board shows the change."""

import re

import pytest

from kalanshahr.strategy import monitoring

from .test_resolution_journey import sign_in, sign_out

pytestmark = pytest.mark.browser


def board_row(page, code):
    return page.locator(f'tr[data-indicator="{code}"]')


def test_enter_return_fix_verify_and_see_the_board(page, live_demo, screenshot):
    period = monitoring.latest_due_period("month")
    sign_in(page, "tehran_urban_services")
    page.goto("/monitoring/board/")
    assert board_row(page, "IJ-05").locator(".status-overdue").count() == 1
    page.goto("/monitoring/tehran-urban-services/")
    screenshot(page, "monitoring-tree-fa")

    page.goto(f"/monitoring/tehran-urban-services/enter/?period={period.key}")
    assert period.label() in page.locator("h1").inner_text()
    page.get_by_label("IJ-05 مقدار").fill("۷۰")  # below the 90–100 range: off track
    page.get_by_role("button", name="ذخیره و ارسال برای راستی‌آزمایی").click()
    assert page.get_by_text("۱ مقدار ذخیره و برای راستی‌آزمایی فرستاده شد.").is_visible()
    sign_out(page)

    sign_in(page, "tehran_verifier")
    page.goto("/monitoring/verify/")
    row = page.locator('tr[data-indicator="IJ-05"]')
    row.get_by_label(re.compile("دلیل بازگرداندن")).fill("رقم با گزارش مالی نمی‌خواند")
    row.get_by_role("button", name="بازگرداندن").click()
    assert page.locator('tr[data-indicator="IJ-05"]').count() == 0
    sign_out(page)

    sign_in(page, "tehran_urban_services")
    page.goto(f"/monitoring/tehran-urban-services/enter/?period={period.key}")
    returned = page.locator('tr[data-indicator="IJ-05"]')
    assert "رقم با گزارش مالی نمی‌خواند" in returned.inner_text()
    page.get_by_label("IJ-05 مقدار").fill("۹۴٫۵")
    page.get_by_role("button", name="ذخیره و ارسال برای راستی‌آزمایی").click()
    sign_out(page)

    sign_in(page, "tehran_verifier")
    page.goto("/monitoring/verify/")
    page.locator('tr[data-indicator="IJ-05"]').get_by_role("button", name="تأیید").click()
    page.goto("/monitoring/board/")
    row = board_row(page, "IJ-05")
    assert row.locator(".status-overdue").count() == 0
    assert row.locator(".kpi-on_track").count() == 1 and "۹۴٫۵" in row.inner_text()
    screenshot(page, "supervision-board-fa")

    page.goto("/indicators/IJ-05/")
    page.wait_for_function("document.getElementById('trend-chart').dataset.ready === 'yes'")
    screenshot(page, "indicator-chart-fa")


def test_closing_a_period_asks_for_confirmation_first(live_demo, page, screenshot):
    sign_in(page, "tehran_urban_services")
    page.goto("/monitoring/tehran-urban-services/")
    confirm = page.locator("details.close-period button[type=submit]")
    assert confirm.count() == 1 and not confirm.is_visible()  # one click cannot close a period
    page.locator("details.close-period summary").click()
    assert confirm.is_visible() and confirm.inner_text().startswith("بله")
    screenshot(page, "monitoring-close-period-confirm-fa")
