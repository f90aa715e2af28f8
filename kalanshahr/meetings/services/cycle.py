"""The cycle around a meeting (issue 22): the call for agenda proposals and the secretariat's decisions on them,
invitations and attendance, the working groups' minutes, the vote a resolution is adopted with, and the letter a
submitted resolution leaves with. Each function checks access, runs in one transaction and writes the audit trail.
"""

import os

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from kalanshahr.lib.errors import InvalidInput
from kalanshahr.lib.jalali import format_date, to_jalali
from kalanshahr.lib.persian import normalize, persian_digits
from kalanshahr.lib.uploads import check_upload
from kalanshahr.network import access as network_access, audit, services as network_services
from kalanshahr.network.models import Role

from .. import access
from ..models import (
    AgendaProposal, Attendance, Attendee, AttendeeInvitation, Ballot, InvitationResponse, Letter,
    Minutes, ProposalAttachment, ProposalCall, ProposalState, Vote, VoteChoice,
)
from ..workflow import PROPOSALS
from .core import _check_group, _check_participant, _require_secretariat, add_agenda_item

MAX_ATTACHMENTS = 5


def _check_day(meeting, day, field):
    if not meeting.starts_on <= day <= meeting.ends_on:
        raise InvalidInput("day_outside_meeting", "این روز از روزهای نشست نیست.",
                           "That day is not a day of the meeting.", field=field)


# --- the call for agenda proposals ------------------------------------------------------------------------------

@transaction.atomic
def open_call(actor, meeting, *, deadline, note=""):
    """Opens the call for proposals, or moves its deadline; the deadline falls before the meeting's first day."""
    _require_secretariat(actor)
    if deadline >= meeting.starts_on:
        raise InvalidInput("deadline_after_meeting",
                           f"مهلت پیشنهاد باید پیش از روز آغاز نشست ({format_date(meeting.starts_on)}) باشد.",
                           "The deadline for proposals falls before the meeting's first day.", field="deadline")
    call, created = ProposalCall.objects.select_for_update().get_or_create(
        meeting=meeting, defaults={"deadline": deadline, "note": normalize(note)})
    before = None if created else str(call.deadline)
    if not created:
        call.deadline, call.note = deadline, normalize(note)
        call.save(update_fields=["deadline", "note"])
    audit.record(actor, "meetings.call.open", meeting, changes={"deadline": [before, str(deadline)]})
    if created:
        editors = network_access.members_with_role(Role.MUNICIPALITY_EDITOR,
                                                   municipalities=meeting.participants.all())
        network_services.notify(editors, gettext_noop("The call for agenda proposals for %(meeting)s is open until "
                                                      "%(deadline)s."),
                                url=meeting.get_absolute_url() + "proposals/", meeting=str(meeting),
                                deadline=format_date(deadline))
    return call


@transaction.atomic
def submit_proposal(actor, meeting, *, municipality, working_group, title, problem, solution, attachments=()):
    """A participating city's editor proposes a topic while the call is open; files go with it."""
    access.check_can_propose(actor, meeting, municipality)
    call = ProposalCall.objects.filter(meeting=meeting).first()
    if call is None:
        raise InvalidInput("no_call", "دبیرخانه هنوز برای این نشست فراخوان پیشنهاد دستور کار نداده است.",
                           "The secretariat has not called for agenda proposals for this meeting.")
    if not call.is_open():
        raise InvalidInput("call_closed", f"مهلت پیشنهاد دستور کار در {format_date(call.deadline)} به پایان رسید.",
                           f"The call for agenda proposals closed on {call.deadline}.")
    _check_participant(meeting, municipality)
    _check_group(meeting, working_group)
    texts = {"title": normalize(title), "problem": normalize(problem), "solution": normalize(solution)}
    for name, (fa, en) in {"title": ("عنوان", "title"), "problem": ("مسئله", "problem"),
                           "solution": ("راه‌حل پیشنهادی", "proposed solution")}.items():
        if not texts[name]:
            raise InvalidInput(f"{name}_required", f"{fa} پیشنهاد را بنویسید.", f"Write the proposal's {en}.",
                               field=name)
    attachments = [upload for upload in attachments if upload]
    if len(attachments) > MAX_ATTACHMENTS:
        raise InvalidInput("too_many_files", f"دست‌بالا {persian_digits(MAX_ATTACHMENTS)} پرونده.",
                           f"At most {MAX_ATTACHMENTS} files.", field="attachments")
    for upload in attachments:
        check_upload(upload, field="attachments")
    proposal = AgendaProposal.objects.create(meeting=meeting, municipality=municipality, working_group=working_group,
                                             submitted_by=audit.stored_user(actor), **texts)
    for upload in attachments:
        ProposalAttachment.objects.create(proposal=proposal, file=upload, size=upload.size,
                                          name=os.path.basename(upload.name)[:200])
    audit.record(actor, "meetings.proposal.submit", proposal,
                 changes={"city": municipality.slug, "working_group": working_group.code, "files": len(attachments)})
    network_services.notify(network_access.members_with_role(Role.SECRETARIAT),
                            gettext_noop("%(city)s proposed an agenda topic for %(meeting)s: %(title)s"),
                            url=proposal.get_absolute_url(), city=municipality.name_fa, meeting=str(meeting),
                            title=proposal.title)
    return proposal


PROPOSAL_NOTICES = {
    ProposalState.ACCEPTED: gettext_noop("Your agenda proposal “%(title)s” was accepted into the agenda."),
    ProposalState.MERGED: gettext_noop("Your agenda proposal “%(title)s” was merged into an agenda item."),
    ProposalState.DECLINED: gettext_noop("Your agenda proposal “%(title)s” was declined; the reason is on its page."),
}


def decide_proposal(actor, proposal, action, *, working_group=None, agenda_item=None, comment=""):
    """Moves a proposal by the table in workflow.py: `accept` adds it to the agenda of `working_group` (the one it
    proposed by default) as a new item; `merge` joins it to an existing `agenda_item` of the same meeting, with the
    secretariat's note; `decline` needs the reason; the proposing city `withdraw`s. The city hears the outcome."""

    def effect(step):
        row = step.obj
        step.set(reason=step.comment)
        if step.move.action == "accept":
            group = working_group or row.working_group
            proposed = row.working_group.code
            item = add_agenda_item(actor, row.meeting, working_group=group, title=row.title,
                                   description=f"{row.problem}\n\n{row.solution}")
            step.set(agenda_item=item)
            step.changes.update(agenda_item=item.pk, working_group=[proposed, group.code])
        elif step.move.action == "merge":
            if agenda_item is None or agenda_item.meeting_id != row.meeting_id:
                raise InvalidInput("merge_target", "دستور کاری از همین نشست را برای ادغام برگزینید.",
                                   "Choose an agenda item of the same meeting to merge into.", field="agenda_item")
            step.set(agenda_item=agenda_item)
            step.changes["agenda_item"] = agenda_item.pk
        notice = PROPOSAL_NOTICES.get(step.move.target)
        if notice:
            editors = network_access.members_with_role(Role.MUNICIPALITY_EDITOR, municipalities=[row.municipality_id])
            network_services.notify(editors, notice, url=row.get_absolute_url(), title=row.title)

    return PROPOSALS.apply(actor, proposal, action, comment, effect=effect,
                           authorize=lambda row: access.check_may_act_on_proposal(actor, row, action))


# --- invitations and attendance ---------------------------------------------------------------------------------

@transaction.atomic
def invite_attendee(actor, meeting, *, municipality, title, name=""):
    """Names one of a participating city's attendees (its editor, or the secretariat); the invitation awaits their
    answer."""
    access.check_can_invite(actor, municipality)
    _check_participant(meeting, municipality)
    if not normalize(title):
        raise InvalidInput("title_required", "سمت شرکت‌کننده را بنویسید.", "Write the attendee's position.",
                           field="title")
    attendee = Attendee.objects.create(meeting=meeting, municipality=municipality, title=normalize(title),
                                       name=normalize(name))
    AttendeeInvitation.objects.create(attendee=attendee)
    audit.record(actor, "meetings.attendee.add", meeting, changes={"title": attendee.title, "city": municipality.slug})
    return attendee


@transaction.atomic
def answer_invitation(actor, attendee, response):
    """The city confirms that its attendee comes, or says they will not."""
    access.check_can_answer_for(actor, attendee)
    if response not in (InvitationResponse.CONFIRMED, InvitationResponse.DECLINED):
        raise InvalidInput("unknown_response", "پاسخ دعوت «شرکت می‌کند» یا «شرکت نمی‌کند» است.",
                           "An invitation is answered with confirmed or declined.", field="response")
    invitation, _created = AttendeeInvitation.objects.select_for_update().get_or_create(attendee=attendee)
    before = invitation.response
    invitation.response, invitation.responded = response, timezone.now()
    invitation.save(update_fields=["response", "responded"])
    audit.record(actor, "meetings.attendee.respond", attendee.meeting,
                 changes={"attendee": attendee.title, "response": [before, response]})
    return invitation


@transaction.atomic
def record_attendance(actor, meeting, *, day, attendees, working_group=None):
    """Who was present on `day`, in `working_group`'s session or (None) the plenary: the list replaces the one
    recorded before for that day and session."""
    _require_secretariat(actor)
    _check_day(meeting, day, "day")
    if working_group is not None:
        _check_group(meeting, working_group)
    ids = {attendee.pk for attendee in attendees}
    if meeting.attendees.filter(pk__in=ids).count() != len(ids):
        raise InvalidInput("foreign_attendee", "یکی از حاضران از شرکت‌کنندگان این نشست نیست.",
                           "One of those present is not an attendee of this meeting.", field="attendees")
    session = Attendance.objects.filter(attendee__meeting=meeting, day=day, working_group=working_group)
    before = set(session.values_list("attendee_id", flat=True))
    session.exclude(attendee_id__in=ids).delete()
    Attendance.objects.bulk_create(Attendance(attendee_id=pk, day=day, working_group=working_group)
                                   for pk in sorted(ids - before))
    audit.record(actor, "meetings.attendance.record", meeting, changes={
        "day": str(day), "working_group": working_group.code if working_group else "",
        "present": [len(before), len(ids)]})
    return len(ids)


# --- minutes and votes ------------------------------------------------------------------------------------------

@transaction.atomic
def record_minutes(actor, meeting, working_group, *, held_on, summary, decisions=""):
    """A working group's minutes at a meeting; recording them again replaces the text (the audit trail keeps both)."""
    _require_secretariat(actor)
    _check_group(meeting, working_group)
    _check_day(meeting, held_on, "held_on")
    if not normalize(summary):
        raise InvalidInput("summary_required", "خلاصه‌ی گفت‌وگوها را بنویسید.", "Write the summary of the discussion.",
                           field="summary")
    minutes, created = Minutes.objects.select_for_update().get_or_create(
        meeting=meeting, working_group=working_group,
        defaults={"held_on": held_on, "summary": normalize(summary), "decisions": normalize(decisions)})
    if not created:
        minutes.held_on, minutes.summary, minutes.decisions = held_on, normalize(summary), normalize(decisions)
        minutes.updated = timezone.now()
        minutes.save(update_fields=["held_on", "summary", "decisions", "updated"])
    audit.record(actor, "meetings.minutes.record", minutes, changes={"working_group": working_group.code,
                                                                      "held_on": str(held_on), "new": created})
    return minutes


def _tally(ballots):
    return {choice: sum(1 for value in ballots.values() if value == choice) for choice in VoteChoice.values}


def check_vote(resolution, consensus, ballots):
    """Refuses a vote that names a city outside the meeting, or that does not carry: a vote carries by consensus,
    or with more cities for than against. `ballots` is {Municipality: choice}."""
    if consensus:
        if ballots:
            raise InvalidInput("consensus_with_ballots", "رأی اجماعی رأی جداگانه‌ی شهرها ندارد.",
                               "A vote by consensus has no ballots of its own.", field="ballots")
        return
    participants = set(resolution.meeting.participants.values_list("pk", flat=True))
    for city, choice in ballots.items():
        if city.pk not in participants:
            raise InvalidInput("ballot_outside_meeting", f"{city.name_fa} در این نشست شرکت ندارد.",
                               f"{city.name_en or city.slug} does not take part in this meeting.", field="ballots")
        if choice not in VoteChoice.values:
            raise InvalidInput("unknown_choice", f"رأی «{choice}» شناخته نیست.", f"Unknown vote “{choice}”.",
                               field="ballots")
    tally = _tally(ballots)
    if tally[VoteChoice.FOR] <= tally[VoteChoice.AGAINST]:
        raise InvalidInput(
            "vote_does_not_carry",
            f"با {persian_digits(tally['for'])} موافق و {persian_digits(tally['against'])} مخالف، مصوبه تصویب نمی‌شود.",
            f"With {tally['for']} for and {tally['against']} against, the resolution is not adopted.", field="ballots")


def store_vote(actor, resolution, consensus, ballots):
    """Keeps the vote a resolution was adopted with (inside the adoption's transaction, after check_vote)."""
    vote = Vote.objects.create(resolution=resolution, consensus=consensus)
    Ballot.objects.bulk_create(Ballot(vote=vote, municipality=city, choice=choice) for city, choice in ballots.items())
    audit.record(actor, "meetings.vote.record", resolution, changes={"consensus": consensus, **_tally(ballots)})
    return vote


# --- letters ----------------------------------------------------------------------------------------------------

def issue_letter(actor, resolution):
    """The formal letter of a submission, numbered «year/serial» in the Jalali year it leaves; inside the
    submission's transaction. The number comes from the row's own key, so two letters never share one."""
    today = timezone.localdate()
    letter = Letter.objects.create(resolution=resolution, authority=resolution.authority, sent_on=today,
                                   number=f"pending-{resolution.pk}-{timezone.now().timestamp()}",
                                   authority_name=resolution.authority.name_fa, subject=resolution.agenda_item.title,
                                   text=resolution.text, rationale=resolution.rationale)
    letter.number = f"{to_jalali(today).year}/{letter.pk}"
    letter.save(update_fields=["number"])
    audit.record(actor, "meetings.letter.issue", resolution, changes={"letter": letter.number})
    return letter


# check_vote, store_vote and issue_letter are not exported: they run only inside a resolution's move
# (core.transition_resolution), never on their own.
__all__ = ["open_call", "submit_proposal", "decide_proposal", "invite_attendee", "answer_invitation",
           "record_attendance", "record_minutes", "MAX_ATTACHMENTS"]
