"""Who may do what on the portal.

* Everyone reads published news and published comments, and may comment (anonymous citizens through the
  captcha); banned authors may not.
* The secretariat writes, schedules and publishes news.
* Moderators (and superusers) work the comment queue: approve, reject, ban.
"""

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access as network_access
from kalanshahr.network.models import Role

from .models import Comment, CommentState, News


def can_edit_news(user):
    return network_access.is_secretariat(user)


def check_can_edit_news(user):
    if not can_edit_news(user):
        raise AccessDenied("نوشتن و انتشار خبر با دبیرخانه است.", "News is written and published by the secretariat.")


def can_moderate(user):
    return network_access.has_role(user, Role.MODERATOR)


def check_can_moderate(user):
    if not can_moderate(user):
        raise AccessDenied("بررسی نظرها با ناظران درگاه است.", "Comments are moderated by the portal's moderators.")


def visible_news(user):
    """Published news for everyone; drafts and scheduled items too for those who write news."""
    if can_edit_news(user):
        return News.objects.all()
    return News.objects.published()


def comments_waiting(user):
    """How many comments wait for a moderator, for the moderators' task list (0, without a query, for others)."""
    if not can_moderate(user):
        return 0
    return Comment.objects.filter(state=CommentState.PENDING).count()
