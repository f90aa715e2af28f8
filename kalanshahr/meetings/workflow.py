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

Adoptions: pending → in_progress → implemented; pending or in_progress → not_applicable (with a reason).
"""

from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.workflow import Move, Subject, table

from .models import AdoptionStatus as A, ResolutionState as S

SECRETARIAT, AUTHORITY = "secretariat", "authority"


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

# status → the statuses it may move to
ADOPTION_TRANSITIONS = {
    A.PENDING: {A.IN_PROGRESS, A.NOT_APPLICABLE},
    A.IN_PROGRESS: {A.IMPLEMENTED, A.NOT_APPLICABLE},
    A.IMPLEMENTED: set(),
    A.NOT_APPLICABLE: set(),
}
ADOPTION_NEEDS_REASON = {A.NOT_APPLICABLE}

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
}
