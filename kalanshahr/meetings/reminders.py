"""Daily reminders: commitments due soon or overdue, and adoptions left pending too long.

At most one email per item per day: each item is claimed in ReminderSent(item, day) before any
mail goes out, so a second run on the same day finds everything claimed and sends nothing.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from django.template.loader import render_to_string
from django.utils import timezone, translation

from kalanshahr.network.models import Membership, Role

from .models import Adoption, AdoptionStatus, Commitment, ReminderSent


def _commitment_recipients(commitments):
    """{commitment: {email}}: the owner, or everyone holding a role in the owning organization (one query)."""
    organization_ids = {c.owner_organization_id for c in commitments if c.owner_organization_id}
    members = defaultdict(set)
    for membership in Membership.objects.filter(organization_id__in=organization_ids).select_related("user"):
        if membership.user.email:
            members[membership.organization_id].add(membership.user.email)
    recipients = {}
    for commitment in commitments:
        emails = set(members[commitment.owner_organization_id]) if commitment.owner_organization_id else set()
        if commitment.owner_user and commitment.owner_user.email:
            emails = {commitment.owner_user.email}
        recipients[commitment] = emails
    return recipients


def _adoption_recipients(adoptions):
    """{adoption: {email}}: the municipality's editors (one query)."""
    editors = defaultdict(set)
    memberships = Membership.objects.filter(
        role=Role.MUNICIPALITY_EDITOR, organization__municipality_id__in={a.municipality_id for a in adoptions}
    ).select_related("user", "organization")
    for membership in memberships:
        if membership.user.email:
            editors[membership.organization.municipality_id].add(membership.user.email)
    return {adoption: editors[adoption.municipality_id] for adoption in adoptions}


def due_items(today, days):
    commitments = list(Commitment.objects.with_related().due_within(days, today))
    adoptions = list(Adoption.objects.with_related().filter(
        status=AdoptionStatus.PENDING, created__date__lte=today - datetime.timedelta(days=days)))
    return commitments, adoptions


def send_reminders(today=None, days=None):
    """Claims today's unreminded items and emails each recipient one digest. Returns (items, emails)."""
    today = today or timezone.localdate()
    days = settings.REMINDER_DAYS if days is None else days
    commitments, adoptions = due_items(today, days)
    wanted = {f"commitment:{c.pk}": c for c in commitments} | {f"adoption:{a.pk}": a for a in adoptions}
    with transaction.atomic():
        claimed = set(ReminderSent.objects.filter(day=today, item__in=list(wanted)).values_list("item", flat=True))
        fresh = [key for key in wanted if key not in claimed]
        ReminderSent.objects.bulk_create(ReminderSent(item=key, day=today) for key in fresh)
    fresh_items = {wanted[key] for key in fresh}
    recipients = {**_commitment_recipients([c for c in commitments if c in fresh_items]),
                  **_adoption_recipients([a for a in adoptions if a in fresh_items])}
    digests = defaultdict(lambda: {"commitments": [], "adoptions": []})
    for item, emails in recipients.items():
        for email in emails:
            digests[email]["commitments" if isinstance(item, Commitment) else "adoptions"].append(item)
    messages = []
    with translation.override("fa"):
        for email, items in sorted(digests.items()):
            body = render_to_string("meetings/email/reminder.txt", {
                **items, "today": today, "site_url": settings.SITE_URL.rstrip("/"),
            })
            subject = "یادآوری کلانشهر: پیگیری‌ها و مصوبات در انتظار شما"
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    send_mass_mail(messages, fail_silently=False)
    return len(fresh), len(messages)


