"""The state machines of S1, as explicit tables.

Resolutions (DOMAIN.md):

    draft ──adopt──▶ adopted ──submit──▶ submitted ──approve──▶ approved
                                          │   ▲
                                   return │   │ submit
                                          ▼   │
                                        returned
    submitted ──reject──▶ rejected
    draft, adopted, submitted, returned ──withdraw──▶ withdrawn

`withdraw` is allowed until the authority's final word; a returned resolution is still open, so it
can be withdrawn too. Approval opens one adoption per participating municipality.

Adoptions:   pending ──in_progress──▶ in_progress ──implemented──▶ implemented
             pending, in_progress ──not_applicable (with the reason in the note)──▶ not_applicable
Commitments: open ──done──▶ done;  open ──cancelled (secretariat)──▶ cancelled;  done, cancelled ──open──▶ open

Agenda proposals (issue 22), from the participating cities before the meeting:

    submitted ──accept (secretariat: into a working group's agenda, as a new item)──▶ accepted
    submitted ──merge (secretariat: into an existing agenda item)──▶ merged
    submitted ──decline (secretariat, with the reason)──▶ declined
    submitted ──withdraw (the proposing city)──▶ withdrawn

The adoption and commitment forms name the status to move to, so their actions are named by their targets and
the services move them with `Machine.apply_to`.
"""

from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.workflow import Machine, Move, Subject, table
from kalanshahr.network import audit

from .models import (Adoption, AdoptionStatus as A, AgendaProposal, Commitment, CommitmentStatus as C,
                     ProposalState as P, Resolution, ResolutionState as S)

SECRETARIAT, AUTHORITY, CITY = "secretariat", "authority", "city"


# Who makes each move: SECRETARIAT, or AUTHORITY (a reviewer of the addressed authority).
BY_SECRETARIAT, BY_AUTHORITY = frozenset({SECRETARIAT}), frozenset({AUTHORITY})
RESOLUTION = Subject("مصوبه", "A resolution")

RESOLUTION_TRANSITIONS = table(
    Move("adopt", frozenset({S.DRAFT}), S.ADOPTED, _("Adopt in the working group"), BY_SECRETARIAT),
    Move("submit", frozenset({S.ADOPTED, S.RETURNED}), S.SUBMITTED, _("Submit to the authority"), BY_SECRETARIAT),
    Move("approve", frozenset({S.SUBMITTED}), S.APPROVED, _("Approve"), BY_AUTHORITY),
    Move("return", frozenset({S.SUBMITTED}), S.RETURNED, _("Return for revision"), BY_AUTHORITY, True,
         _("Reason for returning")),
    Move("reject", frozenset({S.SUBMITTED}), S.REJECTED, _("Reject"), BY_AUTHORITY, True, _("Reasons for rejecting")),
    Move("withdraw", frozenset({S.DRAFT, S.ADOPTED, S.SUBMITTED, S.RETURNED}), S.WITHDRAWN, _("Withdraw"),
         BY_SECRETARIAT, True, _("Reason for withdrawing")),
)
RESOLUTION_ACTIONS = tuple(RESOLUTION_TRANSITIONS)

RESOLUTIONS = Machine(Resolution, RESOLUTION_TRANSITIONS, RESOLUTION, "meetings.resolution", audit.record,
                      stamp="state_changed")

# The editors of the adoption's own municipality make these moves (access.can_update_adoption).
# A draft is still the secretariat's text; a returned one comes back to it for revision. Later states are decided.
EDITABLE_RESOLUTION_STATES = frozenset({S.DRAFT, S.RETURNED})

ADOPTION_MOVES = table(
    Move(A.IN_PROGRESS, frozenset({A.PENDING}), A.IN_PROGRESS, _("Start implementing")),
    # A city that carried a resolution out in one go records it as done without a step in between (#18).
    Move(A.IMPLEMENTED, frozenset({A.PENDING, A.IN_PROGRESS}), A.IMPLEMENTED, _("Mark as implemented")),
    Move(A.NOT_APPLICABLE, frozenset({A.PENDING, A.IN_PROGRESS}), A.NOT_APPLICABLE, _("Not applicable"),
         needs_comment=True, comment_label=_("the reason in the note")),
)
ADOPTIONS = Machine(Adoption, ADOPTION_MOVES, Subject("اجرای مصوبه", "An adoption"), "meetings.adoption", audit.record,
                    state_field="status", comment_code="reason_required", comment_field="note")

# The commitment's owner makes these moves (access.can_update_commitment); only the secretariat cancels.
COMMITMENT_MOVES = table(
    Move(C.DONE, frozenset({C.OPEN}), C.DONE, _("Mark as done")),
    Move(C.CANCELLED, frozenset({C.OPEN}), C.CANCELLED, _("Cancel the commitment"), frozenset({SECRETARIAT})),
    Move(C.OPEN, frozenset({C.DONE, C.CANCELLED}), C.OPEN, _("Reopen")),
)
COMMITMENTS = Machine(Commitment, COMMITMENT_MOVES, Subject("تعهد", "A commitment"), "meetings.commitment",
                      audit.record, state_field="status")

PROPOSAL_TRANSITIONS = table(
    Move("accept", frozenset({P.SUBMITTED}), P.ACCEPTED, _("Accept into the agenda"), BY_SECRETARIAT),
    Move("merge", frozenset({P.SUBMITTED}), P.MERGED, _("Merge into an agenda item"), BY_SECRETARIAT),
    Move("decline", frozenset({P.SUBMITTED}), P.DECLINED, _("Decline"), BY_SECRETARIAT, True,
         _("Reason for declining")),
    Move("withdraw", frozenset({P.SUBMITTED}), P.WITHDRAWN, _("Withdraw the proposal"), frozenset({CITY})),
)
PROPOSALS = Machine(AgendaProposal, PROPOSAL_TRANSITIONS, Subject("پیشنهاد دستور کار", "An agenda proposal"),
                    "meetings.proposal", audit.record, stamp="decided", comment_field="reason")

AUDIT_LABELS = {
    "meetings.series.create": _("created the meeting series"),
    "meetings.working_group.create": _("added the working group"),
    "meetings.meeting.create": _("created the meeting"),
    "meetings.attendee.add": _("added an attendee"),
    "meetings.agenda_item.create": _("added the agenda item"),
    "meetings.resolution.create": _("drafted the resolution"),
    **{f"meetings.resolution.{action}": t.label for action, t in RESOLUTION_TRANSITIONS.items()},
    "meetings.adoption.update": _("updated the adoption"),
    "meetings.commitment.create": _("added the commitment"),
    "meetings.commitment.update": _("updated the commitment"),
    "meetings.meeting.update": _("edited the meeting"),
    "meetings.meeting.delete": _("deleted the meeting"),
    "meetings.agenda_item.update": _("edited the agenda item"),
    "meetings.agenda_item.delete": _("deleted the agenda item"),
    "meetings.resolution.update": _("revised the resolution"),
    "meetings.resolution.delete": _("deleted the draft resolution"),
    "meetings.commitment.edit": _("edited the commitment"),
    "meetings.commitment.delete": _("deleted the commitment"),
    "meetings.call.open": _("opened the call for agenda proposals"),
    "meetings.proposal.submit": _("proposed an agenda topic"),
    **{f"meetings.proposal.{action}": t.label for action, t in PROPOSAL_TRANSITIONS.items()},
    "meetings.attendee.respond": _("answered the invitation"),
    "meetings.attendance.record": _("recorded the attendance"),
    "meetings.minutes.record": _("recorded the minutes"),
    "meetings.vote.record": _("recorded the vote"),
    "meetings.letter.issue": _("issued the letter to the authority"),
}
