"""The idea's state machine, as an explicit table (DOMAIN.md, S4):

    submitted ──screen──▶ screening ──send_to_review──▶ expert_review ──decide──▶ decided
    decided (pilot) ──start_pilot──▶ in_progress ──evaluate──▶ evaluated ──scale──▶ scaled
    in_progress, evaluated ──stop──▶ stopped

The screener is the secretariat. `send_to_review` needs at least one assigned expert, `decide` the configured
number of completed reviews (IDEA_REQUIRED_REVIEWS, 2 by default) and a decision with reasons, and
`start_pilot` a decision of `pilot`. The pilot's own city (its editors, or managers of its organization)
evaluates it alongside the secretariat.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import IdeaState as S

SCREENER, PILOT_OWNER = "screener", "pilot_owner"


@dataclass(frozen=True)
class Move:
    action: str
    sources: frozenset
    target: str
    actors: frozenset  # SCREENER and/or PILOT_OWNER
    needs_comment: bool
    label: str
    comment_label: str = ""


IDEA_MOVES = {
    m.action: m
    for m in [
        Move("screen", frozenset({S.SUBMITTED}), S.SCREENING, frozenset({SCREENER}), False, _("Start screening")),
        Move("send_to_review", frozenset({S.SCREENING}), S.EXPERT_REVIEW, frozenset({SCREENER}), False,
             _("Send to expert review")),
        Move("decide", frozenset({S.EXPERT_REVIEW}), S.DECIDED, frozenset({SCREENER}), True, _("Decide"),
             _("Reasons for the decision")),
        Move("start_pilot", frozenset({S.DECIDED}), S.IN_PROGRESS, frozenset({SCREENER}), False, _("Start the pilot")),
        Move("evaluate", frozenset({S.IN_PROGRESS}), S.EVALUATED, frozenset({SCREENER, PILOT_OWNER}), True,
             _("Evaluate the pilot"), _("Evaluation")),
        Move("scale", frozenset({S.EVALUATED}), S.SCALED, frozenset({SCREENER}), True, _("Scale up"),
             _("Why and where to scale up")),
        Move("stop", frozenset({S.IN_PROGRESS, S.EVALUATED}), S.STOPPED, frozenset({SCREENER}), True,
             _("Stop the pilot"), _("Reason for stopping")),
    ]
}
IDEA_ACTIONS = tuple(IDEA_MOVES)

AUDIT_LABELS = {
    "ideas.idea.submit": _("submitted the idea"),
    "ideas.idea.confirm_email": _("confirmed the submitter's email"),
    "ideas.idea.attach": _("attached a file to the idea"),
    "ideas.review.assign": _("assigned an expert"),
    "ideas.review.submit": _("submitted a review"),
    **{f"ideas.idea.{action}": move.label for action, move in IDEA_MOVES.items()},
}
