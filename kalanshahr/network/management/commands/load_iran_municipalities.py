"""Loads Iran's provinces, counties and cities from the installed django-iranian-cities package (idempotent)."""

from django.core.management.base import BaseCommand

from kalanshahr.network.access import SYSTEM
from kalanshahr.network.divisions import load_iran_municipalities


class Command(BaseCommand):
    help = "Load Iran's 31 provinces, 448 counties and 1,554 cities as municipalities; a second run changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--province", action="append", dest="provinces", metavar="CODE",
                            help="Only this province, by its official code (repeatable).")

    def handle(self, *args, provinces=None, **options):
        def progress(done, total):
            self.stdout.write(f"\r{done:,}/{total:,} municipalities", ending="")
            self.stdout.flush()

        counts = load_iran_municipalities(SYSTEM, provinces=provinces, progress=progress)
        self.stdout.write("")
        self.stdout.write(f"{counts['provinces']} provinces, {counts['counties']} counties, "
                          f"{counts['municipalities']:,} municipalities; {counts['written']:,} rows written")
