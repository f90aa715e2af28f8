"""/health/: whether this app server can serve, for a load balancer and for the people on call.

    {"status": "ok", "checks": {"database": {"ok": true, "ms": 0.4}, "cache": {"ok": true, "ms": 0.2}, …}}

200 when every check passes, 503 naming the failing part otherwise (its error's class and message, never a
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


def run_checks():
    checks = {alias if alias != "default" else "database": _timed(_database(alias)) for alias in settings.DATABASES}
    checks["cache"] = _timed(_cache)
    return checks


@never_cache
@require_safe
def health(request):
    checks = run_checks()
    healthy = all(check["ok"] for check in checks.values())
    failing = sorted(name for name, check in checks.items() if not check["ok"])
    body = {"status": "ok" if healthy else "failing", "checks": checks}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=200 if healthy else 503)
