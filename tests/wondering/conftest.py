from datetime import UTC, datetime, timedelta

import pytest

from tests.api.conftest import api_for  # noqa: F401 (the API client fixture)


class Clock:
    """A clock the test moves: ``django.utils.timezone.now`` reads it."""

    def __init__(self, at):
        self.at = at

    def __call__(self):
        return self.at

    def advance(self, **kwargs):
        self.at += timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch):
    # 10:00 in London on a Tuesday in March: well inside one local day.
    clock = Clock(datetime(2026, 3, 10, 10, 0, tzinfo=UTC))
    monkeypatch.setattr("django.utils.timezone.now", clock)
    return clock
