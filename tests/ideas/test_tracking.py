"""A submitter follows their idea with its tracking number, without an account; the citizen's form shows no
internal codes; the expert's scale says what each score means and asks once more before the review is final."""

import re

import pytest
from django.core import mail

from kalanshahr.ideas.forms import IdeaForm, ReviewForm
from kalanshahr.ideas.models import TRACKING_ALPHABET, Idea, IdeaState
from kalanshahr.lib.persian import persian_digits

pytestmark = pytest.mark.django_db


def test_every_idea_has_its_own_tracking_number(make_idea):
    first, second = make_idea(), make_idea()
    for idea in (first, second):
        assert re.fullmatch(f"[{TRACKING_ALPHABET}]{{4}}-[{TRACKING_ALPHABET}]{{4}}", idea.tracking_number)
    assert first.tracking_number != second.tracking_number
    assert Idea.objects.filter(tracking_number="").count() == 0  # the demo's ideas were numbered too


def test_the_submitter_gets_the_number_on_the_page_and_in_the_email(client, demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ideas/new/", {"title": "نیمکت‌های سایه‌دار", "problem": "ایستگاه‌ها سایه ندارند.",
                                               "proposal": "سایبان بگذارید.", "name": "مینا",
                                               "email": "m@example.org", "captcha_0": "x", "captcha_1": "PASSED"})
    idea = Idea.objects.get(title="نیمکت‌های سایه‌دار")
    page = response.content.decode()
    assert f'<bdi class="code">{idea.tracking_number}</bdi>' in page and "/ideas/track/" in page
    assert idea.tracking_number in mail.outbox[-1].body


@pytest.mark.parametrize("typed", [
    lambda n: n, lambda n: n.lower(), lambda n: n.replace("-", " "), lambda n: f"  {persian_digits(n)} "])
def test_the_status_page_finds_the_idea_however_the_number_is_typed(client, make_idea, typed):
    idea = make_idea("screening")
    page = client.get("/ideas/track/", {"number": typed(idea.tracking_number)}).content.decode()
    assert idea.title in page and str(IdeaState.SCREENING.label) in page
    assert "citizen@example.org" not in page and "شهروند" not in page.split("tracked-heading", 1)[1]


def test_an_unknown_number_says_so_in_the_active_language(client, demo):
    page = client.get("/ideas/track/", {"number": "AAAA-AAAA"}).content.decode()
    assert "هیچ ایده‌ای این شماره‌ی پیگیری را ندارد" in page
    english = client.get("/en/ideas/track/", {"number": "AAAA-AAAA"}).content.decode()
    assert "No idea has this tracking number" in english and "هیچ ایده‌ای" not in english
    assert 'id="tracked-heading"' not in client.get("/ideas/track/").content.decode()  # an empty form, no error


def test_the_decision_and_its_reasons_show_but_never_the_reviews(client, make_idea):
    idea = make_idea("decided")
    page = client.get("/ideas/track/", {"number": idea.tracking_number}).content.decode()
    assert idea.get_decision_display() in page and idea.decision_reasons in page
    assert "نظر" not in re.sub(r"<[^>]+>", "", page.split('id="tracked-heading"', 1)[1]).replace("نظرها", "")


def test_the_citizens_form_names_indicators_without_their_codes(users):
    citizen = IdeaForm(user=users["citizen"]).fields["indicators"]
    staff = IdeaForm(user=users["tehran_editor"]).fields["indicators"]
    indicator = citizen.queryset.first()
    assert citizen.label_from_instance(indicator) == indicator.name
    assert indicator.code in staff.label_from_instance(indicator)


def test_each_score_says_what_it_means(demo):
    form = ReviewForm()
    feasibility = dict(form.fields["feasibility"].choices)
    cost = dict(form.fields["cost"].choices)
    assert str(feasibility[1]) == "۱ — ضعیف: بسیار کمتر از نیاز" and str(feasibility[5]).startswith("۵ — عالی")
    assert str(cost[5]) == "۵ — بسیار کم‌هزینه"  # cost runs the other way
    assert form.fields["novelty"].help_text
    assert 'class="score-scale"' in str(form["impact"])
