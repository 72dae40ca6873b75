from datetime import UTC, datetime, timedelta

from nestwell.journal import timeutil
from nestwell.lib import times


def test_the_file_guard_starts_where_the_time_rule_starts():
    assert times.EARLIEST.year == timeutil.EARLIEST_YEAR


def test_the_one_time_rule():
    now = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    assert times.time_error(now, now) is None
    assert times.time_error(now + timedelta(minutes=4), now) is None
    assert times.time_error(now + timedelta(minutes=6), now)
    assert times.time_error(datetime(1999, 12, 31, 23, 59, tzinfo=UTC), now)
