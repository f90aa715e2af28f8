"""Reads from a streaming replica, writes to the primary, and never shows a person an older state than their own.

With DATABASE_REPLICA_URL set, `settings.DATABASES` has a "replica" alias and this router is installed:

* every write goes to the primary ("default"), and so does every read inside a transaction (it must see the
  transaction's own rows, and a lock taken on the primary);
* a person who has just written reads from the primary for READ_YOUR_WRITES_SECONDS (ReadYourWritesMiddleware
  marks the request), so the page after a form shows what they saved although the replica may lag;
* so do the reads of the task queue, the sign-in lockout and the sessions (PRIMARY_ONLY_APPS);
* otherwise reads go to the replica, unless it is down or lags past REPLICA_MAX_LAG seconds: then to the primary.
  Its state is asked at most every REPLICA_CHECK_SECONDS per process, so a stopped replica costs one failed
  connection, not one per query. Between two checks the replica's connection is tested (once per request, as
  Django's health check does) before a read is sent to it, so a replica that stopped a moment ago sends the read
  to the primary instead of failing the request.
"""

import contextlib
import threading
import time

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
_local = threading.local()
_state = {"checked": 0.0, "usable": False, "lag": None, "error": ""}
_state_lock = threading.Lock()

# The replica's delay behind the primary: zero when it has replayed everything it received (an idle primary
# sends nothing, and the last replay time would then grow without any real lag), else since the last replay.
LAG_SQL = ("SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
           "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END")


def replica_configured():
    return REPLICA in settings.DATABASES


def pin_to_primary(pinned=True):
    """Makes this thread's reads go to the primary (the middleware sets it per request)."""
    _local.pinned = pinned


def is_pinned():
    return getattr(_local, "pinned", False)


@contextlib.contextmanager
def primary_reads():
    """Reads inside the block go to the primary; the thread's pin is restored after it."""
    pinned = is_pinned()
    pin_to_primary()
    try:
        yield
    finally:
        pin_to_primary(pinned)


def measure_replica():
    """(lag in seconds, error text): asks the replica itself."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(LAG_SQL)
            return float(cursor.fetchone()[0] or 0), ""
    except Exception as error:  # a replica that does not answer is simply not used
        connections[REPLICA].close()
        return None, f"{type(error).__name__}: {error}"[:300]


def replica_state(force=False):
    """{"usable", "lag", "error"}, asked again when older than REPLICA_CHECK_SECONDS (or when forced)."""
    now = time.monotonic()
    with _state_lock:
        if force or now - _state["checked"] >= settings.REPLICA_CHECK_SECONDS:
            lag, error = measure_replica()
            _state.update(checked=now, lag=lag, error=error,
                          usable=lag is not None and lag <= settings.REPLICA_MAX_LAG)
        return {key: _state[key] for key in ("usable", "lag", "error")}


def _replica_answers():
    """Whether the replica's connection works now; if not, the replica counts as down until the next check."""
    connection = connections[REPLICA]
    try:
        connection.close_if_health_check_failed()  # once per request, like the query it precedes would
        connection.ensure_connection()
        return True
    except Exception as error:  # a replica that went away since the last check: the primary answers
        connection.close()
        with _state_lock:
            _state.update(checked=time.monotonic(), usable=False, lag=None, error=f"{type(error).__name__}: {error}"[:300])
        return False


def in_transaction():
    """Whether the code runs inside a transaction of its own on the primary. The blocks a test case opens around
    each test are left out (Django marks them, as its `durable` check does), so tests see production's choice."""
    return any(not getattr(block, "_from_testcase", False) for block in connections[PRIMARY].atomic_blocks)


# Tables whose readers act on what they read at once, where a replica's moment of lag would be a wrong answer:
# the task queue (a worker claims a task it reads, under a lock), the sign-in lockout (a failure counted on one
# app server must stop the next attempt on another) and the sessions (a sign-in on one server, the next page on
# another).
PRIMARY_ONLY_APPS = {"django_tasks_database", "axes", "sessions"}


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if is_pinned() or in_transaction() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        return REPLICA if replica_state()["usable"] and _replica_answers() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY  # the replica follows the primary's schema by replication


READ_YOUR_WRITES_COOKIE = "primary_until"


class ReadYourWritesMiddleware:
    """Pins a request to the primary when it writes (any method but GET, HEAD, OPTIONS) and for
    READ_YOUR_WRITES_SECONDS after, across app servers, by a cookie holding the time until which it applies.
    The cookie only ever sends reads to the primary, so a forged one costs load, never correctness."""

    SAFE = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)  # one database: nothing to choose, no cookie to set
        now = time.time()
        try:
            until = float(request.COOKIES.get(READ_YOUR_WRITES_COOKIE, 0))
        except ValueError:
            until = 0
        writes = request.method not in self.SAFE
        pin_to_primary(writes or until > now)
        try:
            response = self.get_response(request)
        finally:
            pin_to_primary(False)
        if writes:
            seconds = settings.READ_YOUR_WRITES_SECONDS
            response.set_cookie(READ_YOUR_WRITES_COOKIE, f"{now + seconds:.0f}", max_age=seconds, httponly=True,
                                samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        return response
