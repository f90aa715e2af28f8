"""Imports measurements from CSV or XLSX: checks every row, writes all or nothing.

    python manage.py import_measurements values.xlsx --dry-run
    python manage.py import_measurements values.csv --user tehran_editor
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kalanshahr.network.access import SYSTEM
from kalanshahr.strategy.importer import import_measurements


class Command(BaseCommand):
    help = "Import measurements (CSV or XLSX, Persian or English headers). Nothing is written if any row is bad."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and write nothing.")
        parser.add_argument("--user", help="Import as this user, with their access (default: the system).")

    def handle(self, *args, file, dry_run=False, user=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"پرونده‌ی «{file}» پیدا نشد. / File “{file}” not found.")
        actor = SYSTEM
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"کاربر «{user}» نیست. / No user “{user}”.")
        with path.open("rb") as stream:
            result = import_measurements(actor, stream, path.name, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            if result.error_count > len(result.errors):
                self.stderr.write(f"… و {result.error_count - len(result.errors)} خطای دیگر / "
                                  f"… and {result.error_count - len(result.errors)} more errors")
            raise CommandError(f"{result.error_count} خطا؛ چیزی نوشته نشد. / {result.error_count} errors; nothing was written.")
        if dry_run:
            self.stdout.write(f"{result.rows} ردیف درست است؛ چیزی نوشته نشد (آزمایشی). / "
                              f"{result.rows} rows are valid; nothing written (dry run).")
        else:
            self.stdout.write(f"{result.rows} ردیف: {result.created} تازه، {result.replaced} جایگزین. / "
                              f"{result.rows} rows: {result.created} created, {result.replaced} replaced.")
