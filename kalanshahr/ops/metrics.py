"""Prometheus metrics at /metrics/, for the operators' monitoring: requests by route, method and status, their
duration, and the database queries they made; behind a bearer token (METRICS_TOKEN), absent without one.

With several gunicorn workers, each process counts its own requests: PROMETHEUS_MULTIPROC_DIR (a directory the
workers share, emptied at each start, as prometheus_client's multiprocess mode asks) makes /metrics/ add them up.
Labels are route names, never paths, so their number stays small whatever is requested.
"""

import hmac
import os

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client import REGISTRY

REQUESTS = Counter("kalanshahr_requests_total", "Requests answered", ["route", "method", "status"])
DURATION = Histogram("kalanshahr_request_seconds", "Time to answer a request", ["route"],
                     buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10))
QUERIES = Counter("kalanshahr_db_queries_total", "Database queries made by requests", ["route"])


def observe(request, response, seconds, queries):
    """Called by lib/requestlog.py's middleware for each request."""
    match = getattr(request, "resolver_match", None)
    route = match.view_name if match else "unmatched"
    REQUESTS.labels(route, request.method, str(response.status_code)).inc()
    DURATION.labels(route).observe(seconds)
    QUERIES.labels(route).inc(queries)


@never_cache
@require_safe
def metrics(request):
    token = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        raise Http404  # the endpoint does not exist for anyone without the token
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

