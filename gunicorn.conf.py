"""gunicorn's settings for `make serve` and the systemd unit of docs/deploy.md, read from the environment."""

import os
import sys

# The same .env as the settings read (settings load only in the workers, after gunicorn has read this file).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kalanshahr.lib import envfile  # noqa: E402

envfile.load(os.environ.get("ENV_FILE", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".env")))

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Sync workers: every request is short (the long work is in the reminders and imports), and a sync worker
# holds one database connection at a time, which is what PgBouncer in transaction mode expects.
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 20
# Each worker is replaced after this many requests (with some spread), so no slow leak outlives a day.
max_requests = 2000
max_requests_jitter = 200
# The application writes its own JSON line per request (lib/requestlog.py): no second access log.
accesslog = None
errorlog = "-"
# The heartbeat file in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
