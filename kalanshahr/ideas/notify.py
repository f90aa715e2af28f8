"""The emails of the ideas pipeline, sent after the change commits: the submitter at each state change, the
anonymous submitter's confirmation link, and experts when assigned (overdue reviews: reminders.py)."""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kalanshahr.lib import mail
from kalanshahr.lib.jalali import format_date

from .models import IdeaState

CONFIRM_SALT = "kalanshahr.ideas.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirmation_token(idea):
    return signing.dumps(idea.pk, salt=CONFIRM_SALT)


def idea_from_token(token):
    """The idea id in a confirmation link, or None when the link is forged or older than a week."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None


def _url(path):
    return settings.SITE_URL.rstrip("/") + path


def _follow_url(idea):
    return _url(idea.get_public_url() if idea.is_public else idea.get_absolute_url())


def _send(subject, lines, link, to):
    if not to:
        return
    with translation.override("fa"):
        body = render_to_string("ideas/email/notice.txt", {"lines": lines, "link": link})
    mail.send_later(subject, body, [to])


def confirm_email(idea):
    _send("کلانشهر: نشانی ایمیل خود را تأیید کنید",
          [f"ایده‌ی «{idea.title}» رسید. شماره‌ی پیگیری آن {idea.tracking_number} است.",
           "برای فرستادنش به غربالگری، این پیوند را در یک هفته باز کنید:"],
          _url(reverse("ideas:confirm", args=[confirmation_token(idea)])), idea.submitter_email)


def received(idea):
    _send("کلانشهر: ایده‌ی شما رسید",
          [f"ایده‌ی «{idea.title}» رسید و به صف غربالگری رفت.", "هر گامی که بردارد با ایمیل به شما خبر می‌دهیم.",
           f"شماره‌ی پیگیری: {idea.tracking_number} (در {_url(reverse('ideas:track'))})"],
          _follow_url(idea), idea.submitter_email)


def state_changed(idea, event):
    if idea.email_confirmed_at is None:
        return
    with translation.override("fa"):
        state = IdeaState(idea.state).label
        lines = [f"ایده‌ی «{idea.title}» اکنون در وضعیت «{state}» است."]
        if idea.state == IdeaState.DECIDED:
            lines.append(f"تصمیم: {idea.get_decision_display()}")
        if event.comment:
            lines.append(event.comment)
        _send(f"کلانشهر: ایده‌ی شما — {state}", lines, _follow_url(idea), idea.submitter_email)


def expert_assigned(review):
    idea = review.idea
    with translation.override("fa"):
        due = format_date(review.due_on)
    _send("کلانشهر: ایده‌ای برای داوری به شما سپرده شد",
          [f"ایده‌ی «{idea.title}» برای داوری به شما سپرده شد.", f"مهلت داوری: {due}"],
          _url(reverse("ideas:review", args=[review.pk])), review.expert.email)
