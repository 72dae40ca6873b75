"""The API's reads leave no read open on a kept SQLite connection (see
tests/test_kept_connections.py)."""

import pytest

from tests.api.test_api_authorization import fill, things  # noqa: F401 (a fixture)
from tests.api.test_api_query_budgets import READS
from tests.test_kept_connections import elsewhere, seen_here  # noqa: F401 (a fixture)
from tests.test_query_budgets import grow

pytestmark = pytest.mark.django_db(transaction=True)  # no test transaction around the calls


def test_no_api_read_leaves_a_read_open_on_its_connection(api_for, alice, household, nora,
                                                          things, elsewhere):  # noqa: F811
    grow(household, nora, alice, per_day=3, days=3)
    api = api_for(alice)
    for written, path in enumerate(READS, start=1):
        path, _ = fill(path, None, things)
        response = api.call("GET", path)
        assert response.status_code == 200, (path, response.status_code)
        elsewhere.execute("INSERT INTO written_elsewhere VALUES (?)", (written,))
        assert seen_here() == written, f"{path} left a read open on its connection"
