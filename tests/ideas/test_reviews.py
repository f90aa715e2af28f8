"""Experts: assignment, the conflict-of-interest rule and the hidden-scores rule, through the services and the
API; and the emails that assignment, state changes and overdue reviews send."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from kalanshahr.ideas import services
from kalanshahr.ideas.models import Review
from kalanshahr.lib.errors import AccessDenied, DomainError, InvalidInput
from kalanshahr.network.models import Organization
from kalanshahr.network.reminders import send_reminders

from .conftest import SCORES


@pytest.fixture
def in_review(make_idea, users):
    """An idea in expert review with both demo experts assigned and no review submitted."""
    idea = make_idea("screening")
    services.move_idea(users["secretariat"], idea, "send_to_review")
    return idea


def review_of(idea, expert):
    return Review.objects.select_related("idea").get(idea=idea, expert=expert)


def test_an_expert_cannot_review_an_idea_about_their_own_organization(make_idea, users):
    own = Organization.objects.get(slug="isfahan-planning")  # expert1's
    idea = make_idea("screening", experts=False, municipality=own.municipality, organization=own)
    with pytest.raises(InvalidInput) as error:
        services.assign_experts(users["secretariat"], idea, [users["expert2"], users["expert1"]])
    assert error.value.code == "conflict_of_interest" and error.value.field == "experts"
    assert not idea.reviews.exists(), "nothing is assigned when one expert is refused"
    services.assign_experts(users["secretariat"], idea, [users["expert2"]])
    assert list(idea.reviews.values_list("expert__username", flat=True)) == ["expert2"]


def test_an_expert_cannot_review_an_idea_submitted_from_their_organization(make_idea, users):
    idea = services.submit_idea(users["expert2"], title="ت", problem="م", proposal="پ")
    assert idea.source_organization.slug == "shiraz-planning" and idea.origin == "staff"
    services.move_idea(users["secretariat"], idea, "screen")
    with pytest.raises(InvalidInput):
        services.assign_experts(users["secretariat"], idea, [users["expert2"]])


def test_a_conflict_found_after_assignment_still_refuses_the_review(in_review, users):
    """If the idea turns out to concern the expert's own organization after they were assigned, they cannot review."""
    in_review.organization = Organization.objects.get(slug="isfahan-planning")  # expert1's
    in_review.save()
    with pytest.raises(AccessDenied):
        services.submit_review(users["expert1"], review_of(in_review, users["expert1"]), **SCORES)


def test_only_experts_can_be_assigned_and_only_by_the_secretariat(make_idea, users):
    idea = make_idea("screening")
    with pytest.raises(InvalidInput) as error:
        services.assign_experts(users["secretariat"], idea, [users["tehran_editor"]])
    assert error.value.code == "not_an_expert"
    with pytest.raises(AccessDenied):
        services.assign_experts(users["tehran_editor"], idea, [users["expert1"]])
    submitted = make_idea("submitted")
    with pytest.raises(DomainError) as error:
        services.assign_experts(users["secretariat"], submitted, [users["expert1"]])
    assert error.value.code == "illegal_assignment"


def test_send_to_review_needs_an_expert(make_idea, users):
    idea = make_idea("screening", experts=False)
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, "send_to_review")
    assert error.value.code == "no_experts" and error.value.field == "experts"


@pytest.mark.parametrize("name,value", [("alignment", 0), ("impact", 6), ("novelty", None), ("cost", "3")])
def test_scores_are_whole_numbers_from_one_to_five(in_review, users, name, value):
    review = review_of(in_review, users["expert1"])
    with pytest.raises(InvalidInput) as error:
        services.submit_review(users["expert1"], review, **{**SCORES, name: value})
    assert error.value.field == name
    review.refresh_from_db()
    assert review.submitted_at is None and review.alignment is None


def test_a_review_is_final_and_only_its_expert_submits_it(in_review, users):
    review = review_of(in_review, users["expert1"])
    with pytest.raises(AccessDenied):
        services.submit_review(users["expert2"], review, **SCORES)
    with pytest.raises(AccessDenied):
        services.submit_review(users["secretariat"], review, **SCORES)
    services.submit_review(users["expert1"], review, comment="خوب", **SCORES)
    with pytest.raises(DomainError) as error:
        services.submit_review(users["expert1"], review, **SCORES)
    assert error.value.code == "already_reviewed"


def test_reviewers_see_each_others_scores_only_after_their_own(in_review, users, client_for):
    first = review_of(in_review, users["expert1"])
    services.submit_review(users["expert1"], first, comment="نظر نخستین داور", **{**SCORES, "novelty": 1})
    # expert2 has not submitted: expert1's scores and comment stay hidden from them.
    page = client_for("expert2").get(in_review.get_absolute_url()).content.decode()
    assert "نظر نخستین داور" not in page and "/ideas/reviews/" in page
    assert "expert1" not in page
    # expert1 submitted: they see their own, and nobody else's until expert2 submits.
    page = client_for("expert1").get(in_review.get_absolute_url()).content.decode()
    assert "نظر نخستین داور" in page
    services.submit_review(users["expert2"], review_of(in_review, users["expert2"]), comment="نظر دومین داور",
                           **SCORES)
    page = client_for("expert2").get(in_review.get_absolute_url()).content.decode()
    assert "نظر نخستین داور" in page and "نظر دومین داور" in page
    # The submitter and the city's editor never see scores; the secretariat sees everything.
    assert "نظر نخستین داور" not in client_for("tehran_editor").get(in_review.get_absolute_url()).content.decode()
    assert "نظر نخستین داور" in client_for("secretariat").get(in_review.get_absolute_url()).content.decode()


def test_the_api_hides_other_scores_until_the_expert_has_submitted(in_review, users, api_for):
    services.submit_review(users["expert1"], review_of(in_review, users["expert1"]), **SCORES)
    mine = api_for("expert2").get("/api/v1/reviews/", {"idea": in_review.pk}).json()["results"]
    assert [r["expert"] for r in mine] == ["expert2"] and mine[0]["alignment"] is None
    pk = mine[0]["id"]
    other = review_of(in_review, users["expert1"]).pk
    assert api_for("expert2").get(f"/api/v1/reviews/{other}/").status_code == 404
    bad = api_for("expert2").post(f"/api/v1/reviews/{pk}/submit/", {**SCORES, "impact": 9}, format="json")
    assert bad.status_code == 400 and "impact" in bad.json()["error"]["fields"]
    done = api_for("expert2").post(f"/api/v1/reviews/{pk}/submit/", {**SCORES, "comment": "خوب"}, format="json")
    assert done.status_code == 200 and done.json()["submitted_at"]
    both = api_for("expert2").get("/api/v1/reviews/", {"idea": in_review.pk}).json()["results"]
    assert sorted(r["expert"] for r in both) == ["expert1", "expert2"]
    assert api_for("tehran_editor").get("/api/v1/reviews/", {"idea": in_review.pk}).json()["results"] == []
    assert len(api_for("secretariat").get("/api/v1/reviews/", {"idea": in_review.pk}).json()["results"]) == 2


def test_the_api_refuses_a_conflicted_assignment(make_idea, api_for):
    own = Organization.objects.get(slug="isfahan-planning")
    idea = make_idea("screening", experts=False, organization=own, municipality=own.municipality)
    refused = api_for("secretariat").post(f"/api/v1/ideas/{idea.pk}/assign/", {"experts": ["expert1"]}, format="json")
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "conflict_of_interest"
    assert refused.json()["error"]["field"] == "experts"
    done = api_for("secretariat").post(f"/api/v1/ideas/{idea.pk}/assign/", {"experts": ["expert2"]}, format="json")
    assert done.status_code == 200


def test_experts_are_emailed_when_assigned_and_the_submitter_at_each_state(make_idea, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        idea = make_idea("screening", experts=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_experts(users["secretariat"], idea, [users["expert1"]])
    assert [m.to for m in mail.outbox] == [["expert1@example.org"]]
    assert f"/ideas/reviews/{idea.reviews.get().pk}/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_idea(users["secretariat"], idea, "send_to_review")
    assert [m.to for m in mail.outbox] == [["citizen@example.org"]]
    assert "«در داوری کارشناسی»" in mail.outbox[0].body and f"/ideas/public/{idea.pk}/" in mail.outbox[0].body


def test_overdue_reviews_are_reminded_once_a_day(in_review, users):
    services.submit_review(users["expert2"], review_of(in_review, users["expert2"]), **SCORES)
    mail.outbox.clear()
    due_on = Review.objects.filter(idea=in_review).values_list("due_on", flat=True).first()
    the_day_after = timezone.make_aware(datetime.datetime.combine(due_on + datetime.timedelta(days=1), datetime.time(10)))
    with time_machine.travel(the_day_after, tick=False):
        items, emails = send_reminders()
        recipients = [m.to for m in mail.outbox if in_review.title in m.body]
        assert recipients == [["expert1@example.org"]]
        assert send_reminders() == (0, 0)
