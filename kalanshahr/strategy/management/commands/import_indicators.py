"""Imports indicator definitions from CSV: one row per indicator, all or nothing.

Columns: code, organization (slug), name_fa, name_en, definition, unit, direction, frequency, family,
numerator, denominator, multiplier, source, clauses. `clauses` lists cited clauses as
document-slug:clause-number, separated by «;». A row citing no clause is refused, like everywhere else.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kalanshahr.lib.errors import DomainError
from kalanshahr.lib.persian import parse_number
from kalanshahr.network.models import Organization
from kalanshahr.strategy import services
from kalanshahr.strategy.models import Clause
from kalanshahr.network.access import SYSTEM

OPTIONAL = ("name_en", "numerator", "denominator", "source", "family", "owner_title")


class Rejected(Exception):
    pass


class Command(BaseCommand):
    help = "Import indicator definitions (CSV); every indicator must cite at least one clause."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"پرونده‌ی «{file}» پیدا نشد. / File “{file}” not found.")
        clauses = {(c.document.slug, c.number): c for c in Clause.objects.select_related("document")}
        organizations = {o.slug: o for o in Organization.objects.all()}
        errors, created = [], 0
        try:
            with transaction.atomic(), path.open(encoding="utf-8-sig", newline="") as stream:
                for row_number, row in enumerate(csv.DictReader(stream), start=2):
                    try:
                        self._create(row, clauses, organizations)
                        created += 1
                    except DomainError as error:
                        errors.append(f"ردیف {row_number}، ستون {error.field or '-'}: {error.message_fa} / "
                                      f"row {row_number}, column {error.field or '-'}: {error.message_en}")
                if errors:
                    raise Rejected
        except Rejected:
            for line in errors:
                self.stderr.write(line)
            raise CommandError(f"{len(errors)} خطا؛ چیزی نوشته نشد. / {len(errors)} errors; nothing was written.")
        self.stdout.write(f"{created} شاخص ثبت شد. / {created} indicators created.")

    def _create(self, row, clauses, organizations):
        organization = organizations.get((row.get("organization") or "").strip())
        if organization is None:
            raise DomainError("unknown_organization", "سازمان شناخته نیست.", "Unknown organization.",
                              field="organization")
        cited = []
        for reference in filter(None, (part.strip() for part in (row.get("clauses") or "").split(";"))):
            document, _, number = reference.partition(":")
            if (document, number) not in clauses:
                raise DomainError("unknown_clause", f"بند «{reference}» پیدا نشد.", f"Clause “{reference}” not found.",
                                  field="clauses")
            cited.append(clauses[(document, number)])
        values = {name: (row.get(name) or "").strip() for name in ("name_fa", "definition", "unit", "direction",
                                                                   "frequency", *OPTIONAL)}
        values = {k: v for k, v in values.items() if v or k not in OPTIONAL}
        if row.get("multiplier"):
            values["multiplier"] = parse_number(row["multiplier"])
        with transaction.atomic():
            services.create_indicator(SYSTEM, organization, code=row.get("code") or "", clauses=cited, **values)
