"""Query budgets for the API: every GET operation, walked from the same table as the API
authorization matrix, costs the same number of queries with a little data and with much
more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.test_api_authorization import OPERATIONS, fill, things  # noqa: F401
from tests.test_query_budgets import grow

READS = [path for (method, path) in OPERATIONS if method == "GET"]


def queries(api, path):
    api.call("GET", path)  # the token's "last used" is written at most once a minute
    with CaptureQueriesContext(connection) as seen:
        response = api.call("GET", path)
    assert response.status_code == 200, (path, response.status_code)
    return len(seen)


@pytest.mark.parametrize("path", READS)
def test_a_read_costs_the_same_queries_with_more_data(api_for, alice, household, nora,
                                                      things, path):  # noqa: F811
    api = api_for(alice)
    path, _ = fill(path, None, things)
    grow(household, nora, alice, per_day=1, days=2)  # fewer than a page
    few = queries(api, path)
    grow(household, nora, alice, per_day=6)
    assert queries(api, path) == few, f"{path}: the query count grew with the data"
