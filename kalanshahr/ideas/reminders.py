"""Reminders of S4 for network.reminders: reviews past their due date, to the expert who owes them."""

from django.conf import settings
from django.urls import reverse

from kalanshahr.lib.jalali import format_date
from kalanshahr.network.reminders import Reminder

from .models import IdeaState, Review

OVERDUE = "داوری‌هایی که مهلتشان گذشته است:"


def collect(today, days):
    site = settings.SITE_URL.rstrip("/")
    overdue = (Review.objects.pending().filter(due_on__lt=today, idea__state=IdeaState.EXPERT_REVIEW)
               .select_related("idea", "expert"))
    return [
        Reminder(f"review:{review.pk}", OVERDUE,
                 f"{review.idea.title} · مهلت {format_date(review.due_on)} · {site}{reverse('ideas:review', args=[review.pk])}",
                 frozenset({review.expert.email} if review.expert.email else ()))
        for review in overdue
    ]
