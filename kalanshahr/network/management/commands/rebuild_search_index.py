"""Rebuilds the search index from every app's objects (the services keep it current otherwise)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from kalanshahr.network import search


class Command(BaseCommand):
    help = "Rebuild the Persian full-text search index from scratch."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = search.rebuild()
        for kind, count in sorted(counts.items()):
            self.stdout.write(f"{kind}: {count}")
