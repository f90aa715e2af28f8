"""The replica router's decisions: writes and transactions on the primary, a writer's next reads too, the replica
otherwise, and the primary when the replica is down or lags (lib/dbrouter.py). The processes of #19's multi-node
test exercise it against a real streaming replica; here the replica's answers are stood in for."""

import time

import pytest
from django.db import OperationalError, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from kalanshahr.lib import dbrouter
from kalanshahr.network.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def replica(monkeypatch, settings):
    """The replica's measured lag, settable by the test (None: it does not answer); its connection works."""
    answer = {"lag": 0.2}
    settings.REPLICA_MAX_LAG, settings.REPLICA_CHECK_SECONDS = 5, 0
    monkeypatch.setattr(dbrouter, "measure_replica",
                        lambda: (answer["lag"], "" if answer["lag"] is not None else "OperationalError: refused"))
    monkeypatch.setattr(dbrouter, "connections", {"default": connections["default"], "replica": StandInConnection()})
    return answer


class StandInConnection:
    """The replica's connection as the router sees it: it connects, or fails as a stopped server does."""

    def __init__(self):
        self.refuses, self.closed = False, 0

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        if self.refuses:
            raise OperationalError("connection refused")

    def close(self):
        self.closed += 1


def test_reads_go_to_the_replica_writes_to_the_primary(replica):
    router = dbrouter.ReplicaRouter()
    assert router.db_for_read(Municipality) == "replica"
    assert router.db_for_write(Municipality) == "default"
    assert router.allow_migrate("replica", "network") is False and router.allow_migrate("default", "network")


def test_inside_a_transaction_every_read_is_on_the_primary(replica):
    router = dbrouter.ReplicaRouter()
    with transaction.atomic():
        assert router.db_for_read(Municipality) == "default"


@pytest.mark.parametrize("lag, expected", [(0.0, "replica"), (4.9, "replica"), (5.1, "default"), (None, "default")])
def test_a_replica_that_lags_or_is_down_is_left_out(replica, lag, expected):
    replica["lag"] = lag
    assert dbrouter.ReplicaRouter().db_for_read(Municipality) == expected


def test_a_replica_that_stopped_since_the_last_check_sends_the_read_to_the_primary(replica, settings):
    settings.REPLICA_CHECK_SECONDS = 60
    dbrouter.replica_state(force=True)  # usable at the last check
    standin = dbrouter.connections["replica"]
    standin.refuses = True
    assert dbrouter.ReplicaRouter().db_for_read(Municipality) == "default"
    assert standin.closed == 1
    assert dbrouter.replica_state() == {"usable": False, "lag": None, "error": "OperationalError: connection refused"}
    standin.refuses = False
    assert dbrouter.ReplicaRouter().db_for_read(Municipality) == "default"  # left out until the next check
    assert dbrouter.replica_state(force=True)["usable"]
    assert dbrouter.ReplicaRouter().db_for_read(Municipality) == "replica"


def test_the_replica_is_asked_at_most_every_few_seconds(replica, monkeypatch, settings):
    calls = []
    settings.REPLICA_CHECK_SECONDS = 60
    monkeypatch.setattr(dbrouter, "measure_replica", lambda: calls.append(1) or (0.0, ""))
    dbrouter.replica_state(force=True)
    for _ in range(50):
        dbrouter.ReplicaRouter().db_for_read(Municipality)
    assert len(calls) == 1


def test_a_writer_reads_from_the_primary_for_a_while_after(replica, settings, monkeypatch):
    settings.READ_YOUR_WRITES_SECONDS = 10
    monkeypatch.setattr(dbrouter, "replica_configured", lambda: True)
    seen = []
    middleware = dbrouter.ReadYourWritesMiddleware(
        lambda request: seen.append(dbrouter.ReplicaRouter().db_for_read(Municipality)) or HttpResponse())
    factory = RequestFactory()
    response = middleware(factory.post("/news/new/"))
    assert seen == ["default"]
    until = float(response.cookies[dbrouter.READ_YOUR_WRITES_COOKIE].value)
    assert time.time() + 9 <= until <= time.time() + 11

    after = factory.get("/news/")
    after.COOKIES[dbrouter.READ_YOUR_WRITES_COOKIE] = f"{until:.0f}"
    middleware(after)
    stranger = factory.get("/news/")
    middleware(stranger)
    expired = factory.get("/news/")
    expired.COOKIES[dbrouter.READ_YOUR_WRITES_COOKIE] = str(time.time() - 1)
    middleware(expired)
    assert seen == ["default", "default", "replica", "replica"]
    assert not dbrouter.is_pinned(), "the pin ends with its request"



def test_without_a_replica_the_middleware_sets_no_cookie(client_for):
    response = client_for("tehran_editor").post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert dbrouter.READ_YOUR_WRITES_COOKIE not in response.cookies


def test_a_cached_fragment_is_built_from_the_primary(replica, rf):
    """A replica a moment behind would store its older rows under the data version the change just bumped."""
    from django.contrib.auth.models import AnonymousUser

    from kalanshahr.network import fragments

    request = rf.get("/")
    request.user = AnonymousUser()
    BUILDS.clear()
    fragments.cached(request, "test.fragment", ["network"], ("x",), _recording_build)
    assert BUILDS == ["default"] and dbrouter.ReplicaRouter().db_for_read(Municipality) == "replica"


BUILDS = []


def _recording_build(part):
    BUILDS.append(dbrouter.ReplicaRouter().db_for_read(Municipality))
    return "base.html", {}


def test_the_task_queue_the_lockout_and_sessions_are_read_on_the_primary(replica):
    from axes.models import AccessAttempt
    from django.contrib.sessions.models import Session
    from django_tasks_db.models import DBTaskResult

    router = dbrouter.ReplicaRouter()
    assert [router.db_for_read(model) for model in (DBTaskResult, AccessAttempt, Session)] == ["default"] * 3
