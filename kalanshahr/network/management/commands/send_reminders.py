"""Emails what is due, from every app: run daily from cron, e.g.

    15 7 * * *  cd /srv/kalanshahr && .venv/bin/python manage.py send_reminders

Each item is mailed at most once a day, however often the command runs.
"""

from django.core.management.base import BaseCommand, CommandError

from kalanshahr.lib.jalali import JalaliParseError, parse_date
from kalanshahr.network.reminders import send_reminders


class Command(BaseCommand):
    help = ("Email owners of commitments due soon or overdue, editors of long-pending adoptions, and owners of "
            "indicators whose data is due, overdue or off track.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Days ahead for commitments, and age of pending adoptions "
                                                      "(default: settings.REMINDER_DAYS).")
        parser.add_argument("--date", help="Act as if today were this date (Jalali 1405/09/01 or ISO).")

    def handle(self, *args, days=None, date=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days باید صفر یا بیشتر باشد / --days must be zero or more")
        try:
            today = parse_date(date) if date else None
        except JalaliParseError as error:
            raise CommandError(str(error)) from None
        items, emails = send_reminders(today=today, days=days)
        self.stdout.write(f"{items} items reminded in {emails} emails")
