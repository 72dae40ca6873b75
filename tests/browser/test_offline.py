"""Offline on her phone (issue 14): the service worker looks after the page; with the
connection gone she logs a moment, starts and stops a timer, answers a cry, opens the
support page and a guidance article; back online, every entry reaches the server exactly
once, even when the first sending is cut off on the way back, or two tabs send at once."""

import re

import pytest
from playwright.sync_api import expect

from nestwell.care.models import Cue
from nestwell.journal.models import Moment
from nestwell.offline.models import SyncReceipt
from nestwell.offline.views import offline_pages
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTROLLED = "() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)"
PAGES_KEPT = """async () => (await (await caches.open('nestwell-pages')).keys())
                 .map(r => new URL(r.url).pathname)"""
WAITING = """async () => (await NestwellQueue.waiting(
   document.querySelector('script[data-person]').dataset.person)).length"""
# Time passes on the phone: the timer started a few minutes earlier than the tap.
EARLIER = """async () => {
  const person = document.querySelector('script[data-person]').dataset.person;
  const rows = await NestwellQueue.waiting(person);
  const start = rows.find(r => r.type === 'quick' && r.kind === 'skin_to_skin');
  start.at = NestwellQueue.deviceTime(new Date(Date.now() - 5 * 60000));
  await NestwellQueue.add(start);
}"""


def until(page, script, done, tries=150):
    """Evaluate ``script`` (it may be async) until ``done(value)``; at most ~30 s."""
    for _ in range(tries):
        value = page.evaluate(script)
        if done(value):
            return value
        page.wait_for_timeout(200)
    raise AssertionError(f"still {value!r}")


def ready_offline(s):
    """Open today with the worker in charge and her pages kept, then cut the connection."""
    s.go("/")
    s.page.wait_for_function(CONTROLLED)
    kept = until(s.page, PAGES_KEPT, lambda kept: len(kept) >= len(offline_pages()))
    assert "/" in kept and "/support/" in kept
    assert any(p.startswith("/guidance/") and p != "/guidance/" for p in kept)
    s.context.set_offline(True)


def waiting(s):
    return s.page.evaluate(WAITING)


def test_a_night_offline_reaches_the_server_once(screen):
    s = screen("phone", "offline")
    user, household, child = signed_in_with_baby(s)
    ready_offline(s)
    page = s.page

    page.get_by_role("button", name=re.compile("Talking")).click()
    expect(page.get_by_test_id("waiting-entry")).to_have_count(1)
    expect(page.get_by_test_id("offline-queue")).to_contain_text("Waiting to sync")
    page.get_by_role("button", name=re.compile("Skin-to-skin")).click()
    page.evaluate(EARLIER)
    page.get_by_test_id("offline-stop").click()
    page.get_by_role("button", name="Baby is crying").click()
    queue = page.get_by_test_id("offline-queue")
    queue.get_by_role("button", name="Rocked").click()
    expect(queue).to_contain_text("Answering: Rocked")
    queue.get_by_test_id("offline-settled").click()
    assert waiting(s) == 6
    assert not Moment.objects.exists() and not Cue.objects.exists()
    s.shoot("home-waiting")

    # The pages she needs open from the phone.
    s.go("/support/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    s.shoot("support")
    page.goto(s.base + "/guidance/skin-to-skin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("skin", re.I))
    s.go("/")
    expect(page.get_by_test_id("waiting-entry")).to_have_count(3)  # a talk, a timer, a cry

    # Back online; the first sending reaches the server but its answer is lost on the way.
    cut = []

    def lose_the_answer(route):
        if not cut:
            cut.append(route.fetch().status)
            route.abort()
        else:
            route.continue_()

    # On the context: the worker (Background Sync) may be the one sending.
    s.context.route("**/api/v1/sync", lose_the_answer)
    s.context.set_offline(False)
    until(page, WAITING, lambda n: n == 0)
    assert cut == [200]
    assert Moment.objects.filter(child=child, kind="talk").count() == 1
    skin = Moment.objects.get(child=child, kind="skin_to_skin")
    assert skin.ended_at is not None and skin.deleted_at is None
    cue = Cue.objects.get(child=child)
    assert cue.ways == ["rocked"] and cue.closed_at is not None
    assert SyncReceipt.objects.count() == 6
    expect(page.get_by_test_id("offline-queue")).to_contain_text("reached Nestwell")
    s.shoot("home-all-sent", both_schemes=False)


def test_two_tabs_coming_back_online_send_once(screen):
    s = screen("phone", "offline-tabs")
    user, household, child = signed_in_with_baby(s)
    ready_offline(s)
    other = s.context.new_page()
    other.goto(s.base + "/")
    for name in ("Talking", "Cuddle", "Singing"):
        s.page.get_by_role("button", name=re.compile(name)).click()
    assert waiting(s) == 3
    s.context.set_offline(False)  # both tabs hear "online" together
    s.page.wait_for_function("() => !document.querySelector('[data-testid=waiting-entry]')",
                             timeout=20_000)
    other.wait_for_timeout(500)
    assert sorted(Moment.objects.values_list("kind", flat=True)) == ["cuddle", "sing", "talk"]
    other.close()


def test_a_risky_check_in_offline_opens_support_at_once(screen):
    s = screen("phone", "offline-checkin")
    signed_in_with_baby(s)
    ready_offline(s)
    page = s.page
    page.goto(s.base + "/you/check-in/")
    # Her answers, then "not safe" sends the form, as the page does.
    page.evaluate("""() => {
      for (const name of ['mood', 'connection', 'energy', 'stress', 'support'])
        document.querySelector(`input[name=${name}][value='2']`).checked = true;
      const safety = document.querySelector('input[name=safety][value=not_safe]');
      safety.checked = true;
      safety.form.requestSubmit();
    }""")
    page.wait_for_url(re.compile(r"/support/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    s.shoot("support-after-checkin", both_schemes=False)
