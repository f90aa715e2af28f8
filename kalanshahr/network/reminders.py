"""Daily reminders from every app, one digest email per person.

Each app may have a `reminders.py` with `collect(today, days)` returning `Reminder`s. Every item is
claimed in ReminderSent(item, day) before any mail goes out, so each item is mailed at most once a
day however often the command runs; recipients get one email listing all their items.
"""

from collections import defaultdict
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kalanshahr.lib import mail

from .models import ReminderSent


@dataclass(frozen=True)
class Reminder:
    key: str          # unique per item, e.g. "commitment:12"
    section: str      # the heading it is listed under
    line: str         # one line describing the item, with a link
    emails: frozenset


def collect(today, days):
    reminders = []
    for config in apps.get_app_configs():
        module = f"{config.name}.reminders"
        if config.name.startswith("kalanshahr.") and module != __name__ and find_spec(module):
            reminders.extend(import_module(module).collect(today, days))
    return reminders


def send_reminders(today=None, days=None):
    """Claims today's unreminded items and emails each recipient one digest. Returns (items, emails)."""
    today = today or timezone.localdate()
    days = settings.REMINDER_DAYS if days is None else days
    with translation.override("fa"):
        reminders = {r.key: r for r in collect(today, days)}
    # The claim and the queued e-mail are one transaction: each item is mailed at most once a day, and a claimed
    # item is never left without its mail.
    with transaction.atomic():
        claimed = set(ReminderSent.objects.filter(day=today, item__in=list(reminders)).values_list("item", flat=True))
        fresh = [reminders[key] for key in reminders if key not in claimed]
        ReminderSent.objects.bulk_create(ReminderSent(item=r.key, day=today) for r in fresh)
        digests = defaultdict(lambda: defaultdict(list))
        for reminder in fresh:
            for email in reminder.emails:
                digests[email][reminder.section].append(reminder.line)
        messages = []
        with translation.override("fa"):
            for email, sections in sorted(digests.items()):
                body = render_to_string("network/email/reminders.txt", {
                    "sections": sorted(sections.items()), "site_url": settings.SITE_URL.rstrip("/"),
                })
                messages.append(("یادآوری کلانشهر: کارهایی که در انتظار شماست", body, [email]))
        mail.send_many_later(messages)
    return len(fresh), len(messages)
