"""Adoption moves, for every pair of statuses and every demo role, through the service, the web and the API."""

import datetime

import pytest

from kalanshahr.lib.errors import AccessDenied, DomainError
from kalanshahr.meetings import services
from kalanshahr.meetings.models import Adoption, AdoptionStatus
from kalanshahr.meetings.workflow import ADOPTIONS

from ..conftest import DEMO_USERNAMES
from kalanshahr.network.access import SYSTEM

STATUSES = list(AdoptionStatus.values)
ADOPTION_TRANSITIONS = ADOPTIONS.graph()  # status → the statuses it may move to
# Only Tehran's editor (and superusers) may move Tehran's adoption.
TEHRAN_WRITERS = {"admin", "tehran_editor"}
PATH_TO = {"pending": [], "in_progress": ["in_progress"], "implemented": ["in_progress", "implemented"],
           "not_applicable": ["not_applicable"]}


@pytest.fixture
def tehran_adoption(make_resolution):
    resolution = make_resolution("approved")

    def make(status="pending"):
        adoption = Adoption.objects.get(resolution=resolution, municipality__slug="tehran")
        adoption.delete()
        adoption = Adoption.objects.create(resolution=resolution, municipality_id=adoption.municipality_id)
        for step in PATH_TO[status]:
            services.update_adoption(SYSTEM, adoption, status=step, note="دلیل")
        return adoption

    return make


def outcome(source, target, username):
    if username not in TEHRAN_WRITERS:
        return "forbidden"
    if source == target:
        return "unchanged"
    return "moved" if target in ADOPTION_TRANSITIONS[source] else "illegal"


def test_the_table_matches_the_domain():
    assert {(s, t) for s, targets in ADOPTION_TRANSITIONS.items() for t in targets} == {
        ("pending", "in_progress"), ("in_progress", "implemented"), ("pending", "implemented"),
        ("pending", "not_applicable"), ("in_progress", "not_applicable")}


@pytest.mark.parametrize("source", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_service(tehran_adoption, users, source, target):
    adoption = None
    for username in DEMO_USERNAMES:
        # A refused move leaves the adoption as it was (asserted below), so the next person tries the same one.
        adoption = adoption or tehran_adoption(source)
        expected = outcome(source, target, username)
        if expected == "forbidden":
            with pytest.raises(AccessDenied):
                services.update_adoption(users[username], adoption, status=target, note="دلیل")
        elif expected == "illegal":
            with pytest.raises(DomainError) as error:
                services.update_adoption(users[username], adoption, status=target, note="دلیل")
            assert error.value.code == "illegal_transition"
        else:
            services.update_adoption(users[username], adoption, status=target, note="دلیل", reference="۱۲۳")
        adoption.refresh_from_db()
        assert adoption.status == (target if expected in ("moved", "unchanged") else source), (username, expected)
        if expected in ("moved", "unchanged"):
            adoption = None


def test_not_applicable_needs_a_reason(tehran_adoption, users):
    adoption = tehran_adoption("pending")
    with pytest.raises(DomainError) as error:
        services.update_adoption(users["tehran_editor"], adoption, status="not_applicable")
    assert error.value.code == "reason_required" and error.value.field == "note"
    adoption.refresh_from_db()
    assert adoption.status == "pending"


def test_dates_are_filled_and_checked(tehran_adoption, users):
    adoption = tehran_adoption("pending")
    editor = users["tehran_editor"]
    services.update_adoption(editor, adoption, status="in_progress", started_on=datetime.date(2023, 1, 10))
    with pytest.raises(DomainError) as error:
        services.update_adoption(editor, adoption, status="implemented", implemented_on=datetime.date(2023, 1, 1))
    assert error.value.field == "implemented_on"
    adoption.refresh_from_db()
    assert adoption.status == "in_progress" and adoption.implemented_on is None


@pytest.mark.parametrize("username", [None, *DEMO_USERNAMES])
def test_web_and_api_respect_the_municipality(client_for, api_for, tehran_adoption, username):
    """Only Tehran's editor (or a superuser) moves Tehran's adoption; the Mashhad editor gets 403 on both paths."""
    adoption = tehran_adoption("pending")
    response = client_for(username).post(f"/adoptions/{adoption.pk}/edit/", {"status": "in_progress", "reference": "ر-۱"})
    adoption.refresh_from_db()
    if username is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif username in TEHRAN_WRITERS:
        assert response.status_code == 302
        assert adoption.status == "in_progress" and adoption.reference == "ر-۱"
        return
    else:
        assert response.status_code == 403
    assert adoption.status == "pending"

    response = api_for(username).patch(f"/api/v1/adoptions/{adoption.pk}/", {"status": "in_progress"}, format="json")
    assert response.status_code == (401 if username is None else 403)
    assert set(response.json()["error"]) >= {"code", "message_fa", "message_en"}
    adoption.refresh_from_db()
    assert adoption.status == "pending"


def test_api_illegal_adoption_move_is_409(api_for, tehran_adoption):
    adoption = tehran_adoption("implemented")
    response = api_for("tehran_editor").patch(f"/api/v1/adoptions/{adoption.pk}/", {"status": "in_progress"},
                                              format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "illegal_transition"


def test_api_rejects_unknown_status_with_field_errors(api_for, tehran_adoption):
    adoption = tehran_adoption("pending")
    response = api_for("tehran_editor").patch(f"/api/v1/adoptions/{adoption.pk}/", {"status": "done"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()["error"]["fields"]


def test_web_form_shows_the_reason_error_next_to_the_note(client_for, tehran_adoption):
    adoption = tehran_adoption("pending")
    page = client_for("tehran_editor").post(f"/adoptions/{adoption.pk}/edit/", {"status": "not_applicable"})
    assert page.status_code == 200
    assert "has-error" in page.content.decode()
    adoption.refresh_from_db()
    assert adoption.status == "pending"


def test_pending_straight_to_implemented_dates_both_ends(tehran_adoption, users):
    adoption = tehran_adoption("pending")
    services.update_adoption(users["tehran_editor"], adoption, status="implemented",
                             implemented_on=datetime.date(2026, 11, 1))
    adoption.refresh_from_db()
    assert adoption.status == "implemented"
    assert adoption.started_on == adoption.implemented_on == datetime.date(2026, 11, 1)
