"""The demo is filled on any day of the year: on the days after the clocks went forward it
failed, a feed at 01:50 on the night of the change ending "before" it began."""

import io
from datetime import UTC, datetime
from unittest import mock

import pytest

from nestwell.journal.models import Moment
from nestwell.ops.demo import fill_demo


@pytest.mark.django_db
@pytest.mark.parametrize("now", [datetime(2027, 3, 29, 12, 0, tzinfo=UTC),
                                 datetime(2027, 10, 31, 12, 0, tzinfo=UTC),
                                 datetime(2027, 11, 2, 23, 30, tzinfo=UTC)])
def test_the_demo_fills_across_a_clock_change(now):
    with mock.patch("django.utils.timezone.now", return_value=now):
        fill_demo(stdout=io.StringIO())
    moments = list(Moment.objects.all())
    assert moments and all(m.ended_at is None or m.ended_at >= m.started_at for m in moments)
    assert max(m.started_at for m in moments) <= now
