"""Reminders in the browser: the calm banner on Today, the list a notification opens, and
the settings page saying plainly whether this browser can get notifications."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.journal.models import Moment
from nestwell.reminders.models import Preferences
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_every_screen import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAILED = "could not reach its push service"
UNSUPPORTED = "This browser cannot show notifications from Nestwell."


@pytest.fixture
def worker_urls(settings):
    settings.ROOT_URLCONF = "tests.reminders.urls_with_worker"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_reminders_in_the_app_and_on_the_device(screen, viewport, worker_urls):
    s = screen(viewport, "reminders", service_workers="allow")
    user, household, child = signed_in_with_baby(s)
    Moment.objects.create(household=household, child=child, kind="feeding",
                          started_at=timezone.now() - timedelta(hours=3), actor=user,
                          created_by=user, details={"method": "breast"})
    s.go("/")
    banner = s.page.get_by_test_id("reminders-banner")
    expect(banner).to_have_text("🔔 A gentle reminder for you")
    s.shoot("today-banner")
    banner.click()
    expect(s.page.get_by_role("heading", name="Your reminders")).to_be_visible()
    expect(s.page.get_by_test_id("reminder")).to_contain_text(
        "The feed timer for Mila has been running since")
    s.shoot("due")
    s.page.get_by_role("button", name="Put away").click()
    expect(s.page.get_by_text("Nothing is waiting for you.")).to_be_visible()

    visit(s, "/reminders/settings/", "settings-before", "Reminders")
    status = s.page.get_by_test_id("push-status")
    expect(status).to_have_text("You can turn on notifications for this device.")
    s.page.evaluate("() => navigator.serviceWorker.register('/sw.js')"
                    ".then(() => navigator.serviceWorker.ready).then(() => true)")
    s.context.grant_permissions(["notifications"], origin=s.base)
    s.page.get_by_role("button", name="Turn on notifications here").click()
    # Headless Chromium has no push service: the page says so plainly. Where one answers,
    # the device is listed instead.
    device = s.page.get_by_test_id("device")
    expect(status.filter(has_text=FAILED).or_(device)).to_be_visible(timeout=15_000)
    s.shoot("settings-push")
    # Chromium itself logs that a browser context of Playwright's (incognito) has no Push
    # API; that is the browser's line, not the page's, and the page said so plainly above.
    s.errors[:] = [e for e in s.errors if "does not support the Push API in incognito" not in e]

    s.page.get_by_label("a moment logged by someone else").check()
    s.page.get_by_label("Minutes before a timer reminder").fill("45")
    s.page.get_by_role("button", name="Save my reminders").click()
    expect(s.page.get_by_text("Your reminders are saved.")).to_be_visible()
    prefs = Preferences.objects.get(user=user, household=household)
    assert prefs.partner_on and prefs.timer_minutes == 45


def test_a_browser_without_push_is_told_plainly(screen):
    s = screen("phone", "reminders")
    s.context.add_init_script("delete window.PushManager;")
    signed_in_with_baby(s, name="Ada")
    s.go("/reminders/settings/")
    expect(s.page.get_by_test_id("push-status")).to_have_text(
        UNSUPPORTED + " Your reminders still show here in the app.")
    expect(s.page.get_by_role("button", name="Turn on notifications here")).to_be_hidden()
    s.shoot("settings-no-push")


# The worker registered and activated (its install and activate steps done). `ready` alone
# resolves while the worker is still activating, and a push sent then was sometimes never
# shown (the test was skipped for that on 2026-12-02): waiting for "activated" made six runs
# in six pass at the first push. A push is still sent again if none is shown, as a push
# service retries.
ACTIVATED = """() => navigator.serviceWorker.register('/sw.js')
  .then(() => navigator.serviceWorker.ready)
  .then(r => r.active.state === 'activated' ? true : new Promise(done =>
    r.active.addEventListener('statechange', () => r.active.state === 'activated' && done(true))))
"""


def test_the_push_handler_shows_only_the_generic_words(screen, worker_urls):
    """A push delivered to the worker (through the DevTools protocol, as a push service
    would) becomes a notification with the words it carried and the link to the list."""
    s = screen("phone", "reminders", service_workers="allow")
    signed_in_with_baby(s, name="Ivy")
    s.go("/reminders/settings/")
    s.context.grant_permissions(["notifications"], origin=s.base)
    cdp = s.context.new_cdp_session(s.page)
    registrations = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: registrations.extend(event["registrations"]))
    cdp.send("ServiceWorker.enable")
    s.page.evaluate(ACTIVATED)
    registration = next(r for r in registrations if r["scopeURL"].startswith(s.base))
    shown = []
    for _attempt in range(5):
        cdp.send("ServiceWorker.deliverPushMessage", {
            "origin": s.base, "registrationId": registration["registrationId"],
            "data": '{"title": "Nestwell", "body": "A gentle reminder from Nestwell", '
                    '"url": "/reminders/", "tag": "nestwell-reminder"}'})
        for _ in range(20):  # up to 4 s: shown when the push has gone through
            shown = s.page.evaluate("""() => navigator.serviceWorker.ready
                .then(r => r.getNotifications())
                .then(list => list.map(n => [n.title, n.body, n.tag, (n.data || {}).url]))""")
            if shown:
                break
            s.page.wait_for_timeout(200)
        if shown:
            break
    assert shown == [["Nestwell", "A gentle reminder from Nestwell", "nestwell-reminder",
                      "/reminders/"]]
