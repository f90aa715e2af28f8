"""The submission form with its captcha and email confirmation, attachments kept private, the queue, the review
and move forms, the public idea page, and the public satisfaction dashboard with its CSV."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kalanshahr.benchmarking import satisfaction
from kalanshahr.ideas import services
from kalanshahr.ideas.models import Idea
from kalanshahr.lib.errors import InvalidInput
from kalanshahr.lib.persian import persian_digits
from kalanshahr.network import services as network_services
from kalanshahr.strategy import services as strategy_services
from kalanshahr.strategy.models import Indicator

from .conftest import SCORES
from kalanshahr.network.access import SYSTEM

PDF = b"%PDF-1.4\n%test\n"


def captcha_answer():
    """A fresh captcha challenge and its answer, as the image would show it."""
    key = CaptchaStore.generate_key()
    return key, CaptchaStore.objects.get(hashkey=key).response


def idea_form(**extra):
    return {"title": "سطل‌های زباله‌ی هوشمند", "problem": "سطل‌ها دیر خالی می‌شوند.",
            "proposal": "حسگر پر شدن سطل به خودروی جمع‌آوری خبر دهد.", "name": "مینا", "email": "mina@example.org",
            **extra}


def test_an_anonymous_citizen_submits_with_a_captcha_and_confirms_by_email(client, demo,
                                                                           django_capture_on_commit_callbacks):
    key, answer = captcha_answer()
    wrong = client.post("/ideas/new/", idea_form(captcha_0=key, captcha_1="9999"))
    assert wrong.status_code == 200 and not Idea.objects.filter(title="سطل‌های زباله‌ی هوشمند").exists()
    key, answer = captcha_answer()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ideas/new/", idea_form(captcha_0=key, captcha_1=persian_digits(answer)))
    assert response.status_code == 200 and "mina@example.org" in response.content.decode()
    idea = Idea.objects.get(title="سطل‌های زباله‌ی هوشمند")
    assert idea.origin == "citizen" and idea.email_confirmed_at is None and idea.submitter is None
    assert client.get(idea.get_public_url()).status_code == 404, "unconfirmed ideas are not public"
    (message,) = mail.outbox
    link = re.search(r"http://\S+/ideas/confirm/\S+/", message.body)[0]
    assert client.get("/ideas/confirm/forged-token/").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(link.split("8000", 1)[-1] if "8000" in link else link)
    assert confirmed.status_code == 302 and confirmed["Location"] == idea.get_public_url()
    idea.refresh_from_db()
    assert idea.email_confirmed_at is not None and len(mail.outbox) == 2
    assert client.get(idea.get_public_url()).status_code == 200


def test_the_form_names_missing_fields_and_keeps_nothing(client, demo):
    key, answer = captcha_answer()
    response = client.post("/ideas/new/", idea_form(title="", email="not-an-email", captcha_0=key, captcha_1=answer))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="error"') >= 2 and not Idea.objects.filter(problem="سطل‌ها دیر خالی می‌شوند.").exists()


def test_a_signed_in_user_submits_without_captcha_and_the_idea_goes_straight_to_screening(client_for, users):
    client = client_for("tehran_editor")
    assert "captcha" not in client.get("/ideas/new/").content.decode()
    response = client.post("/ideas/new/", idea_form(attachment=SimpleUploadedFile("plan.pdf", PDF)))
    idea = Idea.objects.get(title="سطل‌های زباله‌ی هوشمند")
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert (idea.origin, idea.submitter, idea.source_organization.slug) == ("staff", users["tehran_editor"],
                                                                          "tehran-planning")
    assert idea.email_confirmed_at is not None
    stored = Path(idea.attachments.get().file.path)
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT) and not stored.is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.parametrize("name,content,code", [
    ("run.pdf", b"MZ\x90\x00 not a pdf", "file_type"),
    ("notes.exe", b"MZ\x90\x00", "file_type"),
    ("empty.pdf", b"", "empty_file"),
    ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "file_too_large"),
])
def test_attachments_are_checked_by_type_and_size(users, name, content, code):
    with pytest.raises(InvalidInput) as error:
        services.submit_idea(users["tehran_editor"], title="ت", problem="م", proposal="پ",
                             attachments=[SimpleUploadedFile(name, content)])
    assert error.value.code == code and error.value.field == "attachment"
    assert not Idea.objects.filter(title="ت").exists(), "nothing is half-written"


def test_attachments_are_served_only_to_those_who_see_the_idea(client_for, users):
    idea = services.submit_idea(users["tehran_editor"], title="ت", problem="م", proposal="پ",
                                attachments=[SimpleUploadedFile("plan.pdf", PDF)])
    url = idea.attachments.get().get_absolute_url()
    response = client_for("secretariat").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment") and response["X-Content-Type-Options"] == "nosniff"
    assert client_for("mashhad_editor").get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_the_public_page_shows_the_decision_but_never_reviewers_or_scores(client, make_idea):
    idea = make_idea("evaluated")
    page = client.get(idea.get_public_url()).content.decode()
    assert "توضیح" in page and "NET-SAT-02" in page  # the reasons and the pilot's indicator
    assert "expert1" not in page and "expert2" not in page and "نظر" not in page
    anonymous = make_idea("decided", email="")  # the system may record a citizen without an email
    assert client.get(anonymous.get_public_url()).status_code == 200


def test_staff_ideas_have_no_public_page(client, users):
    idea = services.submit_idea(users["tehran_editor"], title="ایده‌ی درون‌سازمانی", problem="م", proposal="پ")
    assert client.get(idea.get_public_url()).status_code == 404
    assert idea.title not in client.get("/ideas/public/").content.decode()


def test_the_screening_queue_counts_states_and_has_its_query_count_pinned(client_for, make_idea):
    client = client_for("secretariat")
    with CaptureQueriesContext(connection) as before:
        page = client.get("/ideas/?state=decided")
    for state in ("decided", "decided", "in_progress", "submitted"):
        make_idea(state)
    with CaptureQueriesContext(connection) as after:
        page = client.get("/ideas/?state=decided")
    assert page.status_code == 200 and len(before) == len(after) == 5
    assert page.content.decode().count("ایده‌ی آزمایشی") == 2


def test_the_review_and_move_forms(client_for, make_idea, users):
    idea = make_idea("screening")
    secretariat = client_for("secretariat")
    response = secretariat.post(f"/ideas/{idea.pk}/send_to_review/", {})
    assert response.status_code == 302
    review = idea.reviews.get(expert=users["expert1"])
    expert = client_for("expert1")
    assert idea.title in expert.get("/ideas/reviews/").content.decode()
    bad = expert.post(f"/ideas/reviews/{review.pk}/", {**SCORES, "impact": 7})
    assert bad.status_code == 200 and 'class="error"' in bad.content.decode()
    check = expert.post(f"/ideas/reviews/{review.pk}/", {**SCORES, "comment": "خوب"})
    assert check.status_code == 200 and "ideas/review_confirm.html" in [t.name for t in check.templates]
    review.refresh_from_db()
    assert not review.is_completed, "valid scores are only shown back until the expert confirms them"
    back = expert.post(f"/ideas/reviews/{review.pk}/", {**SCORES, "comment": "خوب", "edit": "1"})
    assert "ideas/review_form.html" in [t.name for t in back.templates]
    assert "checked" in back.content.decode(), "the scores come back chosen, to be changed"
    assert expert.post(f"/ideas/reviews/{review.pk}/",
                       {**SCORES, "comment": "خوب", "confirmed": "1"}).status_code == 302
    assert client_for("expert2").get(f"/ideas/reviews/{review.pk}/").status_code == 404
    refused = client_for("secretariat").post(f"/ideas/{idea.pk}/decide/", {"decide-decision": "pilot",
                                                                            "decide-comment": "دلیل"})
    assert refused.status_code == 400 and "۲ داوری کامل" in refused.content.decode()
    review2 = idea.reviews.get(expert=users["expert2"])
    services.submit_review(users["expert2"], review2, **SCORES)
    done = client_for("secretariat").post(f"/ideas/{idea.pk}/decide/", {"decide-decision": "pilot",
                                                                         "decide-comment": "دلیل"})
    assert done.status_code == 302
    idea.refresh_from_db()
    assert (idea.state, idea.decision) == ("decided", "pilot")


# --- the public satisfaction dashboard ----------------------------------------------------------------

def test_the_dashboard_needs_no_login_and_shows_every_city(client, demo):
    page = client.get("/satisfaction/").content.decode()
    for code in ("NET-SAT-01", "NET-SAT-02", "NET-GOV-02"):
        assert f'id="panel-{code}"' in page
    for city in ("تهران", "مشهد", "تبریز", "همدان", "کرمانشاه", "اهواز", "رشت", "اصفهان", "شیراز", "زاهدان", "ارومیه",
                 "کرمان", "قم", "کرج"):
        assert city in page
    assert page.count("<polyline") >= 3 * 12
    assert "داده‌ی نمونه" in page


def test_the_panels_sit_between_the_heading_and_the_pager(client, demo, monkeypatch):
    monkeypatch.setattr(satisfaction, "CITIES_PER_PAGE", 5)
    page = client.get("/satisfaction/?page=2").content.decode()
    assert "&lt;!--" not in page and "<!-- the panels -->" not in page  # nothing of their slot shows
    assert page.index("<h1>") < page.index('id="panel-NET-SAT-01"') < page.rindex("</section>") < page.index(
        '<nav class="pager"')
    assert "صفحه‌ی ۲ از ۳" in page


def test_the_dashboard_query_count_is_pinned_and_constant(client, demo):
    with CaptureQueriesContext(connection) as before:
        assert client.get("/satisfaction/").status_code == 200
    city = network_services.create_municipality(SYSTEM, slug="arak", name_fa="اراک", name_en="Arak", is_metropolis=True,
                                               is_compared=True)
    for indicator in Indicator.objects.shared().filter(family="citizen_satisfaction"):
        for period in ("1403-01", "1403-02"):
            measurement = strategy_services.save_measurement(SYSTEM, indicator, municipality=city, period=period,
                                                             value=Decimal("50"), submit=True)
            strategy_services.move_measurement(SYSTEM, measurement, "verify")
    with CaptureQueriesContext(connection) as after:
        page = client.get("/satisfaction/")
    with CaptureQueriesContext(connection) as stored:
        client.get("/satisfaction/")
    # The satisfaction indicators (their data keys); the page's data versions; the frame: its versions, the
    # provinces of the filter, the number of cities; the panels: their versions, the indicators, the cities' index
    # (ids, provinces, names), newest periods, rankings (two), the cities shown, values (and the provinces of the
    # roll-ups where the cities have one, tests/benchmarking/test_provinces.py). An anonymous reader's stored page:
    # the indicators and the data versions.
    assert len(before) == len(after) == 13
    assert len(stored) == 2
    assert "اراک" in page.content.decode()


def test_a_verification_rebuilds_the_panel_of_its_indicator_only(client, demo, monkeypatch):
    """The dashboard is a panel per indicator, each kept until its own indicator's verified values change: a
    reopening or a verification rebuilds that one panel (that the rebuilt page equals one built from scratch is
    tests/test_fragments.py's property)."""
    client.get("/satisfaction/")
    built = []
    panels = satisfaction.panels
    monkeypatch.setattr(satisfaction, "panels", lambda indicators, *args: built.append(
        [indicator.code for indicator in indicators]) or panels(indicators, *args))
    indicator = Indicator.objects.get(code="NET-SAT-02")
    latest = indicator.measurements.filter(municipality__slug="qom", organization=None).order_by("-period")[0]
    strategy_services.move_measurement(SYSTEM, latest, "reopen", "a typing error")
    client.get("/satisfaction/")
    strategy_services.move_measurement(SYSTEM, latest, "submit")
    strategy_services.move_measurement(SYSTEM, latest, "verify")
    page = client.get("/satisfaction/").content.decode()
    assert built == [["NET-SAT-02"], ["NET-SAT-02"]]  # reopened, then verified again: one panel built each time
    assert page.count('class="card satisfaction-panel"') == Indicator.objects.shared().filter(
        family="citizen_satisfaction").count()


def test_the_dashboard_data_downloads_as_csv(client, demo):
    response = client.get("/satisfaction/data.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) > 14 * 3 * 20
    assert any(line.startswith("tehran,تهران,NET-SAT-01,") for line in lines)


def test_a_move_someone_may_not_make_is_refused_on_the_page(client_for, make_idea):
    idea = make_idea("submitted")
    response = client_for("tehran_editor").post(f"/ideas/{idea.pk}/screen/", {})
    # A refusal of access answers 403 with the bilingual reason, never a form error (tests/access).
    assert response.status_code == 403 and "شما اجازه‌ی این کار را ندارید." in response.content.decode()
    idea.refresh_from_db()
    assert idea.state == "submitted"


def test_only_the_submitter_and_the_secretariat_add_attachments(users):
    from kalanshahr.lib.errors import AccessDenied

    idea = services.submit_idea(users["tehran_editor"], title="ت", problem="م", proposal="پ")
    services.add_attachment(users["secretariat"], idea, file=SimpleUploadedFile("a.pdf", PDF), title="پیوست")
    with pytest.raises(AccessDenied):
        services.add_attachment(users["mashhad_editor"], idea, file=SimpleUploadedFile("b.pdf", PDF))
    assert idea.attachments.count() == 1


def test_my_tasks_lists_ideas_to_review_and_to_screen(client_for, make_idea):
    idea = make_idea("screening")
    client_for("secretariat").post(f"/ideas/{idea.pk}/send_to_review/", {})
    expert = client_for("expert1").get("/my-tasks/").content.decode()
    assert 'id="ideas-to-review"' in expert and idea.title in expert
    waiting = make_idea("submitted", title="ایده‌ای در انتظار غربال")
    secretariat = client_for("secretariat").get("/my-tasks/").content.decode()
    assert 'id="ideas-to-screen"' in secretariat and waiting.title in secretariat
    title = secretariat.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<section" not in title and secretariat.count('id="ideas-to-screen"') == 1
    assert 'id="ideas-to-screen"' not in client_for("tehran_editor").get("/my-tasks/").content.decode()
