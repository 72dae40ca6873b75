"""The browser tests' own helpers, checked without a browser."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tests.browser.helpers import daytime_zone


def test_a_daytime_zone_at_every_minute_of_a_year():
    """Whatever the hour (summer time or not), the zone chosen is between 01:00 and 21:00."""
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for step in range(0, 366 * 24 * 4, 7):  # every 15 minutes' neighbourhood, all year
        now = start + timedelta(minutes=15 * step)
        zone = daytime_zone(now)
        assert 1 <= now.astimezone(ZoneInfo(zone)).hour < 21, (now, zone)
    assert daytime_zone(datetime(2026, 12, 2, 12, 0, tzinfo=UTC)) == "Europe/Paris"
    assert daytime_zone(datetime(2026, 12, 2, 23, 30, tzinfo=UTC)) == "America/New_York"
