"""Measurement import and export: CSV or XLSX, Persian or English headers, any digits, Jalali periods.

One pass over the file, inside one transaction. Every row is parsed and checked; while no row has
failed, rows are written in batches. After the first failure the rest of the file is still
checked, so every bad row is reported, and the transaction is rolled back at the end: a file with
an error writes nothing. A dry run does the same and always rolls back, so it reports exactly what
the real import would.

Memory stays flat: the file is streamed and nothing is kept per row. A row that repeats an earlier
one is caught in its batch, or in the database (it meets a row this import wrote); once a row has
failed, writing stops, so later repeats and verified values are not looked for any more.

Imported values arrive as `submitted`, waiting for a verifier. Re-importing a period replaces values
that are not verified yet (their old value goes to the revision history); a verified value is
never replaced: that row is an error.
"""

import csv
import functools
import io
import operator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation


from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kalanshahr.lib.jalali import JalaliParseError, Period
from kalanshahr.lib.persian import ascii_digits, normalize, parse_number, search_key
from kalanshahr.network import audit
from kalanshahr.network.models import Municipality, Organization

from . import access
from .models import ImportBatch, Indicator, Measurement, MeasurementRevision, MeasurementStatus

BATCH = 2000
MAX_ERRORS = 1000
# Measurement values have 16 digits before the point.
LIMIT = Decimal("1e16")

# Accepted header spellings, compared after search_key() folding.
COLUMNS = {
    "indicator": ["indicator", "indicator code", "indicator_code", "code", "کد شاخص", "شاخص"],
    "municipality": ["municipality", "city", "شهرداری", "شهر"],
    "organization": ["organization", "سازمان"],
    "period": ["period", "دوره"],
    "value": ["value", "مقدار"],
    "numerator": ["numerator", "صورت"],
    "denominator": ["denominator", "مخرج"],
    "note": ["note", "یادداشت", "توضیح"],
}
COLUMN_LABELS_FA = {"indicator": "کد شاخص", "municipality": "شهرداری", "organization": "سازمان", "period": "دوره",
                    "value": "مقدار", "numerator": "صورت", "denominator": "مخرج", "note": "یادداشت"}
EXPORT_HEADERS = [COLUMN_LABELS_FA[name] for name in COLUMNS]
_HEADER_LOOKUP = {search_key(spelling).replace("_", " "): name for name, spellings in COLUMNS.items()
                  for spelling in spellings}


@dataclass
class RowError:
    row: int
    column: str
    message_fa: str
    message_en: str

    def __str__(self):
        column_fa = COLUMN_LABELS_FA.get(self.column, self.column)
        return (f"ردیف {self.row}، ستون {column_fa}: {self.message_fa} / "
                f"row {self.row}, column {self.column}: {self.message_en}")


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    replaced: int = 0
    errors: list = field(default_factory=list)
    error_count: int = 0
    preview: list = field(default_factory=list)
    dry_run: bool = False
    batch: object = None

    @property
    def ok(self):
        return not self.error_count


class ImportFailed(Exception):
    """Raised inside the transaction to roll it back once the whole file has been checked."""


def read_rows(stream, filename):
    """Yields (row number, [cells as str]) with the header as row 1; CSV (UTF-8, BOM or not) or XLSX."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(stream, read_only=True, data_only=True)
        try:
            for number, cells in enumerate(workbook.active.iter_rows(values_only=True), start=1):
                yield number, ["" if c is None else str(c) if not isinstance(c, str) else c for c in cells]
        finally:
            workbook.close()
        return
    text = stream if isinstance(stream, io.TextIOBase) else io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    for number, cells in enumerate(csv.reader(text), start=1):
        yield number, cells


class Lookups:
    """Indicators, municipalities, organizations and periods by every spelling a file may use (3 queries).

    Files repeat the same few codes, cities, units and periods, so each distinct combination is resolved, and
    checked against the actor's access, once (see subject()).
    """

    def __init__(self, actor):
        self.actor = actor
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.municipalities = {}
        for m in Municipality.objects.all():
            for name in (m.slug, m.name_fa, m.name_en):
                if name:
                    self.municipalities[search_key(name)] = m
        self.organizations = {}
        for o in Organization.objects.exclude(municipality=None):
            for name in (o.slug, o.name_fa):
                self.organizations[search_key(name)] = o
        # Read directly by parse_row, the hot loop, before it pays for a method call.
        self.subjects, self.periods = {}, {}

    def subject(self, code, city, unit):
        """(indicator, municipality, organization, subject key, allowed, problems) for one spelling of the three
        columns; problems are (column, message_fa, message_en) for the ones that name nothing known."""
        indicator = self.indicators.get(normalize(code).upper())
        municipality = self.municipalities.get(search_key(city))
        organization = self.organizations.get(search_key(unit)) if unit else None
        problems = []
        if indicator is None:
            problems.append(("indicator", f"شاخصی با کد «{code}» نیست.", f"No indicator has the code “{code}”."))
        if municipality is None:
            problems.append(("municipality", f"شهرداری «{city}» شناخته نیست.", f"Unknown municipality “{city}”."))
        if unit and organization is None:
            problems.append(("organization", f"سازمان «{unit}» شناخته نیست.", f"Unknown organization “{unit}”."))
        elif organization is not None and municipality is not None and organization.municipality_id != municipality.id:
            problems.append(("organization", "این سازمان از شهرداری دیگری است.",
                             "This organization belongs to another municipality."))
        subject, allowed = None, False
        if not problems:
            subject = f"o{organization.id}" if organization else f"m{municipality.id}"
            allowed = access.can_enter(self.actor, municipality.id, organization)
        entry = self.subjects[code, city, unit] = (indicator, municipality, organization, subject, allowed, problems)
        return entry

    def period(self, text):
        """(Period, None) or (None, (message_fa, message_en))."""
        try:
            entry = Period.parse(text), None
        except JalaliParseError as error:
            entry = None, (error.message_fa, error.message_en)
        self.periods[text] = entry
        return entry


def parse_row(row, cells, columns, lookups):
    """None for a blank row, else (record, [RowError]) for one data row; never raises on bad content.

    A record is (key, indicator, municipality, organization, period, value, numerator, denominator, note), where
    key is (indicator id, subject, period key), the measurement's natural key.

    This runs once per row of files with hundreds of thousands of rows: it works on locals and tuples, and
    resolves each distinct spelling once (see Lookups).
    """
    if len(cells) < columns.width:
        cells.extend(columns.padding[len(cells):])
    cells.append("")  # what a column the file lacks reads
    code, city, unit, period_text, value_text, numerator_text, denominator_text, note = map(
        str.strip, columns.pick(cells))
    blank = not (code or city or unit or period_text or value_text or numerator_text or denominator_text or note)
    if blank and not "".join(cells).strip():
        return None
    errors = []
    indicator, municipality, organization, subject, allowed, problems = (
        lookups.subjects.get((code, city, unit)) or lookups.subject(code, city, unit))
    if problems:
        errors.extend(RowError(row, *problem) for problem in problems)
    period, period_error = lookups.periods.get(period_text) or lookups.period(period_text)
    if period_error:
        errors.append(RowError(row, "period", *period_error))
    elif indicator is not None and period.kind != indicator.frequency:
        errors.append(RowError(row, "period", f"دوره‌ی «{period.key}» با تناوب شاخص {indicator.code} نمی‌خواند.",
                               f"The period “{period.key}” does not match the frequency of {indicator.code}."))
    value = numerator = denominator = None
    if value_text:
        value = _finite(value_text, row, "value", errors)
    if numerator_text or denominator_text:
        numerator = _finite(numerator_text, row, "numerator", errors) if numerator_text else None
        denominator = _finite(denominator_text, row, "denominator", errors) if denominator_text else None
        if not errors and indicator is not None:
            if numerator is None or not denominator:
                errors.append(RowError(row, "denominator", "صورت و مخرج (غیر صفر) را با هم بنویسید.",
                                       "Give both the numerator and a non-zero denominator."))
            else:
                value = indicator.value_from(numerator, denominator)
    if value is None and not value_text and not (numerator_text or denominator_text):
        errors.append(RowError(row, "value", "مقدار خالی است.", "The value is empty."))
    if errors:
        return None, errors
    if not allowed:
        return None, [RowError(row, "municipality", "ثبت داده برای این شهرداری یا سازمان در اختیار شما نیست.",
                               "You may not enter data for this municipality or organization.")]
    return ((indicator.id, subject, period.key), indicator, municipality, organization, period, value, numerator,
            denominator, normalize(note) if note else ""), errors


def _finite(text, row, column, errors):
    """The number in `text`, or None with a RowError added; refuses NaN, infinities and values past the column.

    Decimal() reads plain numbers fastest, parse_number the rest (separators, ٫), as the forms do."""
    plain = text if text.isascii() else ascii_digits(text)
    try:
        if "_" in plain or not plain.isascii():
            raise InvalidOperation  # Decimal() would take digits of any script and 1_000; the forms do not
        number = Decimal(plain)
    except InvalidOperation:
        try:
            number = parse_number(text)
        except (ValueError, InvalidOperation):
            errors.append(RowError(row, column, f"«{text}» عدد نیست.", f"“{text}” is not a number."))
            return None
    if not number.is_finite() or abs(number) >= LIMIT:
        errors.append(RowError(row, column, f"«{text}» عدد پذیرفتنی نیست.", f"“{text}” is not an acceptable number."))
        return None
    return number


class Columns:
    """Where each known column sits in a row; a column the file lacks reads the empty cell parse_row appends."""

    def __init__(self, found, width):
        self.width, self.padding = width, [""] * width
        self.pick = operator.itemgetter(*(found.get(name, -1) for name in COLUMNS))


def _header(cells):
    """Columns from the header row, and a RowError naming the required ones it lacks (or None)."""
    found = {}
    for index, cell in enumerate(cells):
        name = _HEADER_LOOKUP.get(search_key(str(cell or "")).replace("_", " "))
        if name and name not in found:
            found[name] = index
    missing = [name for name in ("indicator", "municipality", "period") if name not in found]
    if "value" not in found and not {"numerator", "denominator"} <= set(found):
        missing.append("value")
    columns = Columns(found, max(found.values(), default=-1) + 1)
    if missing:
        names_fa = "، ".join(COLUMN_LABELS_FA[m] for m in missing)
        return columns, RowError(1, missing[0], f"ستون(های) {names_fa} در سطر عنوان نیست.",
                                 f"The header row lacks: {', '.join(missing)}.")
    return columns, None


def _repeated(row):
    return RowError(row, "period", "این شاخص و دوره پیش‌تر در همین پرونده آمده است.",
                    "This indicator and period already appear earlier in the file.")


class _Writer:
    def __init__(self, actor, batch):
        self.user = audit.stored_user(actor)
        self.batch = batch
        self.created = self.replaced = 0
        self.checked, self.fresh = set(), set()

    def _all_fresh(self, indicator_ids):
        """Whether none of these indicators had a stored value before this import (one query per new indicator set).

        Rows of such indicators can only meet rows of this same import, which the unique constraint catches.
        """
        unknown = indicator_ids - self.checked
        if unknown:
            stored = set(Measurement.objects.filter(indicator_id__in=unknown)
                         .values_list("indicator_id", flat=True).distinct())
            self.fresh |= unknown - stored
            self.checked |= unknown
        return indicator_ids <= self.fresh

    # Filled from each row; the rest of the columns are the same for every row of an import.
    COLUMNS = ["indicator_id", "municipality_id", "organization_id", "subject", "period", "value", "numerator",
               "denominator", "note"]

    def _insert(self, records):
        """One executemany INSERT of parsed records: building model instances and letting bulk_create compile SQL
        per object cost four times the insert itself."""
        if not records:
            return
        ops = connection.ops
        if connection.vendor == "sqlite":
            # sqlite3 turns a Decimal into text through a Python adapter, once per value; str() here is cheaper.
            number = str
        else:
            field = Measurement._meta.get_field("value")

            def number(value):
                return ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)

        values = [(key[0], municipality.id, organization.id if organization is not None else None, key[1], key[2],
                   None if value is None else number(value), None if numerator is None else number(numerator),
                   None if denominator is None else number(denominator), note)
                  for key, _i, municipality, organization, _p, value, numerator, denominator, note in records]
        if connection.vendor == "postgresql":
            self._copy(values)
            return
        with connection.cursor() as cursor:
            cursor.executemany(self._insert_sql, values)

    @functools.cached_property
    def _shared(self):
        """The columns every row of this import has the same value in."""
        return {"explanation": "", "evidence": "", "status": MeasurementStatus.SUBMITTED.value, "return_reason": "",
                "entered_by_id": self.user.pk if self.user else None, "batch_id": self.batch.pk if self.batch else None,
                "updated": timezone.now()}

    def _copy(self, values):
        """PostgreSQL: the rows go in by COPY (psycopg 3's cursor.copy), three times the rate of an executemany
        INSERT (docs/performance.md). A row that breaks the unique constraint fails the COPY with an IntegrityError,
        as it fails the INSERT."""
        ops = connection.ops
        columns = ", ".join(ops.quote_name(c) for c in [*self.COLUMNS, *self._shared])
        shared = tuple(self._shared.values())
        with connection.cursor() as cursor, connection.wrap_database_errors:
            with cursor.cursor.copy(f"COPY {ops.quote_name(Measurement._meta.db_table)} ({columns}) FROM STDIN") as copy:
                write = copy.write_row
                for row in values:
                    write(row + shared)

    @functools.cached_property
    def _insert_sql(self):
        """The INSERT with placeholders for the row columns only. The columns every row shares are written into it
        as literals, quoted by the database itself: each placeholder costs a binding on every row."""
        ops = connection.ops
        shared = {**self._shared, "updated": ops.adapt_datetimefield_value(self._shared["updated"])}
        quote = "quote(%s)" if connection.vendor == "sqlite" else "quote_nullable(%s::text)"
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join([quote] * len(shared)), list(shared.values()))
            literals = [literal.replace("%", "%%") for literal in cursor.fetchone()]
        return "INSERT INTO {} ({}) VALUES ({})".format(
            ops.quote_name(Measurement._meta.db_table), ", ".join(ops.quote_name(c) for c in [*self.COLUMNS, *shared]),
            ", ".join(["%s"] * len(self.COLUMNS) + literals))

    @staticmethod
    def _existing(keys):
        """The stored measurements with these (indicator, subject, period) keys, locked for this transaction.

        The keys are joined as a VALUES table so the database searches the unique index once per key. Separate IN
        lists per column, or a row-value IN, made SQLite scan the table, whose size grows with every batch written.
        """
        table = connection.ops.quote_name(Measurement._meta.db_table)
        placeholders = ", ".join(["(%s, %s, %s)"] * len(keys))
        lock = " FOR UPDATE OF m" if connection.features.has_select_for_update_of else ""
        sql = (f"WITH k (indicator_id, subject, period) AS (VALUES {placeholders}) "
               f"SELECT m.* FROM k JOIN {table} m ON m.indicator_id = k.indicator_id AND m.subject = k.subject "
               f"AND m.period = k.period{lock}")
        return Measurement.objects.raw(sql, [value for key in keys for value in key])

    def flush(self, rows):
        """Writes (row number, record) pairs; returns RowErrors for rows that repeat one or whose stored value is
        verified (and writes nothing then)."""
        if not rows:
            return []
        records = {record[0]: (row, record) for row, record in rows}
        if len(records) < len(rows):
            return self._repeats(rows)
        if self._all_fresh({key[0] for key in records}):
            try:
                with transaction.atomic():
                    self._insert([record for _row, record in rows])
            except IntegrityError:
                pass  # a row repeats one of an earlier batch: the careful path below names it
            else:
                self.created += len(rows)
                return []
        found = {(m.indicator_id, m.subject, m.period): m for m in self._existing(list(records))}
        updates, revisions, creates, errors = [], [], [], []
        now = timezone.now()
        for key, (row, record) in records.items():
            old = found.get(key)
            if old is None:
                creates.append(record)
            elif self.batch is not None and old.batch_id == self.batch.pk:
                errors.append(_repeated(row))
            elif old.status == MeasurementStatus.VERIFIED:
                errors.append(RowError(row, "value", "مقدار این دوره راستی‌آزمایی شده و جایگزین نمی‌شود.",
                                       "This period's value is verified and cannot be replaced."))
            else:
                revisions.append(MeasurementRevision(measurement=old, action="replace", value=old.value,
                                                     numerator=old.numerator, denominator=old.denominator,
                                                     status=old.status, actor=self.user, created=now))
                old.value, old.numerator, old.denominator, old.note = record[5:]
                old.status, old.entered_by, old.batch, old.updated = MeasurementStatus.SUBMITTED, self.user, self.batch, now
                old.forget_measurement()
                updates.append(old)
        if errors:
            return errors
        self._insert(creates)
        Measurement.objects.bulk_update(updates, ["value", "numerator", "denominator", "note", "status", "entered_by",
                                                  "batch", "updated", *Measurement.MEASURED_FIELDS])
        MeasurementRevision.objects.bulk_create(revisions)
        self.created += len(creates)
        self.replaced += len(updates)
        return []

    @staticmethod
    def _repeats(rows):
        seen, errors = set(), []
        for row, record in rows:
            if record[0] in seen:
                errors.append(_repeated(row))
            seen.add(record[0])
        return errors


def import_measurements(actor, stream, filename, *, dry_run=False, preview_rows=0, progress=None):
    """Checks the whole file and, unless `dry_run` or any row fails, writes it. Returns an ImportResult.

    `progress(rows)` is called after every BATCH data rows read (the background import shows it)."""
    result = ImportResult(dry_run=dry_run)
    lookups = Lookups(actor)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                actor=audit.stored_user(actor), filename=filename[:255])
            writer = _Writer(actor, batch)
            rows = read_rows(stream, filename)
            header = next(rows, None)
            columns, error = _header(header[1] if header else [])
            if error:
                _fail(result, error)
                raise ImportFailed
            count, pending = 0, []
            for row, cells in rows:
                parsed = parse_row(row, cells, columns, lookups)
                if parsed is None:
                    continue
                count += 1
                if progress is not None and not count % BATCH:
                    progress(count)
                record, errors = parsed
                if errors:
                    for error in errors:
                        _fail(result, error)
                    continue
                if len(result.preview) < preview_rows:
                    result.preview.append((row, _preview(record)))
                if not result.error_count:
                    pending.append((row, record))
                    if len(pending) >= BATCH:
                        for error in writer.flush(pending):
                            _fail(result, error)
                        pending = []
            result.rows = count
            if not result.error_count:
                for error in writer.flush(pending):
                    _fail(result, error)
            if result.error_count or dry_run:
                raise ImportFailed
            if result.rows == 0:
                _fail(result, RowError(2, "indicator", "پرونده ردیف داده‌ای ندارد.", "The file has no data rows."))
                raise ImportFailed
            batch.created_count, batch.replaced_count = writer.created, writer.replaced
            batch.save(update_fields=["created_count", "replaced_count"])
            audit.record(actor, "strategy.measurement.import", batch,
                         changes={"file": filename, "created": writer.created, "replaced": writer.replaced})
            result.created, result.replaced, result.batch = writer.created, writer.replaced, batch
    except ImportFailed:
        pass
    return result


def _preview(record):
    _key, indicator, municipality, organization, period, value, _numerator, _denominator, note = record
    return {"indicator": indicator, "municipality": municipality, "organization": organization, "period": period,
            "value": value, "note": note}


def _fail(result, error):
    result.error_count += 1
    if len(result.errors) < MAX_ERRORS:
        result.errors.append(error)


def _plain(number):
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text


def export_measurements(rows_queryset):
    """Yields CSV lines in the import format (Persian headers), so export then import changes nothing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADERS)
    yield "\ufeff" + buffer.getvalue()
    for m in rows_queryset.select_related("indicator", "municipality", "organization").iterator(chunk_size=2000):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([m.indicator.code, m.municipality.slug, m.organization.slug if m.organization else "",
                         m.period, "" if m.numerator is not None else _plain(m.value), _plain(m.numerator),
                         _plain(m.denominator), m.note])
        yield buffer.getvalue()
