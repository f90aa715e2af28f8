"""python manage.py restore SOURCE: replaces the whole database with a copy made by `backup`."""

from django.core.management.base import BaseCommand, CommandError

from kalanshahr.lib.backup import restore


class Command(BaseCommand):
    help = "Replace the whole database with a backup made by `manage.py backup`. Stop the site first."

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, source, yes=False, **options):
        if not yes and input(f"همه‌ی داده‌های کنونی با «{source}» جایگزین می‌شود. ادامه؟ / Replace all current data "
                             f"with “{source}”? [y/N] ").strip().lower() not in ("y", "yes", "ب", "بله"):
            raise CommandError("چیزی تغییر نکرد. / Nothing was changed.")
        restore(source)
        self.stdout.write(f"داده‌ها از «{source}» بازگردانده شد. / Restored from “{source}”.")
