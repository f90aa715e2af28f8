"""Every change to meetings, resolutions, adoptions and commitments.

Each function checks access, runs in one transaction, writes the audit trail and raises a
DomainError (with Persian and English messages) that leaves nothing changed.
"""

import os

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from kalanshahr.lib.errors import AccessDenied, InvalidInput, bilingual
from kalanshahr.lib import workflow
from kalanshahr.lib.persian import normalize
from kalanshahr.lib.uploads import check_upload
from kalanshahr.network import access as network_access, audit, search, services as network_services
from kalanshahr.network.models import Municipality, OrganizationKind, Role

from .. import access
from ..models import (
    Adoption, AdoptionEvidence, AdoptionStatus, AgendaItem, Attendee, AttendeeInvitation, Commitment, CommitmentStatus,
    Meeting, MeetingSeries, Resolution, ResolutionEvent, ResolutionState, WorkingGroup,
)
from ..workflow import ADOPTIONS, COMMITMENTS, EDITABLE_RESOLUTION_STATES, RESOLUTIONS


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
    AttendeeInvitation.objects.create(attendee=attendee)  # awaiting its answer (cycle.answer_invitation)
    audit.record(actor, "meetings.attendee.add", meeting, changes={"title": attendee.title})
    return attendee


def _check_group(meeting, working_group):
    if working_group.series_id != meeting.series_id:
        raise InvalidInput("foreign_working_group", "این کارگروه از سلسله نشست دیگری است.",
                           "This working group belongs to another meeting series.", field="working_group")


def _check_participant(meeting, municipality):
    if not meeting.participants.filter(pk=municipality.pk).exists():
        raise InvalidInput("not_a_participant", "این شهر در این نشست شرکت ندارد.",
                           "This city does not take part in this meeting.", field="municipality")


@transaction.atomic
def add_agenda_item(actor, meeting, *, working_group, title, description="", position=None):
    _require_secretariat(actor)
    _check_group(meeting, working_group)
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
def transition_resolution(actor, resolution, action, comment="", *, consensus=False, ballots=None):
    """Moves a resolution by `action` (adopt, submit, approve, return, reject, withdraw).

    Refuses with AccessDenied when the actor lacks the action's role, and with a DomainError
    naming the state and action when the table has no such move. Adopting may carry the working group's vote
    (`consensus`, or `ballots` {Municipality: for/against/abstain}), kept with the resolution; a vote that does not
    carry refuses the adoption. Submitting issues the formal letter to the authority; approval opens the adoption
    rows; all in the same transaction. The caller's `resolution` is updated to the new state.
    """
    from .cycle import check_vote, issue_letter, store_vote  # the cycle's module builds on this one

    voted = consensus or bool(ballots)
    if voted and action != "adopt":
        raise InvalidInput("vote_outside_adoption", "رأی کارگروه تنها با تصویب مصوبه در کارگروه ثبت می‌شود.",
                           "A working group's vote is recorded only with the adoption.", field="ballots")

    def effect(step):
        if voted:
            check_vote(step.obj, consensus, ballots or {})
            store_vote(actor, step.obj, consensus, ballots or {})
        if step.move.target == ResolutionState.SUBMITTED:
            letter = issue_letter(actor, step.obj)
            step.changes["letter"] = letter.number
        _record_resolution_event(step)

    current = RESOLUTIONS.apply(actor, resolution, action, comment, effect=effect,
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
    _notify_resolution_move(step)


# Who hears of a resolution's move, in their notifications: the authority of what it must decide, the cities of
# what they must now adopt, the secretariat of what came back to it.
RESOLUTION_NOTICES = {
    ResolutionState.SUBMITTED: gettext_noop("Resolution %(code)s awaits your authority's decision."),
    ResolutionState.APPROVED: gettext_noop("Resolution %(code)s was approved: record your city's adoption."),
    ResolutionState.RETURNED: gettext_noop("Resolution %(code)s was returned by its authority for revision."),
    ResolutionState.REJECTED: gettext_noop("Resolution %(code)s was rejected by its authority."),
}


def _notify_resolution_move(step):
    resolution, target = step.obj, step.move.target
    if target not in RESOLUTION_NOTICES:
        return
    if target == ResolutionState.SUBMITTED:
        people = network_access.members_with_role(Role.AUTHORITY_REVIEWER, organizations=[resolution.authority_id])
    elif target == ResolutionState.APPROVED:
        people = network_access.members_with_role(Role.MUNICIPALITY_EDITOR,
                                                  municipalities=resolution.meeting.participants.all())
    else:
        people = network_access.members_with_role(Role.SECRETARIAT)
    network_services.notify(people, RESOLUTION_NOTICES[target], url=resolution.get_absolute_url(),
                            code=resolution.code)


ADOPTION_FIELDS = ("reference", "note", "started_on", "implemented_on")


@transaction.atomic
def update_adoption(actor, adoption, *, status=None, evidence=None, **values):
    """Records a municipality's progress on an approved resolution; a new `status` moves it through the table, and
    an `evidence` upload is added to the adoption's files (earlier files stay).

    The edited fields, the move and the new file are one audit event, `meetings.adoption.update`."""
    if not access.can_update_adoption(actor, adoption):
        raise AccessDenied(
            "تنها ویرایشگر همین شهرداری وضعیت اجرای مصوبه در آن را ثبت می‌کند.",
            "Only an editor of this municipality records its adoption of the resolution.",
        )
    values = {k: (normalize(v) if isinstance(v, str) else v) for k, v in values.items()
              if k in ADOPTION_FIELDS and v is not None}
    if evidence:
        check_upload(evidence, field="evidence")
    current = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if status and status != current.status:
        def effect(step):
            step.changes.update(_edit_adoption(step, values))
            step.changes.update(_add_evidence(step, evidence))
        return ADOPTIONS.apply_to(actor, adoption, status, values.get("note", current.note), effect=effect,
                                  audit_action="meetings.adoption.update")
    edit = workflow.Step(current, None, current.status, "", actor, timezone.now())
    changes = _edit_adoption(edit, values)
    changes.update(_add_evidence(edit, evidence))
    if changes:
        if edit.fields:
            current.save(update_fields=edit.fields)
        audit.record(actor, "meetings.adoption.update", current, changes=changes)
    return current


def _add_evidence(step, upload):
    """Keeps an uploaded file with the adoption; its name, for the audit event."""
    if not upload:
        return {}
    name = os.path.basename(upload.name)[:200]
    AdoptionEvidence.objects.create(adoption=step.obj, file=upload, name=name, size=upload.size,
                                    uploaded_by=audit.stored_user(step.actor), uploaded=step.now)
    step.set(updated_by=audit.stored_user(step.actor), updated=step.now)
    return {"evidence": ["", name]}


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


# --- corrections: editing and deleting what the secretariat entered, within each state's rules -------------

def _changes(obj, values):
    """Sets `values` on `obj`; returns {field: [before, after]} for the fields that changed, for the audit event."""
    changes = {}
    for name, value in values.items():
        before = getattr(obj, name)
        if before != value:
            changes[name] = [str(before if before is not None else ""), str(value if value is not None else "")]
            setattr(obj, name, value)
    return changes


def _save_edits(actor, action, obj, values):
    """Sets `values` on `obj`; when anything changed, saves it and records `action`. Returns the changes."""
    changes = _changes(obj, values)
    if changes:
        obj.save()
        audit.record(actor, action, obj, changes=changes)
    return changes


def _codes(resolutions):
    return "، ".join(r.code for r in resolutions), ", ".join(r.code for r in resolutions)


@transaction.atomic
def update_meeting(actor, meeting, *, number, host, starts_on, ends_on, participants, summary=""):
    """Corrects a meeting's number, host, dates, participants and summary.

    The number is part of every resolution's code, so it is fixed once the meeting has resolutions; the
    participants are fixed once a resolution is approved, since each of them then has an adoption to record.
    """
    _require_secretariat(actor)
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if ends_on < starts_on:
        raise InvalidInput("ends_before_start", "روز پایان نشست پیش از روز آغاز آن است.",
                           "The meeting ends before it starts.", field="ends_on")
    if number != current.number:
        if current.resolutions.exists():
            raise InvalidInput("number_fixed", "شماره‌ی نشستی که مصوبه دارد تغییر نمی‌کند؛ کد مصوبه‌ها با آن ساخته شده است.",
                               "A meeting with resolutions keeps its number: their codes are made from it.",
                               field="number")
        if current.series.meetings.filter(number=number).exists():
            raise InvalidInput("duplicate_number", f"نشست شماره‌ی {number} در این سلسله پیش‌تر ثبت شده است.",
                               f"Meeting number {number} already exists in this series.", field="number")
    chosen = {m.pk: m for m in participants}
    chosen.setdefault(host.pk, host)
    before = set(current.participants.values_list("pk", flat=True))
    added, removed = set(chosen) - before, before - set(chosen)
    if (added or removed) and Adoption.objects.filter(resolution__meeting=current).exists():
        raise InvalidInput("participants_fixed",
                           "مصوبه‌ای از این نشست تأیید شده و هر شهر شرکت‌کننده پذیرش آن را ثبت می‌کند؛ "
                           "فهرست شهرها دیگر تغییر نمی‌کند.",
                           "A resolution of this meeting is approved and each participant records its adoption: "
                           "the participants can no longer change.", field="participants")
    changes = _changes(current, {"number": number, "host": host, "starts_on": starts_on, "ends_on": ends_on,
                                 "summary": normalize(summary)})
    if "host" in changes:
        changes["host"] = [Municipality.objects.get(pk=meeting.host_id).slug, host.slug]
    current.save()
    if added or removed:
        current.participants.set(list(chosen.values()))
        changes["participants"] = {"added": sorted(chosen[pk].slug for pk in added),
                                   "removed": sorted(Municipality.objects.filter(pk__in=removed)
                                                     .values_list("slug", flat=True))}
    if changes:
        audit.record(actor, "meetings.meeting.update", current, changes=changes)
    return current


@transaction.atomic
def delete_meeting(actor, meeting):
    """Deletes a meeting entered by mistake, with its agenda, draft resolutions, attendees and commitments.

    A meeting any of whose resolutions has left the draft state is part of the record: it is never deleted."""
    _require_secretariat(actor)
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    decided = list(current.resolutions.exclude(state=ResolutionState.DRAFT).order_by("code"))
    if decided:
        fa, en = _codes(decided)
        raise InvalidInput("meeting_has_record",
                           f"این نشست مصوبه‌ی تصویب‌شده دارد ({fa}) و حذف نمی‌شود؛ مصوبه‌ها را می‌توان پس گرفت.",
                           f"This meeting has decided resolutions ({en}) and cannot be deleted; they can be withdrawn.")
    drafts = list(current.resolutions.values_list("pk", flat=True))
    audit.record(actor, "meetings.meeting.delete", current, changes={
        "number": current.number, "host": current.host.slug, "starts_on": str(current.starts_on),
        "agenda_items": current.agenda_items.count(), "draft_resolutions": len(drafts),
    })
    Commitment.objects.filter(Q(meeting=current) | Q(resolution__meeting=current)).delete()
    Resolution.objects.filter(pk__in=drafts).delete()
    for pk in drafts:
        search.remove("resolution", pk)
    current.agenda_items.all().delete()
    current.delete()


@transaction.atomic
def update_agenda_item(actor, item, *, working_group, title, description=""):
    """Corrects an agenda item; it moves to another working group only while it has no resolution (the group's
    code is part of their codes)."""
    _require_secretariat(actor)
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    _check_group(current.meeting, working_group)
    if working_group.pk != current.working_group_id and current.resolutions.exists():
        raise InvalidInput("working_group_fixed", "دستور کاری که مصوبه دارد به کارگروه دیگری نمی‌رود.",
                           "An agenda item with resolutions stays in its working group.", field="working_group")
    if not normalize(title):
        raise InvalidInput("title_required", "عنوان دستور کار خالی است.", "The agenda item has no title.",
                           field="title")
    _save_edits(actor, "meetings.agenda_item.update", current,
                {"working_group": working_group, "title": normalize(title), "description": normalize(description)})
    return current


@transaction.atomic
def delete_agenda_item(actor, item):
    """Deletes an agenda item that has no resolution (a resolution's agenda item is part of its record)."""
    _require_secretariat(actor)
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    resolutions = list(current.resolutions.order_by("code"))
    if resolutions:
        fa, en = _codes(resolutions)
        raise InvalidInput("agenda_item_has_resolutions",
                           f"این دستور کار مصوبه دارد ({fa})؛ نخست پیش‌نویس‌ها را حذف کنید.",
                           f"This agenda item has resolutions ({en}); delete the drafts first.")
    audit.record(actor, "meetings.agenda_item.delete", current, changes={"title": current.title,
                                                                         "working_group": current.working_group.code})
    current.delete()


def _state_refusal(code, resolution, fa_verb, en_verb):
    fa, en = bilingual(ResolutionState(resolution.state).label)
    return InvalidInput(code, f"مصوبه‌ی {resolution.code} در وضعیت «{fa}» است و {fa_verb}.",
                        f"Resolution {resolution.code} is “{en}” and cannot be {en_verb}.")


@transaction.atomic
def update_resolution(actor, resolution, *, text, authority, rationale=""):
    """Revises a draft or returned resolution's text, rationale and addressed authority; its timeline shows it."""
    _require_secretariat(actor)
    current = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if current.state not in EDITABLE_RESOLUTION_STATES:
        raise _state_refusal("resolution_not_editable", current, "ویرایش نمی‌شود", "edited")
    if authority.kind != OrganizationKind.AUTHORITY:
        raise InvalidInput("not_an_authority", "مرجع ذی‌صلاح انتخاب‌شده، مرجع نیست.",
                           "The addressed body is not a competent authority.", field="authority")
    if not normalize(text):
        raise InvalidInput("text_required", "متن مصوبه خالی است.", "The resolution has no text.", field="text")
    if _save_edits(actor, "meetings.resolution.update", current,
                   {"text": normalize(text), "rationale": normalize(rationale), "authority": authority}):
        ResolutionEvent.objects.create(resolution=current, action="edit", from_state=current.state,
                                       to_state=current.state, actor=audit.stored_user(actor))
        search.update("resolution", current)
    return current


@transaction.atomic
def delete_resolution(actor, resolution):
    """Deletes a draft; once adopted a resolution is part of the record and can only be withdrawn."""
    _require_secretariat(actor)
    current = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if current.state != ResolutionState.DRAFT:
        raise _state_refusal("resolution_not_deletable", current, "حذف نمی‌شود؛ می‌توان آن را پس گرفت",
                             "deleted; it can be withdrawn")
    if current.commitments.exists():
        raise InvalidInput("resolution_has_commitments", f"مصوبه‌ی {current.code} تعهد دارد؛ نخست تعهدها را حذف کنید.",
                           f"Resolution {current.code} has commitments; delete them first.")
    audit.record(actor, "meetings.resolution.delete", current, changes={"code": current.code, "text": current.text})
    pk = current.pk
    current.delete()
    search.remove("resolution", pk)


def _require_open_commitment(commitment, fa_verb, en_verb):
    if commitment.status != CommitmentStatus.OPEN:
        fa, en = bilingual(CommitmentStatus(commitment.status).label)
        raise InvalidInput("commitment_closed", f"این تعهد «{fa}» است و {fa_verb}.",
                           f"This commitment is “{en}” and cannot be {en_verb}.")


@transaction.atomic
def update_commitment(actor, commitment, *, title, due_on, owner_organization=None, resolution=None, description=""):
    """Corrects an open commitment (done and cancelled ones are history)."""
    _require_secretariat(actor)
    current = Commitment.objects.select_for_update().get(pk=commitment.pk)
    _require_open_commitment(current, "ویرایش نمی‌شود", "edited")
    if owner_organization is None and current.owner_user_id is None:
        raise InvalidInput("commitment_needs_owner", "برای تعهد، سازمان یا فرد مسئول را تعیین کنید.",
                           "Name the organization or the person who owns the commitment.", field="owner_organization")
    if resolution is not None and current.meeting_id and resolution.meeting_id != current.meeting_id:
        raise InvalidInput("foreign_resolution", "این مصوبه از نشست دیگری است.",
                           "This resolution belongs to another meeting.", field="resolution")
    _save_edits(actor, "meetings.commitment.edit", current,
                {"title": normalize(title), "description": normalize(description), "due_on": due_on,
                 "owner_organization": owner_organization, "resolution": resolution})
    return current


@transaction.atomic
def delete_commitment(actor, commitment):
    """Deletes an open commitment entered by mistake; a done or cancelled one stays as history."""
    _require_secretariat(actor)
    current = Commitment.objects.select_for_update().get(pk=commitment.pk)
    _require_open_commitment(current, "حذف نمی‌شود", "deleted")
    audit.record(actor, "meetings.commitment.delete", current, changes={"title": current.title,
                                                                        "due_on": str(current.due_on)})
    current.delete()


__all__ = [
    "create_series",
    "add_working_group",
    "create_meeting",
    "add_attendee",
    "add_agenda_item",
    "create_resolution",
    "transition_resolution",
    "update_adoption",
    "add_commitment",
    "set_commitment_status",
    "update_meeting",
    "delete_meeting",
    "update_agenda_item",
    "delete_agenda_item",
    "update_resolution",
    "delete_resolution",
    "update_commitment",
    "delete_commitment",
]
