"""Editing and deleting meetings, agenda items, resolutions and commitments: through the services, audited, within
each state's rules, all or nothing; refused corrections say why in the active language."""

import datetime

import pytest
from django.utils import translation

from kalanshahr.lib.errors import AccessDenied, InvalidInput
from kalanshahr.meetings import services
from kalanshahr.meetings.models import (
    AgendaItem, Commitment, CommitmentStatus, Meeting, Resolution, ResolutionEvent, ResolutionState,
)
from kalanshahr.network.access import SYSTEM
from kalanshahr.network.models import AuditEvent, Municipality, Organization, SearchDocument

from .conftest import PATHS


@pytest.fixture
def blank_meeting(meeting):
    """Meeting 32 with one agenda item and one draft, nothing decided yet."""
    new = services.create_meeting(SYSTEM, meeting.series, number=32, host=Municipality.objects.get(slug="mashhad"),
                                  starts_on=datetime.date(2026, 12, 20), ends_on=datetime.date(2026, 12, 21),
                                  participants=list(Municipality.objects.filter(slug__in=["tehran", "tabriz"])))
    group = meeting.series.working_groups.get(code="REV")
    item = services.add_agenda_item(SYSTEM, new, working_group=group, title="درآمد پایدار")
    authority = Organization.objects.get(slug="municipalities-organization")
    services.create_resolution(SYSTEM, item, text="متن پیش‌نویس", authority=authority)
    return Meeting.objects.with_related().get(pk=new.pk)


def _audited(action, obj):
    return AuditEvent.objects.filter(action=action, target_id=str(obj.pk)).last()


def _edit_values(meeting, **changes):
    values = {"number": meeting.number, "host": meeting.host, "starts_on": meeting.starts_on,
              "ends_on": meeting.ends_on, "participants": list(meeting.participants.all()), "summary": meeting.summary}
    return {**values, **changes}


def test_a_meeting_is_corrected_and_the_audit_trail_says_what_changed(blank_meeting):
    tabriz = Municipality.objects.get(slug="tabriz")
    shiraz = Municipality.objects.get(slug="shiraz")
    services.update_meeting(SYSTEM, blank_meeting, **_edit_values(
        blank_meeting, ends_on=datetime.date(2026, 12, 22), participants=[tabriz, shiraz], summary="خلاصه"))
    blank_meeting.refresh_from_db()
    assert blank_meeting.ends_on == datetime.date(2026, 12, 22)
    assert set(blank_meeting.participants.values_list("slug", flat=True)) == {"tabriz", "shiraz", "mashhad"}
    changes = _audited("meetings.meeting.update", blank_meeting).changes
    assert changes["ends_on"] == ["2026-12-21", "2026-12-22"]
    assert changes["participants"] == {"added": ["shiraz"], "removed": ["tehran"]}


def test_a_meeting_keeps_its_number_once_it_has_resolutions_and_its_cities_once_one_is_approved(meeting):
    with pytest.raises(InvalidInput) as refused:
        services.update_meeting(SYSTEM, meeting, **_edit_values(meeting, number=99))
    assert refused.value.field == "number" and "کد مصوبه‌ها" in refused.value.message_fa
    with pytest.raises(InvalidInput) as refused:
        services.update_meeting(SYSTEM, meeting, **_edit_values(meeting, participants=[meeting.host]))
    assert refused.value.code == "participants_fixed"
    assert meeting.participants.count() == 14 and not _audited("meetings.meeting.update", meeting)


def test_deleting_a_meeting_takes_its_drafts_agenda_and_commitments_and_leaves_a_record(blank_meeting):
    draft = blank_meeting.resolutions.get()
    services.add_commitment(SYSTEM, title="گزارش", due_on=datetime.date(2027, 1, 1), meeting=blank_meeting,
                            owner_organization=Organization.objects.get(slug="tehran-planning"))
    pk = blank_meeting.pk
    services.delete_meeting(SYSTEM, blank_meeting)
    assert not Meeting.objects.filter(pk=pk).exists() and not Resolution.objects.filter(pk=draft.pk).exists()
    assert not AgendaItem.objects.filter(meeting_id=pk).exists() and not Commitment.objects.filter(meeting_id=pk).exists()
    assert not SearchDocument.objects.filter(kind="resolution", object_id=draft.pk).exists()
    record = AuditEvent.objects.get(action="meetings.meeting.delete", target_id=str(pk))
    assert record.changes["number"] == 32 and record.changes["draft_resolutions"] == 1


def test_a_meeting_with_decided_resolutions_is_never_deleted(meeting):
    with translation.override("en"):
        with pytest.raises(InvalidInput) as refused:
            services.delete_meeting(SYSTEM, meeting)
        assert "30-REV-01" in str(refused.value.message) and "withdrawn" in refused.value.message
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_an_agenda_item_moves_group_and_is_deleted_only_while_it_has_no_resolution(blank_meeting):
    item = blank_meeting.agenda_items.get()
    audit_group = blank_meeting.series.working_groups.get(code="AUD")
    with pytest.raises(InvalidInput) as refused:
        services.update_agenda_item(SYSTEM, item, working_group=audit_group, title=item.title)
    assert refused.value.field == "working_group"
    services.update_agenda_item(SYSTEM, item, working_group=item.working_group, title="درآمد پایدار شهرها")
    assert AgendaItem.objects.get(pk=item.pk).title == "درآمد پایدار شهرها"
    assert _audited("meetings.agenda_item.update", item).changes["title"][1] == "درآمد پایدار شهرها"
    with pytest.raises(InvalidInput) as refused:
        services.delete_agenda_item(SYSTEM, item)
    assert "32-REV-01" in refused.value.message_fa
    services.delete_resolution(SYSTEM, item.resolutions.get())
    services.delete_agenda_item(SYSTEM, item)
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert _audited("meetings.agenda_item.delete", item)


@pytest.mark.parametrize("state", list(PATHS))
def test_a_resolution_is_revised_while_draft_or_returned_and_deleted_only_as_a_draft(make_resolution, state):
    resolution = make_resolution(state)
    authority = resolution.authority
    events = resolution.events.count()
    if state in ("draft", "returned"):
        services.update_resolution(SYSTEM, resolution, text="متن بازنگری‌شده", authority=authority)
        assert Resolution.objects.get(pk=resolution.pk).text == "متن بازنگری‌شده"
        assert ResolutionEvent.objects.filter(resolution=resolution, action="edit").count() == 1
        assert _audited("meetings.resolution.update", resolution).changes["text"][1] == "متن بازنگری‌شده"
    else:
        with translation.override("fa"):
            with pytest.raises(InvalidInput) as refused:
                services.update_resolution(SYSTEM, resolution, text="متن دیگر", authority=authority)
            label = str(ResolutionState(state).label)
            assert refused.value.message == (f"مصوبه‌ی {resolution.code} در وضعیت «{label}» است و ویرایش نمی‌شود.")
        assert resolution.events.count() == events
    if state == "draft":
        services.delete_resolution(SYSTEM, resolution)
        assert not Resolution.objects.filter(pk=resolution.pk).exists()
        assert AuditEvent.objects.get(action="meetings.resolution.delete", target_id=str(resolution.pk))
    else:
        with pytest.raises(InvalidInput) as refused:
            services.delete_resolution(SYSTEM, resolution)
        assert refused.value.code == "resolution_not_deletable"
        assert Resolution.objects.filter(pk=resolution.pk).exists()


def test_an_open_commitment_is_corrected_or_deleted_a_closed_one_is_history(meeting):
    commitment = Commitment.objects.filter(meeting=meeting, status=CommitmentStatus.OPEN).first()
    services.update_commitment(SYSTEM, commitment, title="عنوان درست", due_on=datetime.date(2027, 2, 1),
                               owner_organization=commitment.owner_organization, resolution=commitment.resolution)
    assert _audited("meetings.commitment.edit", commitment).changes["due_on"][1] == "2027-02-01"
    services.set_commitment_status(SYSTEM, commitment, CommitmentStatus.DONE)
    with translation.override("en"):
        for attempt in (lambda: services.delete_commitment(SYSTEM, commitment),
                        lambda: services.update_commitment(SYSTEM, commitment, title="x", due_on=commitment.due_on,
                                                           owner_organization=commitment.owner_organization)):
            with pytest.raises(InvalidInput) as refused:
                attempt()
            assert refused.value.message.startswith("This commitment is “Done”")
    services.set_commitment_status(SYSTEM, commitment, CommitmentStatus.OPEN)
    services.delete_commitment(SYSTEM, commitment)
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_only_the_secretariat_corrects(users, blank_meeting):
    editor = users["tehran_editor"]
    for attempt in (lambda: services.delete_meeting(editor, blank_meeting),
                    lambda: services.update_meeting(editor, blank_meeting, **_edit_values(blank_meeting)),
                    lambda: services.delete_resolution(editor, blank_meeting.resolutions.get())):
        with pytest.raises(AccessDenied):
            attempt()
    assert Meeting.objects.filter(pk=blank_meeting.pk).exists()


def test_the_new_meeting_form_preselects_the_series_and_suggests_its_next_number(client_for, meeting):
    client = client_for("secretariat")
    form = client.get("/meetings/new/").context["form"]
    assert form.initial["series"] == meeting.series and form.initial["number"] == 32  # the demo's meeting 31 is coming
    assert '"%d": 32' % meeting.series.pk in form.fields["series"].widget.attrs["data-next-numbers"]


def test_a_refused_delete_comes_back_to_the_page_with_its_reason(client_for, meeting):
    client = client_for("secretariat")
    response = client.post(f"/en/meetings/{meeting.series.slug}/30/delete/", follow=True)
    assert response.redirect_chain[-1][0].endswith(f"/meetings/{meeting.series.slug}/30/")
    assert "cannot be deleted" in response.content.decode()
