"""Every (state, action) pair, legal and illegal, for every demo role, through the service, the web and the API."""

import pytest

from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.meetings import services
from kalanshahr.meetings.models import Adoption, ResolutionEvent
from kalanshahr.meetings.workflow import AUTHORITY, RESOLUTION_ACTIONS, RESOLUTION_TRANSITIONS
from kalanshahr.network.models import AuditEvent

from ..conftest import DEMO_USERNAMES
from .conftest import PATHS

STATES = list(PATHS)
# Who holds each action's role on a resolution addressed to the demo's main authority.
HOLDERS = {"secretariat": {"admin", "secretariat"}, "authority": {"admin", "authority"}}


def expected(state, action, username):
    transition = RESOLUTION_TRANSITIONS[action]
    if username not in HOLDERS[transition.actor]:
        return "forbidden"
    return transition.target if state in transition.sources else "illegal"


def test_the_table_matches_the_domain():
    legal = {(state, action) for state in STATES for action in RESOLUTION_ACTIONS
             if state in RESOLUTION_TRANSITIONS[action].sources}
    assert legal == {
        ("draft", "adopt"), ("adopted", "submit"), ("returned", "submit"), ("submitted", "approve"),
        ("submitted", "return"), ("submitted", "reject"),
        ("draft", "withdraw"), ("adopted", "withdraw"), ("submitted", "withdraw"), ("returned", "withdraw"),
    }
    assert {t.action for t in RESOLUTION_TRANSITIONS.values() if t.actor == AUTHORITY} == {"approve", "return", "reject"}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", RESOLUTION_ACTIONS)
def test_service(make_resolution, users, state, action):
    resolution = None
    for username in DEMO_USERNAMES:
        # A refused attempt leaves the resolution as it was (asserted below), so the next person tries the same one.
        resolution = resolution or make_resolution(state)
        events, audits = resolution.events.count(), AuditEvent.objects.count()
        outcome = expected(state, action, username)
        if outcome == "forbidden":
            with pytest.raises(AccessDenied):
                services.transition_resolution(users[username], resolution, action, "توضیح")
        elif outcome == "illegal":
            with pytest.raises(DomainError) as error:
                services.transition_resolution(users[username], resolution, action, "توضیح")
            assert error.value.code == "illegal_transition" and error.value.status == 409
            assert error.value.message_fa and action in error.value.message_en
        else:
            services.transition_resolution(users[username], resolution, action, "توضیح")
        resolution.refresh_from_db()
        if outcome in ("forbidden", "illegal"):
            assert resolution.state == state, username
            assert resolution.events.count() == events and AuditEvent.objects.count() == audits
        else:
            assert resolution.state == outcome
            event = resolution.events.last()
            assert (event.action, event.from_state, event.to_state, event.actor, event.comment) == (
                action, state, outcome, users[username], "توضیح")
            assert AuditEvent.objects.filter(action=f"meetings.resolution.{action}", target_id=str(resolution.pk)).exists()
            resolution = None


@pytest.mark.parametrize("action", ["return", "reject", "withdraw"])
def test_reasons_are_required(make_resolution, users, action):
    resolution = make_resolution("submitted")
    actor = users["authority" if action != "withdraw" else "secretariat"]
    with pytest.raises(DomainError) as error:
        services.transition_resolution(actor, resolution, action, "  ")
    assert error.value.code == "comment_required" and error.value.status == 400
    resolution.refresh_from_db()
    assert resolution.state == "submitted"


def test_only_the_addressed_authority_decides(make_resolution, users):
    from kalanshahr.network.models import Organization

    council = Organization.objects.get(slug="supreme-council-of-provinces")
    resolution = make_resolution("submitted", authority=council)
    with pytest.raises(AccessDenied):
        services.transition_resolution(users["authority"], resolution, "approve")


def test_approval_opens_one_adoption_per_participant(make_resolution, meeting):
    resolution = make_resolution("approved")
    assert set(Adoption.objects.filter(resolution=resolution).values_list("municipality__slug", flat=True)) == set(
        meeting.participants.values_list("slug", flat=True))
    assert all(a.status == "pending" for a in resolution.adoptions.all())


def test_a_failed_approval_writes_nothing(make_resolution, users, monkeypatch):
    resolution = make_resolution("submitted")

    def broken_bulk_create(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Adoption.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(RuntimeError):
        services.transition_resolution(users["authority"], resolution, "approve")
    resolution.refresh_from_db()
    assert resolution.state == "submitted"
    assert not ResolutionEvent.objects.filter(resolution=resolution, action="approve").exists()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", RESOLUTION_ACTIONS)
def test_web(client_for, make_resolution, state, action):
    resolution = None
    for username in [None, *DEMO_USERNAMES]:
        resolution = resolution or make_resolution(state)
        client = client_for(username)
        response = client.post(f"/resolutions/{resolution.pk}/{action}/", {"comment": "توضیح"})
        outcome = expected(state, action, username) if username else "anonymous"
        resolution.refresh_from_db()
        if outcome == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        elif outcome == "forbidden":
            assert response.status_code == 403, (username, response.status_code)
            assert "در اختیار شما نیست" in response.content.decode()
        elif outcome == "illegal":
            assert response.status_code == 200, (username, response.status_code)
            assert "ممکن نیست" in response.content.decode()
        else:
            assert response.status_code == 302 and response["Location"] == f"/resolutions/{resolution.pk}/"
        assert resolution.state == (outcome if outcome not in ("anonymous", "forbidden", "illegal") else state)
        if resolution.state != state:
            resolution = None


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", RESOLUTION_ACTIONS)
def test_api(api_for, make_resolution, state, action):
    resolution = None
    for username in [None, *DEMO_USERNAMES]:
        resolution = resolution or make_resolution(state)
        response = api_for(username).post(f"/api/v1/resolutions/{resolution.pk}/transition/",
                                          {"action": action, "comment": "توضیح"}, format="json")
        outcome = expected(state, action, username) if username else "anonymous"
        resolution.refresh_from_db()
        if outcome == "anonymous":
            assert response.status_code == 401
            assert response.json()["error"]["code"] == "not_authenticated"
        elif outcome == "forbidden":
            assert response.status_code == 403
            assert response.json()["error"]["code"] == "forbidden"
        elif outcome == "illegal":
            assert response.status_code == 409
            error = response.json()["error"]
            assert error["code"] == "illegal_transition" and error["message_fa"] and error["message_en"]
        else:
            assert response.status_code == 200 and response.json()["state"] == outcome
        if outcome in ("anonymous", "forbidden", "illegal"):
            assert resolution.state == state
        else:
            resolution = None
