"""Searches as an anonymous visitor would and prints the hits as JSON.

    python manage.py search "QUERY" --json
"""

import json

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand

from kalanshahr.network import search


class Command(BaseCommand):
    help = "Search news, resolutions, experiences and ideas as an anonymous visitor."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--json", action="store_true", help="Print a JSON array (the default).")
        parser.add_argument("--limit", type=int, default=50)

    def handle(self, *args, **options):
        hits = search.search(options["query"], AnonymousUser(), limit=options["limit"])
        rows = [{"type": hit.kind, "id": hit.object_id, "title": hit.title, "url": hit.url} for hit in hits]
        self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=None if options["json"] else 2))
