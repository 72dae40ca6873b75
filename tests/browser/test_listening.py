"""A phone listening in the nursery hears crying: another member's open page shows
"Crying heard in the nursery" within about two seconds, and she answers it with the usual
taps, timed from the detected start. The delay is printed for docs/performance.md."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.accounts.models import Membership, User
from nestwell.accounts.roles import Role
from nestwell.care.models import Cue
from nestwell.listening.models import ListeningDevice
from tests.browser.helpers import sign_in, signed_in_with_baby
from tests.browser.test_every_screen import visit
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The device's page posts its events as the app's own scripts post (offline/queue.js): the
# session cookie and the CSRF token from the csrftoken cookie.
SEND = """async ([url, body]) => {
  const token = (document.cookie.match(/(?:^|;\\s*)csrftoken=([^;]+)/) || [])[1] || "";
  const response = await fetch(url, {method: "POST", credentials: "same-origin",
    headers: {"Content-Type": "application/json", "X-CSRFToken": token},
    body: JSON.stringify(body)});
  return [response.status, await response.json()];
}"""


# The moment the banner appears on her page, to the millisecond (both pages share a clock).
WATCH = """() => { window.heardAt = null; new MutationObserver((_m, observer) => {
  if (document.querySelector('[data-testid=listening-crying]')) {
    window.heardAt = Date.now(); observer.disconnect(); }
}).observe(document.body, {childList: true, subtree: true}); }"""


def nursery_phone(screen, household, child):
    """Bob's phone in the nursery, signed in, registered as a listening device."""
    bob = User.objects.create_user(email=f"bob-{household.pk}@example.org", password=PASSWORD,
                                   display_name="Bob")
    Membership.objects.create(user=bob, household=household, role=Role.CAREGIVER)
    phone = screen("phone", "listening-device")
    sign_in(phone, bob.email)
    status, answer = phone.page.evaluate(SEND, ["/api/v1/listening/devices",
                                                {"child": child.pk, "name": "Nursery phone"}])
    assert status == 201 and answer["heartbeat_seconds"] == 10
    return phone, f"/api/v1/listening/devices/{answer['id']}/events"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_crying_heard_reaches_another_page_and_is_answered(screen, viewport):
    s = screen(viewport, "listening")
    alice, household, child = signed_in_with_baby(s)
    phone, events = nursery_phone(screen, household, child)
    s.go("/timeline/")  # any page of the household: it asks every 2 s while a device listens
    banner = s.page.get_by_test_id("listening-crying")
    expect(banner).to_have_count(0)

    delays = []
    for _round in range(3):
        s.page.evaluate(WATCH)
        status, answer = phone.page.evaluate(SEND, [events, {"kind": "cry_started",
                                                             "confidence": 0.91,
                                                             "offset_seconds": 2}])
        sent = phone.page.evaluate("Date.now()")  # the episode is saved by now
        assert status == 200 and answer["status"] == "opened"
        expect(banner).to_be_visible(timeout=6000)
        delays.append((s.page.evaluate("window.heardAt") - sent) / 1000)
        if _round < 2:  # said "not crying" from the banner: it goes, for every chart too
            banner.get_by_role("button", name="Not crying").click()
            expect(s.page.get_by_text("noted as not crying")).to_be_visible()
            expect(banner).to_have_count(0)
    print(f"\nlistening banner delay ({viewport}): "
          + ", ".join(f"{d:.2f} s" for d in delays))
    assert max(delays) < 6  # polled every 2 s; the figure itself goes to performance.md
    expect(banner).to_contain_text("Crying heard in the nursery")
    expect(banner).to_contain_text("heard by Nursery phone")
    # Seen, not only heard (Grace, who is Deaf): the tab's title says it too.
    # Set once htmx has settled the banner in place: waited for, not read at once (the
    # PostgreSQL run of CI read the title a moment before it changed).
    expect(s.page).to_have_title(re.compile(r"^😢 Crying heard in the nursery · "))
    s.shoot("banner")

    # The room goes quiet: the banner says so; the episode stays open.
    phone.page.evaluate(SEND, [events, {"kind": "cry_stopped"}])
    expect(banner).to_contain_text("quiet again since", timeout=6000)

    banner.get_by_role("link", name="Answer").click()                      # tap 1
    card = s.page.get_by_test_id("crying-episode")
    expect(card).to_contain_text("Heard by Nursery phone")
    s.shoot("heard-card")
    card.get_by_role("button", name="Picked up").click()                   # tap 2
    expect(card).to_contain_text("Answering since")
    card.get_by_role("button", name="Settled", exact=True).click()         # tap 3
    expect(s.page.get_by_test_id("crying-episode")).to_have_count(0)
    expect(s.page.get_by_test_id("listening-crying")).to_have_count(0)
    assert not s.page.title().startswith("😢")

    # The nursery phone's microphone is lost: said at once; its page closed: said too.
    phone.page.evaluate(SEND, [events, {"kind": "deaf"}])
    lost = s.page.get_by_test_id("listening-lost")
    expect(lost).to_contain_text("Nursery phone stopped hearing at", timeout=6000)
    phone.page.evaluate(SEND, [events, {"kind": "closed"}])
    closed = s.page.get_by_test_id("listening-closed")
    expect(closed).to_contain_text("its page was closed", timeout=8000)
    s.shoot("closed")
    closed.get_by_role("button", name="Got it").click()
    expect(s.page.get_by_test_id("listening-closed")).to_have_count(0)
    # The pages stop asking before the test reads the database (one in-memory SQLite).
    for page in (s.page, phone.page):
        page.goto("about:blank")
    assert Cue.objects.filter(false_alarm=True).count() == 2
    cue = Cue.objects.get(false_alarm=False)
    assert cue.outcome == "settled" and cue.source == "detector" and cue.quiet_at
    # Timed from when the device heard the crying begin (two seconds before it said so).
    assert cue.responded_at - cue.started_at >= timedelta(seconds=2)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_device_gone_silent_is_shown_plainly(screen, viewport):
    s = screen(viewport, "listening-lost")
    alice, household, child = signed_in_with_baby(s)
    s.page.goto("about:blank")  # nothing asks while the test writes to the database
    now = timezone.now()
    for name, minutes, stopped in (("Nursery phone", 4, False), ("Old tablet", 0, False),
                                   ("Laptop", 60, True)):
        ListeningDevice.objects.create(
            household=household, child=child, name=name, created_by=alice,
            created_at=now - timedelta(hours=2), last_heard_at=now - timedelta(minutes=minutes),
            stopped_at=now - timedelta(minutes=minutes) if stopped else None)
    s.go("/")
    lost = s.page.get_by_test_id("listening-lost")
    expect(lost).to_contain_text("Nursery phone: not heard from since")
    s.shoot("banner")
    lost.get_by_role("link", name="Listening devices").click()
    expect(s.page.get_by_test_id("device-lost")).to_contain_text("Not heard from since")
    expect(s.page.get_by_test_id("device-listening")).to_be_visible()
    expect(s.page.get_by_test_id("device-stopped")).to_be_visible()
    visit(s, "/listening/devices/", "devices", "Listening devices")
    gone = s.page.locator("section.card", has=s.page.get_by_test_id("device-lost"))
    gone.get_by_role("button", name="It is no longer listening").click()
    expect(s.page.get_by_text("is no longer shown as listening")).to_be_visible()
    expect(s.page.get_by_test_id("listening-lost")).to_have_count(0)
