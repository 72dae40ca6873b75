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


def test_the_teardown_waits_for_a_request_still_being_answered():
    """A server thread inside a request holds the wait; its end (or the thread's) frees it;
    the test's own thread is never waited for."""
    import threading

    from tests.browser.conftest import InFlight

    flight = InFlight()
    flight.started()  # the test client's request, in the test's own thread
    assert flight.wait_until_idle(timeout=0.01)

    inside, release = threading.Event(), threading.Event()

    def request():
        flight.started()
        inside.set()
        release.wait(5)
        flight.finished()

    server = threading.Thread(target=request)
    server.start()
    inside.wait(5)
    assert not flight.wait_until_idle(timeout=0.05)
    release.set()
    assert flight.wait_until_idle(timeout=5)
    server.join()

    dead = threading.Thread(target=flight.started)  # a thread that ended mid-request
    dead.start()
    dead.join()
    assert flight.wait_until_idle(timeout=0.05)
