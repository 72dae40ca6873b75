"""Schema fuzzing: schemathesis sends generated requests for every operation of the
OpenAPI document to the running app; none may end in a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from nestwell.accounts.models import ApiToken
from nestwell.api.main import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def token(transactional_db, household, alice, nora, moment):
    return ApiToken.issue(alice, household, "fuzz").token


@schema.parametrize()
@settings(max_examples=10, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_server_fail(case, live_server, token):
    case.call_and_validate(base_url=live_server.url,
                           headers={"Authorization": f"Bearer {token}"},
                           checks=[not_a_server_error, status_code_conformance])
