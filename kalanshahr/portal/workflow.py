"""The moves of a comment, as an explicit table, for the moderators.

    pending ──approve──▶ published
    pending, published ──reject──▶ rejected      (the reason is emailed to the author, if they gave an email)
    pending, published ──ban──▶ rejected          (and the author may not comment again)

A comment starts as `published`, `pending` or `rejected` by the pipeline's verdict (moderation.py).
"""

from django.utils.translation import gettext_lazy as _

from kalanshahr.lib.persian import persian_digits
from kalanshahr.lib.workflow import Machine, Move, Subject, table
from kalanshahr.network import audit

from .models import Comment, CommentState as C

# Moderators make every move (portal/access.py: check_can_moderate).
COMMENT_MOVES = table(
    Move("approve", frozenset({C.PENDING}), C.PUBLISHED, _("Approve")),
    Move("reject", frozenset({C.PENDING, C.PUBLISHED}), C.REJECTED, _("Reject")),
    Move("ban", frozenset({C.PENDING, C.PUBLISHED}), C.REJECTED, _("Reject and ban the author")),
)



def _comment_subject(comment):
    """A refusal names the comment, since a moderator moves several at once."""
    return Subject(f"نظر شماره‌ی {persian_digits(comment.pk)}", f"Comment {comment.pk}")


COMMENTS = Machine(Comment, COMMENT_MOVES, _comment_subject, "portal.comment", audit.record)

AUDIT_LABELS = {
    "portal.news.create": _("wrote the news item"),
    "portal.news.update": _("edited the news item"),
    "portal.news.publish": _("published the news item"),
    "portal.news.unpublish": _("took the news item back to draft"),
    "portal.comment.post": _("posted a comment"),
    **{f"portal.comment.{action}": move.label for action, move in COMMENT_MOVES.items()},
}
