"""Every change to meetings, resolutions, adoptions and commitments.

Each function checks access, runs in one transaction, writes the audit trail and raises a
DomainError (with Persian and English messages) that leaves nothing changed.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kalanshahr.lib.errors import AccessDenied, DomainError, InvalidInput
from kalanshahr.lib import workflow
from kalanshahr.lib.persian import normalize
from kalanshahr.network import audit
from kalanshahr.network import search
from kalanshahr.network.models import OrganizationKind

from . import access
from .models import (
    Adoption, AdoptionStatus, AgendaItem, Attendee, Commitment, CommitmentStatus, Meeting, MeetingSeries, Resolution,
    ResolutionEvent, ResolutionState, WorkingGroup,
)
from .workflow import ADOPTION_NEEDS_REASON, ADOPTION_TRANSITIONS, RESOLUTION, RESOLUTION_TRANSITIONS


def _require_secretariat(actor):
    if not access.can_run_meetings(actor):
        raise AccessDenied("تنها دبیرخانه نشست‌ها، دستور کار و مصوبات را اداره می‌کند.",
                           "Only the secretariat runs meetings, agendas and resolutions.")


@transaction.atomic
def create_series(actor, *, slug, name_fa, name_en="", description=""):
    _require_secretariat(actor)
    if MeetingSeries.objects.filter(slug=slug).exists():
        raise InvalidInput("duplicate_slug", f"شناسه‌ی «{slug}» پیش‌تر به کار رفته است.", f"The slug “{slug}” is taken.",
                           field="slug")
    series = MeetingSeries.objects.create(slug=slug, name_fa=normalize(name_fa), name_en=name_en,
                                          description=normalize(description))
    audit.record(actor, "meetings.series.create", series)
    return series


@transaction.atomic
def add_working_group(actor, series, *, code, name_fa, name_en="", position=None):
    _require_secretariat(actor)
    code = code.strip().upper()
    if series.working_groups.filter(code=code).exists():
        raise InvalidInput("duplicate_code", f"کد کارگروه «{code}» در این سلسله نشست تکراری است.",
                           f"The working group code “{code}” is already used in this series.", field="code")
    if position is None:
        position = (series.working_groups.aggregate(m=Max("position"))["m"] or 0) + 1
    group = WorkingGroup.objects.create(series=series, code=code, name_fa=normalize(name_fa), name_en=name_en,
                                        position=position)
    audit.record(actor, "meetings.working_group.create", group, changes={"code": code})
    return group


@transaction.atomic
def create_meeting(actor, series, *, number, host, starts_on, ends_on, participants, summary="", is_sample_data=False):
    _require_secretariat(actor)
    if ends_on < starts_on:
        raise InvalidInput("ends_before_start", "روز پایان نشست پیش از روز آغاز آن است.",
                           "The meeting ends before it starts.", field="ends_on")
    if series.meetings.filter(number=number).exists():
        raise InvalidInput("duplicate_number", f"نشست شماره‌ی {number} در این سلسله پیش‌تر ثبت شده است.",
                           f"Meeting number {number} already exists in this series.", field="number")
    participants = list(participants)
    if host not in participants:
        participants.append(host)
    meeting = Meeting.objects.create(series=series, number=number, host=host, starts_on=starts_on, ends_on=ends_on,
                                     summary=normalize(summary), is_sample_data=is_sample_data)
    meeting.participants.set(participants)
    audit.record(actor, "meetings.meeting.create", meeting,
                 changes={"number": number, "host": host.slug, "participants": sorted(m.slug for m in participants)})
    return meeting


@transaction.atomic
def add_attendee(actor, meeting, *, title, organization=None, municipality=None, name=""):
    _require_secretariat(actor)
    attendee = Attendee.objects.create(meeting=meeting, title=normalize(title), organization=organization,
                                       municipality=municipality or (organization.municipality if organization else None),
                                       name=normalize(name))
    audit.record(actor, "meetings.attendee.add", meeting, changes={"title": attendee.title})
    return attendee


@transaction.atomic
def add_agenda_item(actor, meeting, *, working_group, title, description="", position=None):
    _require_secretariat(actor)
    if working_group.series_id != meeting.series_id:
        raise InvalidInput("foreign_working_group", "این کارگروه از سلسله نشست دیگری است.",
                           "This working group belongs to another meeting series.", field="working_group")
    if position is None:
        position = (meeting.agenda_items.filter(working_group=working_group).aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, working_group=working_group, position=position,
                                     title=normalize(title), description=normalize(description))
    audit.record(actor, "meetings.agenda_item.create", item, changes={"working_group": working_group.code})
    return item


@transaction.atomic
def create_resolution(actor, agenda_item, *, text, authority, rationale=""):
    """A draft resolution from an agenda item; it gets the next code in its meeting and working group."""
    _require_secretariat(actor)
    if authority.kind != OrganizationKind.AUTHORITY:
        raise InvalidInput("not_an_authority", "مرجع ذی‌صلاح انتخاب‌شده، مرجع نیست.",
                           "The addressed body is not a competent authority.", field="authority")
    if not normalize(text):
        raise InvalidInput("text_required", "متن مصوبه خالی است.", "The resolution has no text.", field="text")
    meeting, group = agenda_item.meeting, agenda_item.working_group
    sequence = (Resolution.objects.filter(meeting=meeting, working_group=group).aggregate(m=Max("sequence"))["m"] or 0) + 1
    resolution = Resolution.objects.create(
        agenda_item=agenda_item, meeting=meeting, working_group=group, sequence=sequence,
        code=Resolution.make_code(meeting.number, group.code, sequence),
        text=normalize(text), rationale=normalize(rationale), authority=authority,
    )
    ResolutionEvent.objects.create(resolution=resolution, action="create", from_state=ResolutionState.DRAFT,
                                   to_state=ResolutionState.DRAFT, actor=audit.stored_user(actor))
    audit.record(actor, "meetings.resolution.create", resolution, changes={"code": resolution.code})
    search.update("resolution", resolution)
    return resolution


@transaction.atomic
def transition_resolution(actor, resolution, action, comment=""):
    """Moves a resolution by `action` (adopt, submit, approve, return, reject, withdraw).

    Refuses with AccessDenied when the actor lacks the action's role, and with a DomainError
    naming the state and action when the table has no such move. Approval opens the adoption
    rows in the same transaction. The caller's `resolution` is updated to the new state.
    """
    transition = workflow.find_move(RESOLUTION_TRANSITIONS, action)
    access.check_may_act_on_resolution(actor, resolution, action)
    # Re-read under lock so two reviewers cannot both move the same resolution.
    current = Resolution.objects.select_for_update().get(pk=resolution.pk)
    workflow.check_source(transition, current.state, current.get_state_display(), RESOLUTION)
    comment = workflow.require_comment(transition, comment)
    previous = current.state
    current.state = transition.target
    current.state_changed = timezone.now()
    current.save(update_fields=["state", "state_changed"])
    ResolutionEvent.objects.create(resolution=current, action=action, from_state=previous, to_state=current.state,
                                   actor=audit.stored_user(actor), comment=comment)
    if current.state == ResolutionState.APPROVED:
        Adoption.objects.bulk_create(
            Adoption(resolution=current, municipality=municipality)
            for municipality in current.meeting.participants.all()
        )
    audit.record(actor, f"meetings.resolution.{action}", current, changes={"state": [previous, current.state]},
                 comment=comment)
    resolution.state, resolution.state_changed = current.state, current.state_changed
    search.update("resolution", current)
    return current


ADOPTION_FIELDS = ("reference", "note", "started_on", "implemented_on", "evidence")


@transaction.atomic
def update_adoption(actor, adoption, *, status=None, **values):
    """Records a municipality's progress on an approved resolution; `status` moves it through the table."""
    if not access.can_update_adoption(actor, adoption):
        raise AccessDenied(
            "تنها ویرایشگر همین شهرداری وضعیت اجرای مصوبه در آن را ثبت می‌کند.",
            "Only an editor of this municipality records its adoption of the resolution.",
        )
    current = Adoption.objects.select_for_update().get(pk=adoption.pk)
    values = {k: (normalize(v) if isinstance(v, str) else v) for k, v in values.items()
              if k in ADOPTION_FIELDS and v is not None}
    changes = {}
    if status and status != current.status:
        if status not in AdoptionStatus.values:
            raise InvalidInput("unknown_status", f"وضعیت «{status}» شناخته نیست.", f"Unknown status “{status}”.",
                               field="status")
        if status not in ADOPTION_TRANSITIONS[current.status]:
            raise DomainError(
                "illegal_transition",
                f"وضعیت اجرا از «{current.get_status_display()}» به «{AdoptionStatus(status).label}» نمی‌رود.",
                f"An adoption cannot move from “{current.status}” to “{status}”.",
            )
        note = values.get("note", current.note)
        if status in ADOPTION_NEEDS_REASON and not note:
            raise InvalidInput("reason_required", "برای «اجرا نمی‌شود» دلیل را در یادداشت بنویسید.",
                               "Write the reason in the note when a resolution does not apply.", field="note")
        today = timezone.localdate()
        if status == AdoptionStatus.IN_PROGRESS and not values.get("started_on") and not current.started_on:
            values["started_on"] = today
        if status == AdoptionStatus.IMPLEMENTED and not values.get("implemented_on"):
            values["implemented_on"] = today
        changes["status"] = [current.status, status]
        current.status = status
    for name, value in values.items():
        if getattr(current, name) != value:
            changes[name] = [str(getattr(current, name) or ""), str(value or "")]
            setattr(current, name, value)
    if current.implemented_on and current.started_on and current.implemented_on < current.started_on:
        raise InvalidInput("implemented_before_started", "تاریخ اجرا پیش از تاریخ آغاز است.",
                           "The implementation date is before the start date.", field="implemented_on")
    if not changes:
        return current
    current.updated_by = audit.stored_user(actor)
    current.save(update_fields=[*{k for k in changes}, "updated", "updated_by"])
    audit.record(actor, "meetings.adoption.update", current, changes=changes)
    return current


@transaction.atomic
def add_commitment(actor, *, title, due_on, meeting=None, resolution=None, owner_organization=None, owner_user=None,
                   description=""):
    _require_secretariat(actor)
    if meeting is None and resolution is None:
        raise InvalidInput("commitment_needs_subject", "تعهد باید به یک نشست یا مصوبه بسته باشد.",
                           "A commitment hangs on a meeting or a resolution.")
    if owner_organization is None and owner_user is None:
        raise InvalidInput("commitment_needs_owner", "برای تعهد، سازمان یا فرد مسئول را تعیین کنید.",
                           "Name the organization or the person who owns the commitment.", field="owner_organization")
    commitment = Commitment.objects.create(
        title=normalize(title), description=normalize(description), due_on=due_on,
        meeting=meeting or (resolution.meeting if resolution else None), resolution=resolution,
        owner_organization=owner_organization, owner_user=owner_user,
    )
    audit.record(actor, "meetings.commitment.create", commitment, changes={"due_on": str(due_on)})
    return commitment


COMMITMENT_MOVES = {
    CommitmentStatus.OPEN: {CommitmentStatus.DONE, CommitmentStatus.CANCELLED},
    CommitmentStatus.DONE: {CommitmentStatus.OPEN},
    CommitmentStatus.CANCELLED: {CommitmentStatus.OPEN},
}


@transaction.atomic
def set_commitment_status(actor, commitment, status, comment=""):
    if not access.can_update_commitment(actor, commitment):
        raise AccessDenied("شما مسئول این تعهد نیستید.", "You are not responsible for this commitment.")
    if status == CommitmentStatus.CANCELLED and not access.can_run_meetings(actor):
        raise AccessDenied("تنها دبیرخانه تعهدی را لغو می‌کند.", "Only the secretariat cancels a commitment.")
    current = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if status not in COMMITMENT_MOVES.get(current.status, set()):
        raise DomainError("illegal_transition",
                          f"تعهد از «{current.get_status_display()}» به این وضعیت نمی‌رود.",
                          f"A commitment cannot move from “{current.status}” to “{status}”.")
    previous = current.status
    current.status = status
    current.closed_at = timezone.now() if status != CommitmentStatus.OPEN else None
    current.save(update_fields=["status", "closed_at"])
    audit.record(actor, "meetings.commitment.update", current, changes={"status": [previous, status]},
                 comment=normalize(comment))
    commitment.status, commitment.closed_at = current.status, current.closed_at
    return current
