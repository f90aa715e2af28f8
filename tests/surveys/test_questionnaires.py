"""The secretariat writes questionnaires and their versions in the browser (issue 21): a row per question, rows
reordered, removed and added, each refused row named; a version published meanwhile or a code already taken
stops the page instead of being overwritten. Plus the service's own checks of codes and choices."""

import pytest

from kalanshahr.lib.errors import InvalidInput
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import AuditEvent
from kalanshahr.surveys import services
from kalanshahr.surveys.models import Questionnaire


def _management(total, initial=0):
    return {"q-TOTAL_FORMS": str(total), "q-INITIAL_FORMS": str(initial), "q-MIN_NUM_FORMS": "0",
            "q-MAX_NUM_FORMS": "60"}


def _row(n, kind, text_fa, *, order="", choices="", indicator="", required=True, delete=False, text_en=""):
    row = {f"q-{n}-kind": kind, f"q-{n}-text_fa": text_fa, f"q-{n}-text_en": text_en, f"q-{n}-ORDER": order,
           f"q-{n}-choices": choices, f"q-{n}-indicator": indicator}
    if required:
        row[f"q-{n}-required"] = "on"
    if delete:
        row[f"q-{n}-DELETE"] = "on"
    return row


def _new_questionnaire(satisfaction, **extra):
    return {"code": "counter-services", "title_fa": "رضایت از پیشخوان خدمات", "title_en": "Counter services",
            "note": "", "after": "0", **_management(3),
            **_row(0, "likert", "از برخورد کارمند پیشخوان چه اندازه خشنودید؟", indicator=satisfaction.pk),
            **_row(1, "single", "چه مدت در صف ماندید؟", choices="کمتر از ده دقیقه | Under ten minutes\nبیشتر"),
            # the third row is left empty and is skipped
            "q-2-kind": "likert", "q-2-text_fa": "", "q-2-required": "on", **extra}


def test_the_secretariat_writes_a_questionnaire_on_its_page(client_for, satisfaction):
    client = client_for("secretariat")
    page = client.get("/surveys/questionnaires/new/").content.decode()
    assert page.count('class="question-row') == 3 and 'name="code"' in page
    response = client.post("/surveys/questionnaires/new/", _new_questionnaire(satisfaction))
    assert response.status_code == 302 and response["Location"] == "/surveys/questionnaires/counter-services/"
    questionnaire = Questionnaire.objects.get(code="counter-services")
    version = questionnaire.versions.get()
    questions = list(version.questions.order_by("position"))
    assert [(q.kind, q.indicator_id) for q in questions] == [("likert", satisfaction.pk), ("single", None)]
    assert [(c.name_fa, c.name_en) for c in questions[1].choices.all()] == [
        ("کمتر از ده دقیقه", "Under ten minutes"), ("بیشتر", "")]
    assert AuditEvent.objects.filter(action="surveys.questionnaire.publish", target_id=version.pk).exists()
    shown = client.get(response["Location"]).content.decode()
    assert "چه مدت در صف ماندید؟" in shown and "NET-SAT-01" in shown and 'data-version="1"' in shown
    listed = client_for(None).get("/surveys/questionnaires/").content.decode()
    assert 'data-questionnaire="counter-services"' in listed


def test_a_new_version_starts_from_the_newest_and_reorders_removes_and_adds(client_for, version, wave):
    client = client_for("secretariat")
    page = client.get("/surveys/questionnaires/test-services/new-version/").content.decode()
    assert page.count('class="question-row') == 6 + 3 and "از خدمات شهرداری چه اندازه خشنودید؟" in page
    assert 'name="after" value="1"' in page
    first = version.questions.get(position=1)
    form = {"title_fa": "رضایت از خدمات شهری", "title_en": "", "note": "پرسش متنی کنار رفت", "after": "1",
            **_management(7, initial=6)}
    for n, question in enumerate(version.questions.order_by("position")):
        choices = "\n".join(c.name_fa for c in question.choices.all())
        form.update(_row(n, question.kind, question.text_fa, order=str(question.position), choices=choices,
                         indicator=question.indicator_id or "", required=question.required))
    for n, order in enumerate(["3", "1", "2", "5", "6"]):  # the first question moves below the next two
        form[f"q-{n}-ORDER"] = order
    form["q-5-DELETE"] = "on"                                            # the free-text question is removed
    form.update(_row(6, "yes_no", "آیا پاسخ درخواستتان را گرفتید؟", order="4"))  # and one is added
    response = client.post("/surveys/questionnaires/test-services/new-version/", form)
    assert response.status_code == 302
    second = Questionnaire.objects.get(code="test-services").versions.get(number=2)
    texts = list(second.questions.order_by("position").values_list("text_fa", flat=True))
    assert texts[2] == first.text_fa and texts[3] == "آیا پاسخ درخواستتان را گرفتید؟" and len(texts) == 6
    assert "پیشنهاد شما برای بهتر شدن خدمات چیست؟" not in texts and second.note == "پرسش متنی کنار رفت"
    wave.refresh_from_db()
    assert wave.version == version and version.questions.count() == 6  # the open wave keeps what it asked


def test_a_refused_row_is_named_and_nothing_is_written(client_for, satisfaction):
    client = client_for("secretariat")
    one_choice = _new_questionnaire(satisfaction, **{"q-1-choices": "تنها گزینه"})
    page = client.post("/surveys/questionnaires/new/", one_choice).content.decode()
    row = page.split('data-row="2"')[1].split("</fieldset>")[0]
    assert "پرسش ۲ دست‌کم دو گزینه می‌خواهد." in row
    assert "چه مدت در صف ماندید؟" in row  # what was typed is still there
    blank_choice = _new_questionnaire(satisfaction, **{"q-1-choices": "کوتاه\n | Long"})
    page = client.post("/surveys/questionnaires/new/", blank_choice).content.decode()
    assert "سطر ۲ پیش از «|» متن فارسی ندارد." in page.split('data-row="2"')[1].split("</fieldset>")[0]
    measuring_text = _new_questionnaire(satisfaction, **{"q-1-kind": "text", "q-1-indicator": satisfaction.pk,
                                                         "q-1-choices": ""})
    page = client.post("/surveys/questionnaires/new/", measuring_text).content.decode()
    assert 'پرسش ۲ نمی‌تواند شاخص <bdi dir="ltr">NET-SAT-01</bdi> را بسنجد' in page.split('data-row="2"')[1]
    assert not Questionnaire.objects.filter(code="counter-services").exists()


def test_a_taken_code_and_a_version_published_meanwhile_stop_the_page(client_for, version, satisfaction):
    client = client_for("secretariat")
    taken = _new_questionnaire(satisfaction, code="test-services")
    page = client.post("/surveys/questionnaires/new/", taken).content.decode()
    assert "پرسش‌نامه‌ای با شناسه‌ی «test-services» هست" in page
    services.publish_version(SYSTEM, code="test-services", title_fa="رضایت از خدمات شهری",
                             questions=[{"kind": "yes_no", "text_fa": "پرسش دیگری"}])
    stale = {**_new_questionnaire(satisfaction), "after": "1"}
    del stale["code"]
    page = client.post("/surveys/questionnaires/test-services/new-version/", stale).content.decode()
    assert "در این میان نسخه‌ی ۲ منتشر شد" in page
    assert Questionnaire.objects.get(code="test-services").versions.count() == 2


def test_only_the_secretariat_writes_questionnaires_and_everyone_reads_them(client_for, version):
    assert client_for("tehran_editor").get("/surveys/questionnaires/new/").status_code == 403
    assert client_for("tehran_editor").get("/surveys/questionnaires/test-services/new-version/").status_code == 403
    assert client_for(None).get("/surveys/questionnaires/new/").status_code == 302
    reader = client_for(None).get("/surveys/questionnaires/test-services/").content.decode()
    assert "کدام خدمت‌ها را به کار بردید؟" in reader and "نوشتن نسخه‌ی تازه" not in reader
    writer = client_for("secretariat").get("/surveys/questionnaires/test-services/").content.decode()
    assert "نوشتن نسخه‌ی تازه" in writer


def test_the_english_page_reports_a_refused_row_in_english(client_for, satisfaction):
    client = client_for("secretariat")
    page = client.post("/en/surveys/questionnaires/new/",
                       _new_questionnaire(satisfaction, **{"q-1-choices": "تنها گزینه"})).content.decode()
    assert "Question 2 needs at least two choices." in page


@pytest.mark.parametrize("code", ["Has-Capitals", "-leading", "new", "فارسی", ""])
def test_a_questionnaire_code_is_a_small_latin_slug(db, code):
    with pytest.raises(InvalidInput) as error:
        services.publish_version(SYSTEM, code=code, title_fa="آزمایش", questions=[{"kind": "yes_no", "text_fa": "پ"}])
    assert error.value.field == "code"


def test_only_choice_questions_have_choices(db):
    with pytest.raises(InvalidInput) as error:
        services.publish_version(SYSTEM, code="x", title_fa="آزمایش",
                                 questions=[{"kind": "likert", "text_fa": "پ", "choices": [("الف", ""), ("ب", "")]}])
    assert error.value.code == "choices_not_asked" and error.value.field == "questions.1"


def test_the_questionnaire_list_reads_a_fixed_number_of_queries(client, version):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert 'data-questionnaire="test-services"' in client.get("/surveys/questionnaires/").content.decode()
    for n in range(3):
        services.publish_version(SYSTEM, code=f"more-{n}", title_fa=f"پرسش‌نامه‌ی {n}",
                                 questions=[{"kind": "yes_no", "text_fa": "پرسش"}])
    with CaptureQueriesContext(connection) as again:
        page = client.get("/surveys/questionnaires/").content.decode()
    assert len(again) == len(first) and page.count("data-questionnaire=") == 5  # the demo's, the fixture's, three
