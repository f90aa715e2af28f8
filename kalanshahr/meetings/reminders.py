"""Reminders of S1 for network.reminders: commitments due soon or overdue, adoptions left pending."""

import datetime
from collections import defaultdict

from django.conf import settings

from kalanshahr.lib.jalali import format_date
from kalanshahr.network.models import Membership, Role
from kalanshahr.network.reminders import Reminder

from .models import Adoption, AdoptionStatus, Commitment

COMMITMENTS = "تعهدهایی که سررسیدشان نزدیک است یا گذشته است:"
ADOPTIONS = "مصوبات تصویب‌شده‌ای که اجرای آن‌ها در شهرداری شما هنوز در انتظار است:"


def collect(today, days):
    """Commitments due within `days` or overdue; adoptions still pending ADOPTION_REMINDER_DAYS after the approval
    (which opened them)."""
    site = settings.SITE_URL.rstrip("/")
    commitments = list(Commitment.objects.with_related().due_within(days, today))
    approved_before = today - datetime.timedelta(days=settings.ADOPTION_REMINDER_DAYS)
    adoptions = list(Adoption.objects.with_related().filter(status=AdoptionStatus.PENDING,
                                                            created__date__lte=approved_before))
    members = defaultdict(set)
    for membership in Membership.objects.filter(
            organization_id__in={c.owner_organization_id for c in commitments if c.owner_organization_id}
    ).select_related("user"):
        if membership.user.email:
            members[membership.organization_id].add(membership.user.email)
    editors = defaultdict(set)
    for membership in Membership.objects.filter(
            role=Role.MUNICIPALITY_EDITOR, organization__municipality_id__in={a.municipality_id for a in adoptions}
    ).select_related("user", "organization"):
        if membership.user.email:
            editors[membership.organization.municipality_id].add(membership.user.email)

    reminders = []
    for c in commitments:
        emails = {c.owner_user.email} if c.owner_user and c.owner_user.email else members[c.owner_organization_id]
        overdue = " (سررسید گذشته)" if c.is_overdue(today) else ""
        reminders.append(Reminder(f"commitment:{c.pk}", COMMITMENTS,
                                  f"{c.title} · سررسید {format_date(c.due_on)}{overdue}", frozenset(emails)))
    for a in adoptions:
        reminders.append(Reminder(f"adoption:{a.pk}", ADOPTIONS,
                                  f"{a.resolution.code} · {a.municipality.name_fa} · {site}/adoptions/{a.pk}/edit/",
                                  frozenset(editors[a.municipality_id])))
    return reminders
