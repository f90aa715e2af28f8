"""What the tests that start real processes share: a free loopback port, and how to run PostgreSQL's own tools
(the newest installed version; as the postgres user when the suite runs as root, which PostgreSQL refuses)."""

import os
import socket
from pathlib import Path


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bindir():
    return sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                  key=lambda path: [int(part) for part in path.parent.parent.name.split(".")])[-1].parent


def as_postgres():
    """The command prefix that runs a PostgreSQL tool as the postgres user when we are root; empty otherwise."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
