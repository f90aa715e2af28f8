"""The idea's state machine, as an explicit table (DOMAIN.md, S4):

    submitted ──screen──▶ screening ──send_to_review──▶ expert_review ──decide──▶ decided
    decided (pilot) ──start_pilot──▶ in_progress ──evaluate──▶ evaluated ──scale──▶ scaled
    in_progress, evaluated ──stop──▶ stopped

The screener is the secretariat. `send_to_review` needs at least one assigned expert, `decide` the configured
number of completed reviews (IDEA_REQUIRED_REVIEWS, 2 by default) and a decision with reasons, and
`start_pilot` a decision of `pilot`. The pilot's own city (its editors, or managers of its organization)
evaluates it alongside the secretariat.
"""

from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.workflow import Machine, Move, Subject, table
from kalanshahr.network import audit

from .models import Idea, IdeaState as S

SCREENER, PILOT_OWNER = "screener", "pilot_owner"
BY_SCREENER = frozenset({SCREENER})
IDEA = Subject("ایده", "An idea")

IDEA_MOVES = table(
    Move("screen", frozenset({S.SUBMITTED}), S.SCREENING, _("Start screening"), BY_SCREENER),
    Move("send_to_review", frozenset({S.SCREENING}), S.EXPERT_REVIEW, _("Send to expert review"), BY_SCREENER),
    Move("decide", frozenset({S.EXPERT_REVIEW}), S.DECIDED, _("Decide"), BY_SCREENER, True,
         _("Reasons for the decision")),
    Move("start_pilot", frozenset({S.DECIDED}), S.IN_PROGRESS, _("Start the pilot"), BY_SCREENER),
    Move("evaluate", frozenset({S.IN_PROGRESS}), S.EVALUATED, _("Evaluate the pilot"),
         frozenset({SCREENER, PILOT_OWNER}), True, _("Evaluation")),
    Move("scale", frozenset({S.EVALUATED}), S.SCALED, _("Scale up"), BY_SCREENER, True,
         _("Why and where to scale up")),
    Move("stop", frozenset({S.IN_PROGRESS, S.EVALUATED}), S.STOPPED, _("Stop the pilot"), BY_SCREENER, True,
         _("Reason for stopping")),
)
IDEA_ACTIONS = tuple(IDEA_MOVES)
IDEAS = Machine(Idea, IDEA_MOVES, IDEA, "ideas.idea", audit.record, stamp="state_changed")

AUDIT_LABELS = {
    "ideas.idea.submit": _("submitted the idea"),
    "ideas.idea.confirm_email": _("confirmed the submitter's email"),
    "ideas.idea.attach": _("attached a file to the idea"),
    "ideas.review.assign": _("assigned an expert"),
    "ideas.review.submit": _("submitted a review"),
    **{f"ideas.idea.{action}": move.label for action, move in IDEA_MOVES.items()},
}
