"""Journey: the data-entry user types a month's value and sees, before saving, the target, its tolerance, the
previous value and the status the value would get; the explanation box appears only for a value off track.
Persian on a desktop, English on a 375 px phone; the statuses agree with strategy/status.py."""

from decimal import Decimal

import pytest

from kalanshahr.lib.persian import persian_digits
from kalanshahr.strategy import monitoring
from kalanshahr.strategy import status as rules
from kalanshahr.strategy.models import Indicator, Target, subject_key

from .conftest import PHONE
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser

LABELS = {"fa": {rules.ON_TRACK: "در مسیر", rules.AT_RISK: "در معرض خطر", rules.OFF_TRACK: "خارج از مسیر"},
          "en": {rules.ON_TRACK: "On track", rules.AT_RISK: "At risk", rules.OFF_TRACK: "Off track"}}


def _target(code, period):
    indicator = Indicator.objects.select_related("organization").get(code=code)
    subject = subject_key(indicator.organization.municipality_id, indicator.organization_id)
    return indicator, Target.objects.get(indicator=indicator, subject=subject, period=period.key)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_entry_form_shows_the_resulting_status_before_saving(live_demo, page, screenshot, language):
    period = monitoring.latest_due_period("month")
    indicator, target = _target("IJ-05", period)
    low, high = target.value, target.value_high
    assert indicator.direction == rules.IN_RANGE and target.tolerance > 0
    typed = {rules.ON_TRACK: (low + high) / 2, rules.AT_RISK: low - target.tolerance / 2,
             rules.OFF_TRACK: low - target.tolerance * 3}

    sign_in(page, "tehran_urban_services")
    prefix = "" if language == "fa" else "/en"
    if language == "en":
        page.set_viewport_size(PHONE)
    page.goto(f"{prefix}/monitoring/tehran-urban-services/enter/?period={period.key}")
    row = page.locator('tr[data-indicator="IJ-05"]')
    shown_target = row.locator("td").nth(1).inner_text()
    low_text = f"{low:.1f}"
    assert (persian_digits(low_text.replace(".", "٫")) if language == "fa" else low_text) in shown_target
    assert ("تحمل" if language == "fa" else "tolerance") in shown_target
    explanation = row.locator("label.explanation")
    box = row.locator("input[name^='value-']")
    box.fill("")
    assert explanation.is_hidden() and row.locator("output.live-status").inner_text() == ""

    for expected, value in typed.items():
        assert rules.indicator_status(value, indicator.direction, low, target.tolerance, high) == expected
        text = f"{Decimal(value):.2f}"
        box.fill(persian_digits(text.replace(".", "٫")) if language == "fa" else text)
        assert row.locator("output.live-status").inner_text() == LABELS[language][expected], value
        assert explanation.is_visible() == (expected == rules.OFF_TRACK)
    screenshot(page, f"entry-live-status-{language}-{'desktop' if language == 'fa' else 'phone'}")
    assert axe_violations(page) == []

    # Saving keeps what the form showed: the value is stored, with its explanation.
    explanation.locator("input").fill("بازرسی کارگاه‌ها یک ماه عقب افتاد" if language == "fa" else "Inspections slipped")
    page.locator(".entry-form button[type=submit]").click()
    saved = page.locator('tr[data-indicator="IJ-05"]')
    assert saved.locator("label.explanation").is_visible(), "an explanation already written stays in view"
