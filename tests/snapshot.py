"""A copy of the demo database kept in memory, to put it back after a transactional test emptied it.

Loading the demo takes 3.5 s on SQLite and 6 s on PostgreSQL; the suite's ~70 browser and transactional tests each
need it afresh (pytest-django flushes the database when such a test ends). Writing the same ~11,000 rows back
from memory takes a small fraction of that (measured in docs/performance.md, "Test suite"), and gives every test
exactly the demo as loaded once, ids included.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

# Tables Django does not manage as models, whose rows the demo writes: SQLite's full-text table of the search index.
EXTRA_TABLES = {"sqlite": {"network_search_fts": ("rowid", "tokens")}}


def _model_tables():
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def take():
    """Every row of every table, read inside one transaction: [(table, columns, rows)]."""
    quote = connection.ops.quote_name
    copied = []
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _model_tables():
            cursor.execute(f"SELECT * FROM {quote(table)}")
            copied.append((table, [column[0] for column in cursor.description], cursor.fetchall()))
        for table, columns in EXTRA_TABLES.get(connection.vendor, {}).items():
            cursor.execute(f"SELECT {', '.join(columns)} FROM {quote(table)}")
            copied.append((table, list(columns), cursor.fetchall()))
    return copied


def restore(copied):
    """Empties the database and writes the copy back, all in one transaction (foreign keys are checked at commit)."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL refuses to truncate a table with foreign-key checks still pending in this transaction
            # (rows written earlier in a test's own transaction): run them now, and defer the rest again.
            connection.check_constraints()
        for statement in connection.ops.sql_flush(no_style(), _model_tables(), allow_cascade=True):
            cursor.execute(statement)
        for table in EXTRA_TABLES.get(connection.vendor, {}):
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, columns, rows in copied:
            if rows:
                placeholders = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
                                   f"VALUES ({placeholders})", rows)
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)
    # The content types were recreated with other ids by the flush; the cached ones would point at nothing.
    ContentType.objects.clear_cache()
