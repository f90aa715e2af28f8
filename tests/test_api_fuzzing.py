"""Schemathesis against the OpenAPI schema the API publishes, in process, as demo users with their tokens.

Every operation gets MAX_EXAMPLES generated cases (valid and invalid data) as the superuser, who reaches
every branch, and as a municipality editor, whose refusals must keep the documented shape too. A case
fails on a server error, or on a response whose status, content type or body the schema does not allow.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token

from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

MAX_EXAMPLES = 6
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CALLS = {"cases": 0, "requests": 0, "operations": set()}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# Read once, at collection: serving the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def keep_test_transaction():
    """Calls through the WSGI app fire request_started/finished, whose close_old_connections would close the
    connection holding the test's transaction (PostgreSQL; SQLite keeps in-memory ones). Django's test client
    unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(users):
    return [Token.objects.get_or_create(user=users[username])[0].key for username in ("admin", "tehran_editor")]


OPERATIONS = {result.ok().label: result.ok() for result in schema.get_all_operations()}


# Parametrized here rather than with schemathesis' own decorator, which runs a single operation under xdist.
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_api_keeps_its_schema(demo, keep_test_transaction, tokens, label):
    @given(case=OPERATIONS[label].as_strategy())
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        CALLS["cases"] += 1
        CALLS["operations"].add(case.operation.label)
        for token in tokens:
            CALLS["requests"] += 1
            case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)

    check()


def test_zz_report_the_fuzzing_counts():
    """Prints what the run above covered (shown with -s); named to run after it."""
    report = f"schemathesis: {len(CALLS['operations'])} operations, {CALLS['cases']} cases, {CALLS['requests']} requests"
    print("\n" + report)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"schemathesis-{connection.vendor}.txt").write_text(report + "\n", encoding="utf-8")
    assert len(CALLS["operations"]) == len(OPERATIONS) and CALLS["cases"] > 0
