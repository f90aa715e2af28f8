"""Journey: an anonymous citizen submits an idea through the captcha (solved by django-simple-captcha's test
mode) and confirms their email; the secretariat screens it and assigns both experts; each expert reviews it;
the secretariat decides on a pilot; the public page shows the decision. Then the public satisfaction
dashboard at phone width."""

import re

import pytest
from django.core import mail

from kalanshahr.ideas.models import Idea

from .conftest import PHONE, pick_city
from .test_resolution_journey import sign_in, sign_out

pytestmark = pytest.mark.browser

TITLE = "نقشه‌ی جای خالی پارک حاشیه‌ای در اپلیکیشن شهری"


def step(page, summary, button=None, **fields):
    """Opens the idea page's step `summary`, fills its fields by label and presses its button."""
    section = page.locator("details", has=page.locator("summary", has_text=summary))
    section.locator("summary").click()
    for label, value in fields.items():
        section.get_by_label(label.replace("_", " ")).fill(value)
    section.get_by_role("button", name=button or summary).click()


def review(page, username, scores, comment):
    sign_in(page, username)
    page.goto("/ideas/reviews/")
    page.locator("tr", has_text=TITLE).get_by_role("link", name="داوری", exact=True).click()
    for name, score in scores.items():
        page.locator(f'input[name="{name}"][value="{score}"]').check()
    page.get_by_label("توضیح").fill(comment)
    page.get_by_role("button", name="بررسی و فرستادن").click()
    assert page.locator("h1").inner_text() == "داوری خود را تأیید کنید"
    page.get_by_role("button", name="بله، داوری را بفرست").click()
    assert page.get_by_text("داوری شما فرستاده شد.").is_visible()
    sign_out(page)


def test_a_citizens_idea_from_submission_to_a_pilot_decision(page, live_demo, screenshot):
    page.goto("/ideas/new/")
    page.get_by_label("عنوان").fill(TITLE)
    page.get_by_label("مسئله").fill("رانندگان برای یافتن جای پارک در خیابان‌های مرکز شهر بارها دور می‌زنند.")
    page.get_by_label("پیشنهاد شما").fill("حسگرهای ساده جای خالی پارک را روی نقشه‌ی اپلیکیشن شهری نشان دهند.")
    pick_city(page, "#id_municipality", "تهران")
    page.get_by_label("نام شما").fill("پریسا")
    page.get_by_label("ایمیل شما").fill("parisa@example.org")
    page.get_by_label("پرسش امنیتی").fill("PASSED")
    screenshot(page, "ideas-submit-fa")
    page.get_by_role("button", name="فرستادن ایده").click()
    assert "ایمیل خود را ببینید" in page.locator("h1").inner_text()

    link = re.search(r"http://\S+/ideas/confirm/\S+/", mail.outbox[-1].body)[0]
    page.goto(link.split("/ideas/", 1)[1].join(["/ideas/", ""]))
    assert TITLE in page.locator("h1").inner_text()
    idea = Idea.objects.get(title=TITLE)
    assert idea.email_confirmed_at is not None

    sign_in(page, "secretariat")
    page.goto(idea.get_absolute_url())
    step(page, "آغاز غربالگری")
    assert page.get_by_text("انجام شد: آغاز غربالگری.").is_visible()
    page.locator("summary", has_text="گزینش کارشناسان").click()
    page.get_by_label("expert1").check()
    page.get_by_label("expert2").check()
    page.get_by_role("button", name="گزینش و ایمیل به آنان").click()
    assert page.get_by_text("کارشناسان گزیده شدند و برایشان ایمیل رفت.").is_visible()
    step(page, "فرستادن به داوری کارشناسی")
    sign_out(page)

    review(page, "expert1", {"alignment": 4, "feasibility": 4, "cost": 3, "impact": 5, "novelty": 4},
           "با طرح جامع حمل‌ونقل هم‌سوست؛ نخست در یک محدوده آزموده شود.")
    review(page, "expert2", {"alignment": 5, "feasibility": 3, "cost": 3, "impact": 4, "novelty": 4},
           "نگه‌داری حسگرها باید در قرارداد دیده شود.")

    sign_in(page, "secretariat")
    page.goto(idea.get_absolute_url())
    section = page.locator("details", has=page.locator("summary", has_text="تصمیم‌گیری"))
    section.locator("summary").click()
    section.get_by_label("اجرای آزمایشی").check()
    section.get_by_label("دلیل‌های تصمیم").fill("هر دو داور اثر آن را بالا دانسته‌اند؛ نخست در یک محدوده‌ی تهران آزموده شود.")
    section.get_by_role("button", name="تصمیم‌گیری").click()
    assert page.get_by_text("انجام شد: تصمیم‌گیری.").is_visible()
    screenshot(page, "ideas-idea-page-fa")
    sign_out(page)

    page.goto(idea.get_public_url())
    decision = page.locator("#decision-heading").locator("xpath=..")
    assert "اجرای آزمایشی" in decision.inner_text() and "هر دو داور" in decision.inner_text()
    body = page.locator("main").inner_text()
    assert "expert1" not in body and "expert2" not in body and "نگه‌داری حسگرها" not in body
    screenshot(page, "ideas-public-page-fa")
    idea.refresh_from_db()
    assert (idea.state, idea.decision) == ("decided", "pilot")


def test_the_satisfaction_dashboard_at_phone_width(page, live_demo, screenshot):
    page.set_viewport_size(PHONE)
    page.goto("/satisfaction/")
    assert page.locator("section.satisfaction-panel").count() == 3
    assert page.locator("svg.spark").count() >= 30
    # Nothing overflows the page sideways; wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "satisfaction-dashboard-phone-fa")
