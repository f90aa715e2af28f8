"""python manage.py backup DEST: a consistent copy of the database, taken while the site runs."""

from django.core.management.base import BaseCommand

from kalanshahr.lib.backup import backup


class Command(BaseCommand):
    help = "Copy the whole database to DEST (SQLite: online backup API; PostgreSQL: pg_dump, custom format)."

    def add_arguments(self, parser):
        parser.add_argument("destination")

    def handle(self, *args, destination, **options):
        size = backup(destination)
        self.stdout.write(f"پشتیبان در «{destination}» نوشته شد ({size} بایت). / Backup written to “{destination}” "
                          f"({size} bytes).")
