"""Journey: Rasht's editor opens Rasht's profile, sees an indicator where Rasht is in the bottom half, follows
"learn from" to Tehran's experience and asks Tehran about it; Tehran's editor answers under "My tasks"."""

import pytest

from kalanshahr.benchmarking.models import ExchangeRequest

from .test_resolution_journey import sign_in, sign_out

pytestmark = pytest.mark.browser


def test_learn_from_a_model_city_and_ask_it(page, live_demo, screenshot):
    sign_in(page, "rasht_editor")
    page.goto("/benchmarking/?indicator=NET-SRV-01")
    page.wait_for_selector('#ranking-chart[data-ready="yes"]')
    page.wait_for_selector('#trend-chart[data-ready="yes"]')
    assert page.locator('tr[data-city="tehran"]').locator(".rank").inner_text() == "۱"
    screenshot(page, "benchmarking-comparison-fa")

    page.goto("/benchmarking/cities/rasht/")
    lagging = page.locator('.learn-from article[data-indicator="NET-SRV-01"]')
    assert "در ربع پایانی" in lagging.inner_text() and "تهران" in lagging.inner_text()
    screenshot(page, "benchmarking-city-profile-fa")
    lagging.get_by_role("link", name="ساماندهی مشاغل مزاحم با انتقال به مجموعه‌های صنفی").click()
    assert "ساماندهی مشاغل مزاحم" in page.locator("h1").inner_text()

    page.get_by_role("link", name="پرسش از این شهر درباره‌ی آن").click()
    page.get_by_label("پرسش").fill("مجموعه‌ی صنفی تازه پیش از انتقال چند ماه آماده شد؟")
    page.get_by_role("button", name="فرستادن درخواست").click()
    assert page.get_by_text("درخواست شما فرستاده شد.").is_visible()
    assert "رشت از تهران می‌پرسد" in page.locator("h1").inner_text()
    sign_out(page)

    sign_in(page, "tehran_editor")
    page.goto("/my-tasks/")
    asked = ExchangeRequest.objects.get(from_municipality__slug="rasht")
    page.locator(f'#requests-to-answer tr[data-request="{asked.pk}"] a').click()
    page.get_by_label("پاسخ").fill("حدود شش ماه؛ برنامه‌ی زمان‌بندی را پیوست کرده‌ایم.")
    page.get_by_role("button", name="فرستادن پاسخ").click()
    assert page.get_by_text("پاسخ شما فرستاده شد.").is_visible()
    asked.refresh_from_db()
    assert asked.state == "answered" and asked.answer.startswith("حدود شش ماه")
    sign_out(page)

    sign_in(page, "rasht_editor")
    page.goto(asked.get_absolute_url())
    assert "حدود شش ماه" in page.locator("section.answer").inner_text()
    page.get_by_role("button", name="بستن: پاسخ لازم را گرفتیم").click()
    asked.refresh_from_db()
    assert asked.state == "closed"
