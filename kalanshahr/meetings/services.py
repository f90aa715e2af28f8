"""Every change to meetings, resolutions, adoptions and commitments.

Each function checks access, runs in one transaction, writes the audit trail and raises a
DomainError (with Persian and English messages) that leaves nothing changed.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kalanshahr.lib.errors import AccessDenied, InvalidInput
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
from .workflow import ADOPTIONS, COMMITMENTS, RESOLUTIONS


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
    current = RESOLUTIONS.apply(actor, resolution, action, comment, effect=_record_resolution_event,
                                authorize=lambda row: access.check_may_act_on_resolution(actor, row, action))
    search.update("resolution", current)
    return current


def _record_resolution_event(step):
    """The resolution's own timeline, and on approval one adoption per participating municipality."""
    ResolutionEvent.objects.create(resolution=step.obj, action=step.move.action, from_state=step.previous,
                                   to_state=step.move.target, actor=audit.stored_user(step.actor), comment=step.comment)
    if step.move.target == ResolutionState.APPROVED:
        Adoption.objects.bulk_create(
            Adoption(resolution=step.obj, municipality=municipality)
            for municipality in step.obj.meeting.participants.all()
        )


ADOPTION_FIELDS = ("reference", "note", "started_on", "implemented_on", "evidence")


@transaction.atomic
def update_adoption(actor, adoption, *, status=None, **values):
    """Records a municipality's progress on an approved resolution; a new `status` moves it through the table.

    The edited fields and the move are one audit event, `meetings.adoption.update`."""
    if not access.can_update_adoption(actor, adoption):
        raise AccessDenied(
            "تنها ویرایشگر همین شهرداری وضعیت اجرای مصوبه در آن را ثبت می‌کند.",
            "Only an editor of this municipality records its adoption of the resolution.",
        )
    values = {k: (normalize(v) if isinstance(v, str) else v) for k, v in values.items()
              if k in ADOPTION_FIELDS and v is not None}
    current = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if status and status != current.status:
        def effect(step):
            step.changes.update(_edit_adoption(step, values))
        return ADOPTIONS.apply_to(actor, adoption, status, values.get("note", current.note), effect=effect,
                                  audit_action="meetings.adoption.update")
    edit = workflow.Step(current, None, current.status, "", actor, timezone.now())
    changes = _edit_adoption(edit, values)
    if changes:
        current.save(update_fields=edit.fields)
        audit.record(actor, "meetings.adoption.update", current, changes=changes)
    return current


def _edit_adoption(step, values):
    """Sets the edited fields on the adoption (and the dates its new status implies); their changes, for the
    audit event. A move's own status change is recorded by the engine."""
    adoption, today = step.obj, timezone.localdate()
    if step.move and step.move.target == AdoptionStatus.IN_PROGRESS and not values.get("started_on") \
            and not adoption.started_on:
        values = {**values, "started_on": today}
    if step.move and step.move.target == AdoptionStatus.IMPLEMENTED and not values.get("implemented_on"):
        values = {**values, "implemented_on": today}
    if step.move and step.move.target == AdoptionStatus.IMPLEMENTED and not values.get("started_on") \
            and not adoption.started_on:
        # Done in one go (pending straight to implemented): it started when it was implemented.
        values = {**values, "started_on": values["implemented_on"]}
    changes = {name: [str(getattr(adoption, name) or ""), str(value or "")] for name, value in values.items()
               if getattr(adoption, name) != value}
    step.set(**{name: values[name] for name in changes})
    if adoption.implemented_on and adoption.started_on and adoption.implemented_on < adoption.started_on:
        raise InvalidInput("implemented_before_started", "تاریخ اجرا پیش از تاریخ آغاز است.",
                           "The implementation date is before the start date.", field="implemented_on")
    if changes or step.move:
        step.set(updated_by=audit.stored_user(step.actor), updated=step.now)
    return changes


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


@transaction.atomic
def set_commitment_status(actor, commitment, status, comment=""):
    """Marks a commitment done, cancels it (the secretariat only) or reopens it, by the table in workflow.py."""
    if not access.can_update_commitment(actor, commitment):
        raise AccessDenied("شما مسئول این تعهد نیستید.", "You are not responsible for this commitment.")
    if status == CommitmentStatus.CANCELLED and not access.can_run_meetings(actor):
        raise AccessDenied("تنها دبیرخانه تعهدی را لغو می‌کند.", "Only the secretariat cancels a commitment.")

    def effect(step):
        step.set(closed_at=step.now if step.move.target != CommitmentStatus.OPEN else None)

    return COMMITMENTS.apply_to(actor, commitment, status, comment, effect=effect,
                                audit_action="meetings.commitment.update")
