"""/health/: whether this app server can serve, for a load balancer and for the people on call.

    {"status": "ok", "checks": {"database": {"ok": true, "ms": 0.4}, "cache": {"ok": true, "ms": 0.2}, …}}

200 when every check passes (or only the replica fails: "degraded", reads then go to the primary), 503 naming
the failing part otherwise (its error's class and message, never a
traceback). Each check is its own small round trip, so the answer stays quick however big the data is. It is
never cached, needs no session and writes nothing but one short-lived cache key.
"""

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kalanshahr.lib import dbrouter

from . import tasks


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check() or {}
    except Exception as error:  # any failure of the part is its answer: the page must not fail with it
        return {"ok": False, "error": f"{type(error).__name__}: {error}"[:300]}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **detail}


def _database(alias):
    def check():
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return {"engine": connections[alias].vendor}
    return check


def _cache():
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("a value written to the cache was not read back")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _replica():
    state = dbrouter.replica_state(force=True)
    if state["lag"] is None:
        raise RuntimeError(state["error"] or "the replica does not answer")
    return {"lag_seconds": round(state["lag"], 3), "used_for_reads": state["usable"],
            "max_lag_seconds": settings.REPLICA_MAX_LAG}


def _task_queue():
    state = tasks.queue_state()
    if state["oldest_wait_seconds"] is not None and state["oldest_wait_seconds"] > settings.TASK_QUEUE_MAX_WAIT:
        raise RuntimeError(f"{state['waiting']} task(s) waiting, the oldest for {state['oldest_wait_seconds']} s: "
                           "is a worker running?")
    return state


# Parts whose failure leaves the server able to serve: without the replica, reads go to the primary; without a
# worker, e-mails wait in the queue.
DEGRADING = {"replica", "tasks"}


def run_checks():
    checks = {"database": _timed(_database("default"))}
    if dbrouter.REPLICA in settings.DATABASES:
        checks["replica"] = _timed(_replica)
    checks["cache"] = _timed(_cache)
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        checks["tasks"] = _timed(_task_queue)
    return checks


@never_cache
@require_safe
def health(request):
    """200 "ok"; 200 "degraded" when only the replica or the task queue is in trouble; 503 "failing"."""
    checks = run_checks()
    broken = sorted(name for name, check in checks.items() if not check["ok"])
    failing = [name for name in broken if name not in DEGRADING]
    body = {"status": "failing" if failing else "degraded" if broken else "ok", "checks": checks}
    if broken:
        body["failing"] = broken
    return JsonResponse(body, status=503 if failing else 200)
