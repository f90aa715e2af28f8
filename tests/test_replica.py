"""A real streaming replica (pg_basebackup from the suite's PostgreSQL server), and the router in its own process:
reads reach the replica once it has the rows, a writer's reads stay on the primary, and when the replica is
stopped reads go to the primary and /health/ says "degraded" (lib/dbrouter.py). PostgreSQL only."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .processes import as_postgres, free_port, postgres_bindir

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="a streaming replica is PostgreSQL's")

PROBE = r"""
import json, sys, time
import django
django.setup()
from django.db import connections
from django.test import Client
from kalanshahr.lib import dbrouter
from kalanshahr.network.models import Municipality

out = {}
Municipality.objects.create(name_fa="شهر آزمون", slug="replica-probe")  # on the primary
deadline = time.time() + 20
while not Municipality.objects.using("replica").filter(slug="replica-probe").exists():
    assert time.time() < deadline, "the replica never received the row"
    time.sleep(0.1)
out["router_read"] = dbrouter.ReplicaRouter().db_for_read(Municipality)
out["seen_through_router"] = Municipality.objects.filter(slug="replica-probe").exists()
dbrouter.pin_to_primary()
out["pinned_read"] = dbrouter.ReplicaRouter().db_for_read(Municipality)
dbrouter.pin_to_primary(False)
out["health"] = Client().get("/health/").json()
sys.stdout.write(json.dumps(out) + "\n"); sys.stdout.flush()
sys.stdin.readline()  # the test stops the replica meanwhile
dbrouter.replica_state(force=True)
out = {"after_stop_read": dbrouter.ReplicaRouter().db_for_read(Municipality),
       "after_stop_count": Municipality.objects.filter(slug="replica-probe").count()}
response = Client().get("/health/")
out["after_stop_health"] = [response.status_code, response.json()]
sys.stdout.write(json.dumps(out) + "\n")
"""


def test_reads_go_to_a_streaming_replica_and_fall_back_when_it_stops():
    url = urlsplit(os.environ["DATABASE_URL"])
    bindir = postgres_bindir()
    as_pg = as_postgres()
    work = Path(tempfile.mkdtemp(prefix="kalanshahr-replica-"))
    if as_pg:
        shutil.chown(work, "postgres")
    database = f"replica_probe_{os.getpid()}"
    port = free_port()
    psql = [str(bindir / "psql"), "-h", url.hostname, "-p", str(url.port), "-U", url.username, "-d", "postgres",
            "-v", "ON_ERROR_STOP=1", "-q"]
    subprocess.run([*psql, "-c", f"CREATE DATABASE {database}"], check=True)
    try:
        subprocess.run([*as_pg, str(bindir / "pg_basebackup"), "-h", url.hostname, "-p", str(url.port),
                        "-U", url.username, "-D", str(work / "data"), "-R", "-X", "stream", "-c", "fast"], check=True)
        subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(work / "data"), "-l", str(work / "replica.log"),
                        "-w", "start", "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {work} -c hot_standby=on"],
                       check=True, stdout=subprocess.DEVNULL)
        primary = f"postgres://{url.username}@{url.hostname}:{url.port}/{database}"
        env = {**os.environ, "DATABASE_URL": primary, "ENV_FILE": os.devnull, "REPLICA_CHECK_SECONDS": "0",
               "DATABASE_REPLICA_URL": f"postgres://{url.username}@127.0.0.1:{port}/{database}",
               "DJANGO_SETTINGS_MODULE": "kalanshahr.settings"}
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        probe = subprocess.Popen([sys.executable, "-c", PROBE], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
        before = json.loads(probe.stdout.readline())
        assert before["router_read"] == "replica" and before["seen_through_router"]
        assert before["pinned_read"] == "default"
        assert before["health"]["status"] == "ok" and before["health"]["checks"]["replica"]["used_for_reads"]

        subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(work / "data"), "-m", "fast", "stop"], check=True,
                       stdout=subprocess.DEVNULL)
        probe.stdin.write("go\n")
        probe.stdin.flush()
        after = json.loads(probe.stdout.readline())
        probe.wait(timeout=30)
        assert after["after_stop_read"] == "default" and after["after_stop_count"] == 1
        status, health = after["after_stop_health"]
        assert status == 200 and health["status"] == "degraded" and health["failing"] == ["replica"]
    finally:
        subprocess.run([*as_pg, str(bindir / "pg_ctl"), "-D", str(work / "data"), "-m", "immediate", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)
        subprocess.run([*psql, "-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"])
