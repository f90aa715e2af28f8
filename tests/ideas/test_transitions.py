"""Every (state, action) pair, legal and illegal, for every demo role, through the service and the API."""

import pytest
from django.contrib.auth.models import AnonymousUser

from kalanshahr.ideas import services
from kalanshahr.ideas.models import IdeaEvent
from kalanshahr.ideas.workflow import IDEA_ACTIONS, IDEA_MOVES, PILOT_OWNER, SCREENER
from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.network.models import AuditEvent

from ..conftest import DEMO_USERNAMES
from .conftest import PATHS

STATES = list(PATHS)
PILOT_STATES = {"in_progress", "evaluated", "scaled", "stopped"}
# Who holds each role on the test idea: the pilot runs in Tehran, whose editor is tehran_editor.
HOLDERS = {SCREENER: {"admin", "secretariat"}, PILOT_OWNER: {"tehran_editor"}}


def expected(state, action, username):
    move = IDEA_MOVES[action]
    holds = any(username in HOLDERS[actor] and (actor != PILOT_OWNER or state in PILOT_STATES)
                for actor in move.actors)
    if not holds:
        return "forbidden"
    return move.target if state in move.sources else "illegal"


def test_the_table_matches_the_domain():
    legal = {(state, action) for state in STATES for action in IDEA_ACTIONS if state in IDEA_MOVES[action].sources}
    assert legal == {
        ("submitted", "screen"), ("screening", "send_to_review"), ("expert_review", "decide"),
        ("decided", "start_pilot"), ("in_progress", "evaluate"), ("evaluated", "scale"),
        ("in_progress", "stop"), ("evaluated", "stop"),
    }
    assert {a for a, m in IDEA_MOVES.items() if PILOT_OWNER in m.actors} == {"evaluate"}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", IDEA_ACTIONS)
def test_service(make_idea, users, arguments, state, action):
    idea = make_idea(state)
    for username in DEMO_USERNAMES:
        events, audits = idea.events.count(), AuditEvent.objects.count()
        outcome = expected(state, action, username)
        call = lambda: services.move_idea(users[username], idea, action, "توضیح",  # noqa: E731
                                          **arguments.get(action, {}))
        if outcome == "forbidden":
            with pytest.raises(AccessDenied):
                call()
        elif outcome == "illegal":
            with pytest.raises(DomainError) as error:
                call()
            assert error.value.code == "illegal_transition" and error.value.status == 409
            assert error.value.message_fa and action in error.value.message_en
        else:
            call()
            idea.refresh_from_db()
            assert idea.state == outcome
            event = idea.events.last()
            assert (event.action, event.from_state, event.to_state, event.actor) == (
                action, state, outcome, users[username])
            assert AuditEvent.objects.filter(action=f"ideas.idea.{action}", target_id=str(idea.pk)).exists()
            idea = make_idea(state)
            continue
        idea.refresh_from_db()
        assert idea.state == state, username
        assert idea.events.count() == events and AuditEvent.objects.count() == audits


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", IDEA_ACTIONS)
def test_api(make_idea, api_for, state, action):
    idea = make_idea(state)
    body = {"action": action, "comment": "توضیح", "decision": "pilot",
            "pilot": {"municipality": "tehran", "indicators": ["NET-SAT-02"], "plan": "آزمایش", "start_period": "1404-06"}}
    for username in [*DEMO_USERNAMES, None]:
        outcome = expected(state, action, username) if username else "anonymous"
        response = api_for(username).post(f"/api/v1/ideas/{idea.pk}/move/", body, format="json")
        if outcome == "anonymous":
            assert response.status_code in (401, 403)
        elif outcome == "forbidden":
            # Someone who may not even open the idea is told it does not exist.
            assert response.status_code in (403, 404), (username, response.json())
        elif outcome == "illegal":
            assert response.status_code == 409, username
            assert response.json()["error"]["code"] == "illegal_transition"
        else:
            assert response.status_code == 200, (username, response.json())
            assert response.json()["state"] == outcome
            idea = make_idea(state)
            continue
        assert IdeaEvent.objects.filter(idea=idea).count() == len(PATHS[state]) + 1


@pytest.mark.parametrize("action", ["decide", "scale", "stop", "evaluate"])
def test_reasons_are_required(make_idea, users, arguments, action):
    state = {"decide": "expert_review", "scale": "evaluated", "stop": "in_progress", "evaluate": "in_progress"}[action]
    idea = make_idea(state)
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, action, "  ", **arguments.get(action, {}))
    assert error.value.code == "comment_required" and error.value.field == "comment"
    idea.refresh_from_db()
    assert idea.state == state


def test_a_decision_needs_the_configured_number_of_completed_reviews(make_idea, users, settings):
    idea = make_idea("screening")
    services.move_idea(users["secretariat"], idea, "send_to_review")
    review = idea.reviews.get(expert=users["expert1"])
    services.submit_review(users["expert1"], review, comment="خوب", alignment=5, feasibility=4, cost=3, impact=4,
                           novelty=5)
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, "decide", "دلیل", decision="supported")
    assert error.value.code == "reviews_missing" and "1" in error.value.message_en
    settings.IDEA_REQUIRED_REVIEWS = 1
    services.move_idea(users["secretariat"], idea, "decide", "دلیل", decision="supported")
    assert idea.state == "decided" and idea.decision == "supported"


def test_a_decision_must_be_one_of_the_three(make_idea, users):
    idea = make_idea("expert_review")
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, "decide", "دلیل", decision="maybe")
    assert error.value.field == "decision"


def test_only_a_pilot_decision_starts_a_pilot(make_idea, users, arguments):
    idea = make_idea("expert_review")
    services.move_idea(users["secretariat"], idea, "decide", "دلیل", decision="supported")
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, "start_pilot", **arguments["start_pilot"])
    assert error.value.code == "not_a_pilot"


def test_a_pilot_needs_its_indicators_and_a_real_period(make_idea, users, pilot_plan):
    idea = make_idea("decided")
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, "start_pilot", pilot={**pilot_plan, "indicators": []})
    assert error.value.field == "indicators"
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, "start_pilot", pilot={**pilot_plan, "start_period": "۱۴۰۴-۱۳"})
    assert error.value.field == "start_period" and error.value.message_fa
    idea.refresh_from_db()
    assert idea.state == "decided" and not hasattr(idea, "pilot")


def test_screening_waits_for_an_anonymous_submitter_to_confirm(users):
    idea = services.submit_idea(AnonymousUser(), title="ت", problem="م", proposal="پ", name="نام",
                                email="a@example.org")
    with pytest.raises(DomainError) as error:
        services.move_idea(users["secretariat"], idea, "screen")
    assert error.value.code == "email_unconfirmed"
    services.confirm_email(idea)
    services.move_idea(users["secretariat"], idea, "screen")
    assert idea.state == "screening"
