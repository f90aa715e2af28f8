"""Bulk writers of generated sample values, for the scale generator (ops: `manage.py generate_scale`).

Tens of millions of rows cannot go through `save_measurement` one by one: these write them with one
executemany per batch, each batch in its own transaction that also retires the cached pages built on strategy's
data. What the rows look like stays here, with the models: table and column names come from `_meta`, the
subject from `subject_key`, the status from `MeasurementStatus`. Each indicator written to gets one audit event
saying how many sample rows it received. Only the system writes sample data.
"""

from collections import Counter
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from kalanshahr.lib.errors import AccessDenied
from kalanshahr.network import access as network_access, audit, fragments

from .models import Indicator, Measurement, MeasurementStatus, Target, subject_key

BATCH = 20_000


# Each row starts with the indicator id; the shared columns follow the row's own.
TARGET_FIELDS = ["indicator_id", "municipality_id", "subject", "period", "value", "tolerance"]
MEASUREMENT_FIELDS = ["indicator_id", "municipality_id", "subject", "period", "value", "note", "explanation",
                      "evidence", "status", "return_reason", "verified_at", "updated"]


def write_targets(actor, rows, *, tolerance=Decimal(2), progress=None):
    """City-level targets from `rows` of (indicator id, municipality id, period key, value); returns the count."""
    shared = (str(tolerance),)
    return _write(actor, Target, TARGET_FIELDS, "targets", (
        (indicator_id, municipality_id, subject_key(municipality_id), period, str(value), *shared)
        for indicator_id, municipality_id, period, value in rows), progress)


def write_verified_measurements(actor, rows, *, progress=None):
    """Verified city-level values from `rows` of (indicator id, municipality id, period key, value); returns the
    count."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    shared = ("", "", "", MeasurementStatus.VERIFIED.value, "", now, now)
    return _write(actor, Measurement, MEASUREMENT_FIELDS, "measurements", (
        (indicator_id, municipality_id, subject_key(municipality_id), period, str(value), *shared)
        for indicator_id, municipality_id, period, value in rows), progress)


def _write(actor, model, fields, label, rows, progress):
    if not network_access.is_system(actor):
        raise AccessDenied("داده‌ی نمونه را تنها سامانه می‌نویسد.", "Only the system writes sample data.")
    sql, per_indicator, batch = _insert_sql(model, fields), Counter(), []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            _flush(sql, batch, per_indicator, progress)
            batch = []
    if batch:
        _flush(sql, batch, per_indicator, progress)
    with transaction.atomic():
        indicators = Indicator.objects.filter(pk__in=per_indicator).order_by("pk")
        audit.record_many(actor, "strategy.indicator.sample_data", indicators,
                          changes=lambda indicator: {label: per_indicator[indicator.pk]})
    return sum(per_indicator.values())


def _flush(sql, batch, per_indicator, progress):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.executemany(sql, batch)
        fragments.bump("strategy")
    per_indicator.update(row[0] for row in batch)
    if progress is not None:
        progress(len(batch))


def _insert_sql(model, fields):
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    return (f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
            f"VALUES ({', '.join(['%s'] * len(fields))})")
