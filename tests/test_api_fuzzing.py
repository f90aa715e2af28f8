"""Schemathesis against the OpenAPI schema the API publishes, in process, as demo users with their tokens.

Every operation gets MAX_EXAMPLES generated cases (valid and invalid data) as the superuser, who reaches
every branch, and as a municipality editor, whose refusals must keep the documented shape too. A case
fails on a server error, or on a response whose status, content type or body the schema does not allow.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token

from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

MAX_EXAMPLES = 6
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# Read once, at collection: serving the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def tokens(users):
    return [Token.objects.get_or_create(user=users[username])[0].key for username in ("admin", "tehran_editor")]


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_api_keeps_its_schema(demo, case, tokens):
    for token in tokens:
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
