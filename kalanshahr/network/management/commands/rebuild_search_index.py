"""Rebuilds the search index from every app's objects (the services keep it current otherwise)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from kalanshahr.network import search


class Command(BaseCommand):
    help = "Rebuild the Persian full-text search index from scratch."

    def add_arguments(self, parser):
        parser.add_argument("--background", action="store_true",
                            help="Queue the rebuild for the task worker instead (make serve starts without waiting).")

    def handle(self, *args, background=False, **options):
        if background:
            result = search.rebuild_in_background.enqueue()
            self.stdout.write(f"Search index rebuild queued as task {result.id}.")
            return
        with transaction.atomic():
            counts = search.rebuild()
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"{kind}: {count}")
