"""Operations against real processes: backup and restore, an import killed mid-write, a database restart.

Each test works on its own scratch database (a copy of one built with `migrate` and `load_demo` by the
real commands), never on the suite's test database, and drives `manage.py` in child processes.
"""

import csv
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest

from . import processes
from .processes import free_port, postgres_bindir
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
ENGINE = settings.DATABASES["default"]["ENGINE"]
ON_POSTGRES = "postgresql" in ENGINE


def manage(env, *args, check=True, **kwargs):
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=check,
                          capture_output=True, text=True, **kwargs)


class Scratch:
    """A database of its own for one test, with `env` for the child processes that use it."""

    def __init__(self, env, name):
        self.env, self.name = env, name

    def query(self, sql, *params):
        if ON_POSTGRES:
            with psycopg.connect(self.env["DATABASE_URL"]) as connection:
                return connection.execute(sql.replace("?", "%s"), params).fetchone()
        with sqlite3.connect(self.name) as connection:
            return connection.execute(sql, params).fetchone()

    def counts(self):
        tables = ["strategy_measurement", "strategy_importbatch", "network_auditevent", "meetings_resolution",
                  "portal_comment", "ideas_idea", "auth_user"]
        return {table: self.query(f"SELECT COUNT(*) FROM {table}")[0] for table in tables}


def _server():
    parameters = settings.DATABASES["default"]
    return {"host": parameters["HOST"], "port": parameters["PORT"], "user": parameters["USER"],
            "password": parameters["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}


def _pg_url(name):
    parameters = settings.DATABASES["default"]
    return f"postgres://{parameters['USER']}@{parameters['HOST']}:{parameters['PORT']}/{name}"


def _child_env(**extra):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SQLITE_PATH")}
    env.update(DJANGO_SETTINGS_MODULE="kalanshahr.settings", **extra)
    return env


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo database, built once per run by the real commands."""
    if ON_POSTGRES:
        name = f"ops_template_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(**_server()) as server:
            server.execute(f'CREATE DATABASE "{name}"')
        env = _child_env(DATABASE_URL=_pg_url(name))
    else:
        name = str(tmp_path_factory.mktemp("ops") / "template.sqlite3")
        env = _child_env(SQLITE_PATH=name)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", "--quiet-logins")
    if not ON_POSTGRES:
        with sqlite3.connect(name) as database:
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    yield name
    if ON_POSTGRES:
        with psycopg.connect(**_server()) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch(demo_template, tmp_path):
    if ON_POSTGRES:
        name = f"ops_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(**_server()) as server:
            server.execute(f'CREATE DATABASE "{name}" TEMPLATE "{demo_template}"')
        yield Scratch(_child_env(DATABASE_URL=_pg_url(name)), name)
        with psycopg.connect(**_server()) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        name = str(tmp_path / "scratch.sqlite3")
        shutil.copyfile(demo_template, name)
        yield Scratch(_child_env(SQLITE_PATH=name), name)


def _serve(env):
    """runserver without threads, so that one database connection serves every request (CONN_MAX_AGE)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", "--nothreading",
                               f"127.0.0.1:{port}"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("runserver did not start")


def _get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.read().decode()


def test_backup_while_the_site_serves_then_restore_round_trips_the_demo(scratch, tmp_path):
    before = scratch.counts()
    server, base = _serve(scratch.env)
    try:
        assert _get(base + "/meetings/")[0] == 200
        copy = tmp_path / "kalanshahr.backup"
        done = manage(scratch.env, "backup", str(copy))
        assert "Backup written" in done.stdout
        assert _get(base + "/meetings/")[0] == 200
    finally:
        server.terminate()
        server.wait(10)
    # Lose data after the backup: every comment and every measurement.
    scratch_sql = "DELETE FROM portal_comment; DELETE FROM strategy_measurementrevision; DELETE FROM strategy_measurement;"
    manage(scratch.env, "shell", "-c", f"from django.db import connection; c = connection.cursor(); "
           f"[c.execute(s) for s in {scratch_sql.split(';')[:-1]!r}]")
    assert scratch.query("SELECT COUNT(*) FROM strategy_measurement")[0] == 0
    refused = manage(scratch.env, "restore", "--yes", str(ROOT / "README.md"), check=False)
    assert refused.returncode != 0 and "is not a" in refused.stderr
    assert manage(scratch.env, "restore", "--yes", str(copy)).returncode == 0
    assert scratch.counts() == before
    assert before["strategy_measurement"] > 1000 and before["portal_comment"] > 0


def _large_import(path, rows):
    """Rows for the demo's monthly indicators × its cities, in years before any demo value."""
    from kalanshahr.network.models import Municipality
    from kalanshahr.strategy.models import Indicator

    indicators = list(Indicator.objects.filter(frequency="month").values_list("code", flat=True))
    cities = list(Municipality.objects.values_list("slug", flat=True))
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["indicator", "municipality", "organization", "period", "value"])
        for n in range(rows):
            month = n // (len(indicators) * len(cities))
            writer.writerow([indicators[n % len(indicators)], cities[(n // len(indicators)) % len(cities)], "",
                             f"{1320 + month // 12}-{month % 12 + 1:02d}", f"{(n * 37) % 10007}.25"])


def _writing(scratch):
    """Whether the import's transaction has written rows that are not committed yet."""
    if ON_POSTGRES:
        return scratch.query("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND backend_xid IS NOT NULL",
                             scratch.name)[0] > 0
    # The copied database starts with an empty log (checkpointed), and the import commits once, at its end: any
    # megabyte in the log is its uncommitted work.
    wal = Path(scratch.name + "-wal")
    return wal.exists() and wal.stat().st_size > 1_000_000


def test_an_import_killed_mid_write_leaves_all_or_nothing(demo, scratch, tmp_path):
    rows = 40_000
    source = tmp_path / "large.csv"
    _large_import(source, rows)
    before = scratch.counts()
    child = subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "import_measurements", str(source)],
                             env=scratch.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not _writing(scratch):
        assert child.poll() is None, "the import ended before it was seen writing; make the file larger"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    assert child.wait(10) == -signal.SIGKILL
    after = scratch.counts()
    assert after == before, "a killed import left part of its rows behind"
    # The same file, imported to the end, is whole.
    done = manage(scratch.env, "import_measurements", str(source))
    assert f"{rows} rows" in done.stdout
    assert scratch.counts()["strategy_measurement"] == before["strategy_measurement"] + rows


@pytest.fixture
def private_postgres():
    """A PostgreSQL server of this test's own, so that restarting it disturbs nothing else the suite runs."""
    bindir = postgres_bindir()
    as_postgres = processes.as_postgres()
    home = Path(tempfile.mkdtemp(prefix="kalanshahr-pg-restart-"))
    if as_postgres:
        shutil.chown(home, "postgres")
    port = free_port()
    subprocess.run([*as_postgres, str(bindir / "initdb"), "-D", str(home / "data"), "-U", "kalanshahr",
                    "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True)
    control = [*as_postgres, str(bindir / "pg_ctl"), "-D", str(home / "data"), "-l", str(home / "server.log"), "-w"]
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {home} -c fsync=off"
    subprocess.run([*control, "-o", options, "start"], check=True, capture_output=True)
    try:
        yield _child_env(DATABASE_URL=f"postgres://kalanshahr@127.0.0.1:{port}/postgres"), control
    finally:
        subprocess.run([*control, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL only: SQLite has no server to restart")
def test_a_postgres_restart_between_two_requests_is_survived(private_postgres):
    env, control = private_postgres
    manage(env, "migrate", "--noinput", "-v0")
    server, base = _serve(env)
    try:
        assert _get(base + "/meetings/")[0] == 200
        subprocess.run([*control, "-m", "fast", "restart"], check=True, capture_output=True, timeout=60)
        # The same connection (runserver without threads, CONN_MAX_AGE) is now dead; the health check replaces it,
        # and the answers still come from the database: the empty one this server was migrated into.
        assert _get(base + "/meetings/")[0] == 200
        status, body = _get(base + "/api/v1/meetings/")
        assert status == 200 and json.loads(body)["count"] == 0
    finally:
        server.terminate()
        server.wait(10)
