"""Journey: a citizen opens Tehran's survey from its QR code on a 375 px phone and answers it; the secretariat
closes the wave; the public satisfaction dashboard shows Tehran's new value with how many answered and the
interval. The answering pages have no axe-core violation, in Persian and English, on a desktop and a phone."""

import io

import pytest
import qrcode
import qrcode.image.svg

from kalanshahr.surveys import services
from kalanshahr.surveys.models import Questionnaire, Wave

from .conftest import DESKTOP, PHONE
from .test_accessibility import axe_violations
from .test_resolution_journey import sign_in

pytestmark = pytest.mark.browser


def _qr(text):
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2).save(buffer)
    return buffer.getvalue()


def _tehran_wave():
    return Wave.objects.select_related("version").get(municipality__slug="tehran", state="open")


def test_a_citizen_answers_on_a_phone_and_the_closed_wave_reaches_the_dashboard(page, live_demo, screenshot):
    wave = _tehran_wave()
    questions = list(wave.version.questions.prefetch_related("choices"))
    # The demo's open wave has 7 answers; others come in from the counters until one short of the minimum.
    for n in range(wave.minimum_answers - wave.responses.count() - 1):
        services.submit_answers(wave, {questions[0].pk: 3 + n % 3, questions[1].pk: 1,
                                       questions[2].pk: questions[2].choices.all()[0].pk, questions[4].pk: 8},
                                device=f"counter-{n}")
    link = live_demo.url + wave.public_url()

    sign_in(page, "tehran_editor")
    page.goto(wave.get_absolute_url())
    qr = page.request.get(wave.get_absolute_url() + "qr.svg")
    assert qr.body() == _qr(link), "the QR code is the wave's public link"
    page.get_by_role("button", name="خروج").click()

    page.set_viewport_size(PHONE)
    page.goto(link)  # where the phone's camera takes the citizen
    page.check(f"input[name='q{questions[0].pk}'][value='5']")
    page.check(f"input[name='q{questions[1].pk}'][value='1']")
    page.get_by_label(questions[2].choices.all()[1].name_fa).check()
    page.get_by_label(questions[3].choices.all()[0].name_fa).check()
    page.check(f"input[name='q{questions[4].pk}'][value='9']")
    page.get_by_label(questions[5].text_fa).fill("نیمکت‌های بیشتری در پارک محله بگذارید.")
    page.get_by_label("پرسش امنیتی").fill("PASSED")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "survey-answer-fa-phone")
    page.get_by_role("button", name="فرستادن پاسخ‌هایم").click()
    assert page.locator("h1").inner_text() == "سپاس‌گزاریم"
    answers = wave.responses.count()
    assert answers == wave.minimum_answers

    page.set_viewport_size(DESKTOP)
    sign_in(page, "secretariat")
    page.goto(wave.get_absolute_url())
    page.locator("details.close-wave summary").click()
    page.get_by_role("button", name="بله، بسته شود").click()
    assert page.get_by_text("موج بسته شد و نتیجه‌هایش منتشر شد.").is_visible()
    screenshot(page, "survey-results-fa")

    page.goto("/satisfaction/")
    row = page.locator(".satisfaction-panel", has=page.locator("h2", has_text="رضایت شهروندان از خدمات شهری")) \
        .locator("tr", has_text="تهران")
    assert "سنجیده با پیمایش" in row.inner_text()
    assert f"{answers} پاسخ".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in row.inner_text()
    assert "بازه‌ی ۹۵٪" in row.inner_text()
    screenshot(page, "survey-dashboard-fa")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_answering_pages_have_no_violation(page, live_demo, screenshot, prefix):
    wave = _tehran_wave()
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        for name, path in (("survey-answer", wave.public_url()), ("survey-thanks", wave.public_url() + "thanks/")):
            page.goto(prefix + path)
            screenshot(page, f"{name}-{prefix.strip('/') or 'fa'}-{size_name}")
            assert axe_violations(page) == [], f"{name} {prefix or '/fa'} {size_name}"
            if size is PHONE:
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (name, prefix)


def test_the_secretariat_writes_a_new_version_in_the_browser(page, live_demo, screenshot):
    questionnaire = Questionnaire.objects.get(code="municipal-services")
    first = questionnaire.versions.get()
    questions = list(first.questions.order_by("position"))
    sign_in(page, "secretariat")
    page.goto("/surveys/")
    page.get_by_role("link", name="پرسش‌نامه‌ها").click()
    page.get_by_role("link", name=questionnaire.title_fa).click()
    page.get_by_role("link", name="نوشتن نسخه‌ی تازه").click()
    page.get_by_label("این نسخه چه چیزی را تغییر می‌دهد").fill("پرسشی درباره‌ی پاسخ ۱۳۷ افزوده شد.")
    rows = page.locator("fieldset.question-row")
    rows.nth(len(questions) - 1).get_by_label("این پرسش کنار گذاشته شود").check()
    blank = rows.nth(len(questions))
    blank.get_by_label("نوع").select_option("yes_no")
    blank.get_by_label("پرسش (فارسی)").fill("آیا تماس شما با ۱۳۷ به پاسخ رسید؟")
    screenshot(page, "survey-write-fa")
    page.get_by_role("button", name="انتشار نسخه").click()
    assert page.get_by_text("نسخه‌ی ۲ منتشر شد").is_visible()
    second = questionnaire.versions.get(number=2)
    texts = list(second.questions.order_by("position").values_list("text_fa", flat=True))
    assert texts == [q.text_fa for q in questions[:-1]] + ["آیا تماس شما با ۱۳۷ به پاسخ رسید؟"]
    assert first.questions.count() == len(questions)  # what the waves asked is kept
    screenshot(page, "survey-questionnaire-fa")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_questionnaire_pages_have_no_violation(page, live_demo, screenshot, prefix):
    sign_in(page, "secretariat")
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        for name, path in (("questionnaires", "/surveys/questionnaires/"),
                           ("questionnaire", "/surveys/questionnaires/municipal-services/"),
                           ("write", "/surveys/questionnaires/municipal-services/new-version/"),
                           ("profile", "/benchmarking/cities/tabriz/")):
            page.goto(prefix + path)
            screenshot(page, f"survey-{name}-{prefix.strip('/') or 'fa'}-{size_name}")
            assert axe_violations(page) == [], f"{name} {prefix or '/fa'} {size_name}"
            if size is PHONE and name != "profile":  # the profile's wide table scrolls inside its own box
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], (name, prefix)
