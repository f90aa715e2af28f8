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

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import AdoptionStatus as A, ResolutionState as S

SECRETARIAT, AUTHORITY = "secretariat", "authority"


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    actor: str  # SECRETARIAT or AUTHORITY (a reviewer of the addressed authority)
    needs_comment: bool
    label: str
    comment_label: str = ""


RESOLUTION_TRANSITIONS = {
    t.action: t
    for t in [
        Transition("adopt", frozenset({S.DRAFT}), S.ADOPTED, SECRETARIAT, False, _("Adopt in the working group")),
        Transition("submit", frozenset({S.ADOPTED, S.RETURNED}), S.SUBMITTED, SECRETARIAT, False,
                   _("Submit to the authority")),
        Transition("approve", frozenset({S.SUBMITTED}), S.APPROVED, AUTHORITY, False, _("Approve")),
        Transition("return", frozenset({S.SUBMITTED}), S.RETURNED, AUTHORITY, True, _("Return for revision"),
                   _("Reason for returning")),
        Transition("reject", frozenset({S.SUBMITTED}), S.REJECTED, AUTHORITY, True, _("Reject"),
                   _("Reasons for rejecting")),
        Transition("withdraw", frozenset({S.DRAFT, S.ADOPTED, S.SUBMITTED, S.RETURNED}), S.WITHDRAWN, SECRETARIAT,
                   True, _("Withdraw"), _("Reason for withdrawing")),
    ]
}
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
