"""Reminders of S2 for network.reminders: indicator data due or overdue, priority indicators off track.

Owners of an indicator are the people holding a role in its organization, the managers of the units
above it, and the editors of its municipality.
"""

from collections import defaultdict

from django.conf import settings

from kalanshahr.network.models import Membership, Role
from kalanshahr.network.reminders import Reminder

from . import monitoring
from . import status as rules
from .models import GoalIndicator, Indicator, Measurement, MeasurementStatus, subject_key

DATA = "داده‌هایی که باید ثبت شود:"
OFF_TRACK = "شاخص‌های اولویت‌دار خارج از مسیر:"


def _owners(indicators):
    """{indicator id: {email}} (one query)."""
    organization_paths = {i.organization.path for i in indicators}
    ancestor_ids = {int(part) for path in organization_paths for part in path.strip("/").split("/") if part}
    municipality_ids = {i.organization.municipality_id for i in indicators}
    memberships = Membership.objects.filter(user__email__gt="").select_related("user", "organization").filter(
        organization_id__in=ancestor_ids) | Membership.objects.filter(
        user__email__gt="", role=Role.MUNICIPALITY_EDITOR,
        organization__municipality_id__in=municipality_ids).select_related("user", "organization")
    owners = defaultdict(set)
    for indicator in indicators:
        for m in memberships:
            own = m.organization_id == indicator.organization_id
            above = m.role == Role.ORGANIZATION_MANAGER and indicator.organization.path.startswith(m.organization.path)
            editor = m.role == Role.MUNICIPALITY_EDITOR and m.organization.municipality_id == indicator.organization.municipality_id
            if own or above or editor:
                owners[indicator.pk].add(m.user.email)
    return owners


def collect(today, days):
    site = settings.SITE_URL.rstrip("/")
    indicators = list(Indicator.objects.with_related())
    priority = set(GoalIndicator.objects.filter(goal__is_priority=True).values_list("indicator_id", flat=True))
    overdue_states = monitoring.indicator_states(indicators, today, priority)
    # The period that has just ended and whose deadline is still ahead: its data is due now.
    due_periods = {i.pk: overdue_states[i.pk].period.next() for i in indicators}
    due_periods = {pk: p for pk, p in due_periods.items() if p.end < today}
    entered = set(Measurement.objects.filter(
        indicator_id__in=list(due_periods), period__in={p.key for p in due_periods.values()},
        status__in=[MeasurementStatus.SUBMITTED, MeasurementStatus.VERIFIED],
    ).values_list("indicator_id", "subject", "period"))
    owners = _owners(indicators)
    reminders = []
    for indicator in indicators:
        state = overdue_states[indicator.pk]
        link = f"{site}/indicators/{indicator.code}/"
        emails = frozenset(owners[indicator.pk])
        if state.overdue:
            reminders.append(Reminder(f"data:{indicator.pk}:{state.period.key}", DATA,
                                      f"{indicator.code} · {state.period.label()} · دیرکرد · {link}", emails))
        period = due_periods.get(indicator.pk)
        subject = subject_key(indicator.organization.municipality_id, indicator.organization_id)
        if period and (indicator.pk, subject, period.key) not in entered:
            reminders.append(Reminder(f"data:{indicator.pk}:{period.key}", DATA,
                                      f"{indicator.code} · {period.label()} · موعد ثبت · {link}", emails))
        if state.is_priority and state.status == rules.OFF_TRACK:
            reminders.append(Reminder(f"off_track:{indicator.pk}:{state.period.key}", OFF_TRACK,
                                      f"{indicator.code} {indicator.name_fa} · {state.period.label()} · {link}", emails))
    return reminders
