#!/usr/bin/env python3
"""The production shape of PostgreSQL on loopback: a primary, a streaming replica made by pg_basebackup, and
PgBouncer in transaction mode in front of the primary, all in one temporary directory.

    scripts/pgcluster.py COMMAND [ARGS...]      (what `scripts/with-postgres --cluster` runs)

runs COMMAND with DATABASE_URL (the primary, through PgBouncer), DATABASE_REPLICA_URL and DATABASE_POOLER=pgbouncer
set, and stops and removes everything when it ends. The multi-node test
(tests/test_multinode.py) starts and stops the same cluster through the PgCluster class. Standard library only:
the Makefile runs it before any virtual environment exists.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

USER = "kalanshahr"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bindir():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                   key=lambda path: [int(part) for part in path.parent.parent.name.split(".")])
    if not found:
        sys.exit("PostgreSQL server binaries not found; run scripts/ensure-packages test")
    return found[-1].parent


def as_postgres():
    """The prefix that runs PostgreSQL's tools and PgBouncer as the postgres user when we are root (both refuse
    to run as root); empty otherwise."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


class PgCluster:
    def __init__(self, database="postgres"):
        self.bindir = postgres_bindir()
        self.as_pg = as_postgres()
        self.work = Path(tempfile.mkdtemp(prefix="kalanshahr-cluster-"))
        if self.as_pg:
            shutil.chown(self.work, "postgres")
        self.database = database
        self.primary_port, self.replica_port, self.pooler_port = free_port(), free_port(), free_port()
        self.pooler = None

    # --- the URLs a Django process is given
    def url(self, port):
        return f"postgres://{USER}@127.0.0.1:{port}/{self.database}"

    def environment(self):
        return {"DATABASE_URL": self.url(self.pooler_port), "DATABASE_REPLICA_URL": self.url(self.replica_port),
                "DATABASE_POOLER": "pgbouncer"}

    # --- starting and stopping
    def _pg(self, *args, **kwargs):
        return subprocess.run([*self.as_pg, *map(str, args)], check=True, **kwargs)

    def _server_options(self, port, *extra):
        # Durability is pointless for a cluster deleted after the run; the replica needs WAL senders; no JIT, as
        # in production (docs/deploy.md).
        return " ".join([f"-c listen_addresses=127.0.0.1 -p {port} -k {self.work}", "-c fsync=off", "-c jit=off",
                         "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_wal_senders=5",
                         "-c wal_level=replica", "-c wal_receiver_status_interval=1", *extra])

    def start(self):
        quiet = {"stdout": subprocess.DEVNULL}
        self._pg(self.bindir / "initdb", "-D", self.work / "primary", "-U", USER, "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8", **quiet)
        self._pg(self.bindir / "pg_ctl", "-D", self.work / "primary", "-l", self.work / "primary.log", "-w", "start",
                 "-o", self._server_options(self.primary_port), **quiet)
        if self.database != "postgres":
            self._pg(self.bindir / "createdb", "-h", "127.0.0.1", "-p", self.primary_port, "-U", USER, self.database)
        self._pg(self.bindir / "pg_basebackup", "-h", "127.0.0.1", "-p", self.primary_port, "-U", USER,
                 "-D", self.work / "replica", "-R", "-X", "stream", "-c", "fast")
        self.start_replica()
        self.start_pooler()
        return self

    def start_replica(self):
        self._pg(self.bindir / "pg_ctl", "-D", self.work / "replica", "-l", self.work / "replica.log", "-w", "start",
                 "-o", self._server_options(self.replica_port, "-c hot_standby=on"), stdout=subprocess.DEVNULL)

    def stop_replica(self):
        self._pg(self.bindir / "pg_ctl", "-D", self.work / "replica", "-m", "fast", "-w", "stop",
                 stdout=subprocess.DEVNULL)

    def stop_primary(self):
        self._pg(self.bindir / "pg_ctl", "-D", self.work / "primary", "-m", "fast", "-w", "stop",
                 stdout=subprocess.DEVNULL)

    def start_pooler(self):
        (self.work / "userlist.txt").write_text(f'"{USER}" ""\n')
        (self.work / "pgbouncer.ini").write_text("\n".join([
            "[databases]", f"* = host=127.0.0.1 port={self.primary_port}", "",
            "[pgbouncer]", "listen_addr = 127.0.0.1", f"listen_port = {self.pooler_port}", "unix_socket_dir =",
            "auth_type = trust", f"auth_file = {self.work / 'userlist.txt'}", "pool_mode = transaction",
            "max_client_conn = 500", "default_pool_size = 20",
            # With the primary down a client would wait for a server connection for two minutes (PgBouncer's
            # default): /health/ must answer 503 in seconds, and a page fail rather than hang its worker.
            "query_wait_timeout = 10", "server_connect_timeout = 3",
            # psycopg sends these at connect; PgBouncer would refuse the connection over them otherwise.
            "ignore_startup_parameters = extra_float_digits,options",
            f"logfile = {self.work / 'pgbouncer.log'}", ""]))
        if self.as_pg:
            for name in ("userlist.txt", "pgbouncer.ini"):
                shutil.chown(self.work / name, "postgres")
        self.pooler = subprocess.Popen([*self.as_pg, "/usr/sbin/pgbouncer", str(self.work / "pgbouncer.ini")],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.pooler_port), timeout=0.5).close()
                return
            except OSError:
                if self.pooler.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"PgBouncer did not start:\n{(self.work / 'pgbouncer.log').read_text()}")
                time.sleep(0.05)

    def stop(self):
        if self.pooler is not None and self.pooler.poll() is None:
            self.pooler.terminate()
            self.pooler.wait(10)
        for name in ("replica", "primary"):
            if (self.work / name / "postmaster.pid").exists():
                subprocess.run([*self.as_pg, str(self.bindir / "pg_ctl"), "-D", str(self.work / name), "-m",
                                "immediate", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.work, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


def main(command):
    if not command:
        sys.exit(__doc__)
    with PgCluster() as cluster:
        version = subprocess.run([str(cluster.bindir / "postgres"), "--version"], capture_output=True, text=True)
        print(f"PostgreSQL {version.stdout.split()[2]}: primary 127.0.0.1:{cluster.primary_port}, replica "
              f":{cluster.replica_port}, PgBouncer :{cluster.pooler_port} (transaction mode)", flush=True)
        return subprocess.run(command, env={**os.environ, **cluster.environment()}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
