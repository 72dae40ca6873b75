"""Nestwell on a phone (issue 14): what a browser needs to offer "install" (the manifest
linked and parsed, its icons loading, the theme colours), the page that shows how, and the
night screen: a tile tapped, a timer started and stopped, the crying button, and the screen
kept awake (navigator.wakeLock is stubbed so each request can be counted)."""

import re

import pytest
from playwright.sync_api import expect

from nestwell.care.models import Cue
from nestwell.journal.models import Moment
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A stand-in for the Screen Wake Lock API that records each request; the last lock can be
# let go, as the browser does when the page is hidden.
WAKE_LOCK_STUB = """
window.__wakeRequests = [];
Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: {
  request(type) {
    window.__wakeRequests.push(type);
    const lock = {type, released: false, addEventListener() {},
                  release() { this.released = true; return Promise.resolve(); }};
    window.__lastLock = lock;
    return Promise.resolve(lock);
  }
}});
"""
NO_WAKE_LOCK = ("Object.defineProperty(navigator, 'wakeLock', "
                "{configurable: true, value: undefined});")

READ_ICONS = """async () => {
  const link = document.querySelector('link[rel=manifest]');
  const manifest = await (await fetch(link.href, {credentials: 'omit'})).json();
  const load = src => new Promise(done => {
    const img = new Image();
    img.onload = () => done({src, w: img.naturalWidth, h: img.naturalHeight});
    img.onerror = () => done({src, w: 0, h: 0});
    img.src = new URL(src, link.href).href;
  });
  const touch = document.querySelector('link[rel=apple-touch-icon]').href;
  return {icons: await Promise.all(manifest.icons.map(i => load(i.src).then(
            r => ({...r, sizes: i.sizes})))),
          touch: await load(touch),
          colours: [...document.querySelectorAll('meta[name=theme-color]')].map(
            m => [m.content, m.media])};
}"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_browser_finds_everything_it_needs_to_install(screen, viewport):
    s = screen(viewport, "install")
    signed_in_with_baby(s)
    page = s.page
    cdp = s.context.new_cdp_session(page)
    found = cdp.send("Page.getAppManifest")
    assert found["url"].endswith("/manifest.webmanifest")
    assert found["errors"] == [], found["errors"]
    understood = found.get("manifest")  # the manifest as Chromium read it (newer versions)
    if understood:
        assert understood["display"] == "kStandalone"
        assert understood["startUrl"] == s.base + "/"
        assert understood["themeColor"] == "rgba(251,247,242,1)"
        assert [c["name"] for c in understood["shortcuts"]] == [
            "Baby is crying", "Skin-to-skin", "Feed", "Need support now?"]
    # Nothing stands in the way of installing but the test's private (incognito) window.
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert {e["errorId"] for e in errors} <= {"in-incognito"}, errors
    seen = page.evaluate(READ_ICONS)
    for icon in seen["icons"]:
        side = int(icon["sizes"].split("x")[0])
        assert (icon["w"], icon["h"]) == (side, side), icon
    assert (seen["touch"]["w"], seen["touch"]["h"]) == (180, 180)
    assert sorted(seen["colours"]) == [["#15171c", "(prefers-color-scheme: dark)"],
                                       ["#fbf7f2", "(prefers-color-scheme: light)"]]
    # The way to the page that shows how: the account page.
    s.go("/account/")
    page.get_by_test_id("install-link").click()
    expect(page.get_by_role("heading", name="Add Nestwell to your home screen")).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('main img')].every("
                           "i => i.complete && i.naturalWidth > 0)")
    assert page.locator("main img").count() == 6
    s.shoot("how-to")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_night_of_taps_on_the_night_screen(screen, viewport):
    s = screen(viewport, "night")
    s.context.add_init_script(WAKE_LOCK_STUB)
    user, household, child = signed_in_with_baby(s)
    page = s.page
    s.go("/")
    page.get_by_test_id("night-link").click()
    page.wait_for_url("**/night/**")
    expect(page.locator("html")).to_have_attribute("data-theme", "night")
    page.wait_for_function("() => window.__wakeRequests.length === 1")
    assert page.evaluate("() => window.__wakeRequests") == ["screen"]
    expect(page.get_by_test_id("wake-note")).to_be_hidden()
    s.shoot("empty")

    # A feed on the left: the same quick-log as Today, back on the night screen.
    page.get_by_role("button", name="Feed · left").click()
    page.wait_for_url("**/night/")
    expect(page.get_by_test_id("timer")).to_have_count(1)
    feed = Moment.objects.get()
    assert feed.is_running and feed.details == {"method": "breast", "side": "left"}
    page.wait_for_function("() => window.__wakeRequests.length === 1")  # a fresh page asks
    s.shoot("timer-running")

    # The browser lets the lock go when the page is hidden; back in view, it asks again.
    page.evaluate("() => { window.__lastLock.release(); "
                  "document.dispatchEvent(new Event('visibilitychange')); }")
    page.wait_for_function("() => window.__wakeRequests.length === 2")

    page.get_by_test_id("timer").get_by_role("button", name="Stop").click()
    page.wait_for_url("**/night/")
    expect(page.get_by_test_id("timer")).to_have_count(0)
    feed.refresh_from_db()
    assert feed.ended_at is not None or feed.deleted_at is not None

    page.get_by_role("button", name="Baby is crying").click()
    page.wait_for_url(re.compile(r"/night/\?child=\d+$"))  # back to the baby who cried
    expect(page.get_by_test_id("crying-episode")).to_be_visible()
    assert Cue.objects.get().is_open
    s.shoot("crying")


@pytest.mark.parametrize("viewport", ["phone"])
def test_where_the_screen_cannot_be_kept_on_a_quiet_note_says_so(screen, viewport):
    s = screen(viewport, "night-no-wake-lock")
    s.context.add_init_script(NO_WAKE_LOCK)
    signed_in_with_baby(s)
    s.go("/night/?tap=skin_to_skin")
    note = s.page.get_by_test_id("wake-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("cannot keep the screen on")
    first = s.page.get_by_test_id("night-tile").first
    expect(first).to_have_attribute("data-key", "skin_to_skin")
    expect(first).to_be_focused()
    s.shoot("shortcut")
