"""What the tests that start real processes share: a free loopback port, how to run PostgreSQL's own tools (the
newest installed version; as the postgres user when the suite runs as root, which PostgreSQL refuses), and the
primary + replica + PgBouncer cluster of `scripts/with-postgres --cluster`. All of it lives in
scripts/pgcluster.py, which the Makefile runs before any virtual environment exists."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "pgcluster", Path(__file__).resolve().parent.parent / "scripts" / "pgcluster.py")
pgcluster = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pgcluster)

free_port, postgres_bindir, as_postgres = pgcluster.free_port, pgcluster.postgres_bindir, pgcluster.as_postgres
