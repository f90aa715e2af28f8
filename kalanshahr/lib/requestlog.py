"""One JSON line per request, for the log collector of a production site.

    {"request_id": "…", "method": "GET", "path": "/news/", "status": 200, "user": 12, "ms": 8.4, "queries": 3,
     "databases": {"replica": 3}}

The request id is the proxy's X-Request-ID when it sends one (so one id follows a request through nginx and the
app), a fresh one otherwise; it is sent back in the response's X-Request-ID. Queries are counted on every
database the request touched, through Django's execute wrappers, so the count costs no DEBUG mode.
"""

import json
import logging
import re
import time
import uuid
from contextlib import ExitStack

from django.conf import settings
from django.db import connections

logger = logging.getLogger("kalanshahr.requests")
# Called with (request, response, seconds, queries) after each request: the metrics register here (ops/apps.py),
# so the one count of time and queries serves the log line and the metrics alike.
observers = []
# A request id from outside is taken only when it looks like one: it goes into every log line.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class _Counter:
    """Queries per database alias: with a replica, the line shows where the request's reads went."""

    def __init__(self):
        self.by_alias = {}

    def on(self, alias):
        def count(execute, sql, params, many, context):
            self.by_alias[alias] = self.by_alias.get(alias, 0) + 1
            return execute(sql, params, many, context)
        return count

    @property
    def count(self):
        return sum(self.by_alias.values())


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.LOG_REQUESTS and not observers:
            return self.get_response(request)
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        counter = _Counter()
        started = time.perf_counter()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counter.on(alias)))
            response = self.get_response(request)
        seconds = time.perf_counter() - started
        for observe in observers:
            observe(request, response, seconds, counter.count)
        if settings.LOG_REQUESTS:
            user = getattr(request, "user", None)
            logger.info(json.dumps({
                "request_id": request.request_id, "method": request.method, "path": request.path,
                "status": response.status_code,
                "user": user.pk if user is not None and user.is_authenticated else None,
                "ms": round(seconds * 1000, 1), "queries": counter.count, "databases": counter.by_alias,
            }, ensure_ascii=False))
        response["X-Request-ID"] = request.request_id
        return response
