"""Consistent copies of the database while the site runs, and bringing one back.

SQLite: the online backup API copies a snapshot page by page without stopping writers.
PostgreSQL: pg_dump's custom format reads one snapshot of the database; pg_restore brings it back.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


def _is_sqlite():
    return connection.vendor == "sqlite"


def _pg_environment():
    """libpq's own variables, so the password never shows in a process listing."""
    settings = connection.settings_dict
    env = dict(os.environ)
    for key, value in {"PGHOST": settings["HOST"], "PGPORT": settings["PORT"], "PGUSER": settings["USER"],
                       "PGPASSWORD": settings["PASSWORD"], "PGDATABASE": settings["NAME"]}.items():
        if value:
            env[key] = str(value)
    return env


def _pg_tool(name):
    found = shutil.which(name) or next(iter(sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))), None)
    if not found:
        raise CommandError(f"«{name}» پیدا نشد؛ بسته‌ی postgresql-client را نصب کنید. / "
                           f"“{name}” not found; install the postgresql-client package.")
    return str(found)


def backup(destination):
    """Writes the copy to `destination` (replacing it only once the copy is complete)."""
    destination = Path(destination)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    if _is_sqlite():
        connection.ensure_connection()
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        done = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial)],
                              env=_pg_environment(), capture_output=True, text=True)
        if done.returncode:
            partial.unlink(missing_ok=True)
            raise CommandError(f"pg_dump نتوانست: {done.stderr.strip()} / pg_dump failed: {done.stderr.strip()}")
    partial.replace(destination)
    return destination.stat().st_size


def restore(source):
    """Replaces the whole database with the copy in `source`; refuses a copy made for the other engine."""
    source = Path(source)
    if not source.is_file():
        raise CommandError(f"پرونده‌ی «{source}» پیدا نشد. / File “{source}” not found.")
    with source.open("rb") as stream:
        head = stream.read(16)
    expected, engine = (SQLITE_MAGIC, "SQLite") if _is_sqlite() else (PG_MAGIC, "PostgreSQL")
    if not head.startswith(expected):
        raise CommandError(f"«{source}» پشتیبان {engine} نیست. / “{source}” is not a {engine} backup.")
    if _is_sqlite():
        connection.ensure_connection()
        copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            copy.backup(connection.connection)
        finally:
            copy.close()
        return
    connection.close()  # pg_restore drops and recreates the tables; this process must not hold them
    done = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                           "--dbname", connection.settings_dict["NAME"], str(source)],
                          env=_pg_environment(), capture_output=True, text=True)
    if done.returncode:
        raise CommandError(f"pg_restore نتوانست: {done.stderr.strip()} / pg_restore failed: {done.stderr.strip()}")
