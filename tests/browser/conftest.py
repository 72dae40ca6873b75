"""Playwright driving the system Chromium against Django's live server.

Without Chromium the browser tests are skipped on a developer's machine and fail in CI
(CI=true), where a missing browser must never pass silently.

Every screenshot is also an accessibility check: axe-core (vendored, test-only, fetched
by scripts/fetch-axe.py) runs on the page in each colour scheme, and every target she
would tap is measured; a serious or critical violation, or a target under 44 × 44 px,
fails the test when its screen closes.
"""

import os
import shutil
import threading
import time
import warnings
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started

from tests.conftest import in_ci

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(os.environ.get("NESTWELL_SCREENSHOTS",
                                  Path(__file__).resolve().parents[2] / "artifacts" /
                                  "screenshots"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
NARROW = {"width": 360, "height": 780}
VIEWPORTS = {"phone": PHONE, "narrow": NARROW, "desktop": DESKTOP}
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# How a screen looks (its screenshots in both colour schemes, the accessibility scan and
# the size of its tap targets) does not depend on the database behind it. CI's second run,
# on PostgreSQL, sets NESTWELL_BROWSER_LOOK=0: every step and every assertion of the
# browser tests still runs there, and the SQLite run looks at every screen.
LOOK = os.environ.get("NESTWELL_BROWSER_LOOK", "1") != "0"
BLOCKING_IMPACTS = ("serious", "critical")

class InFlight:
    """The live server's requests still being answered.

    Closing a page stops the browser, not the server: a request the page had just sent
    (the listening banner polls with every page) may still be reading the database when
    the test's teardown empties it, and on PostgreSQL the two can deadlock (TRUNCATE
    waits for the request's lock while the request waits for TRUNCATE's). A screen's
    teardown waits until no server thread is inside a request before the database is
    emptied. Requests made by the test client (in the test's own thread) are not counted,
    and a thread that has ended no longer counts, so the wait never outlives its cause.
    """

    def __init__(self):
        self.threads = set()
        self.changed = threading.Condition()

    def started(self, **kwargs):
        if threading.current_thread() is threading.main_thread():
            return
        with self.changed:
            self.threads.add(threading.get_ident())

    def finished(self, **kwargs):
        with self.changed:
            self.threads.discard(threading.get_ident())
            self.changed.notify_all()

    def busy(self):
        alive = {t.ident for t in threading.enumerate()}
        self.threads &= alive
        return bool(self.threads)

    def wait_until_idle(self, timeout=15.0):
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.busy():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.changed.wait(min(left, 0.2))
        return True


def wait_for_the_server():
    """Before the database is emptied: the live server's last request answered."""
    if not IN_FLIGHT.wait_until_idle():
        warnings.warn("the live server was still answering a request after 15 s; the "
                      "database is emptied anyway", stacklevel=2)


IN_FLIGHT = InFlight()
request_started.connect(IN_FLIGHT.started, dispatch_uid="browser-tests-in-flight-started")
request_finished.connect(IN_FLIGHT.finished, dispatch_uid="browser-tests-in-flight-finished")

CUT_OFF_WORDS = ("net::ERR_INTERNET_DISCONNECTED", "htmx:sendError", "htmx:afterRequest")

# The page's Content-Security-Policy forbids inline scripts and eval; Playwright's evaluate
# runs through the DevTools protocol, which the policy does not govern, so axe is injected
# for the test only and never served by the app.
AXE_RUN = """async (impacts) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => impacts.includes(v.impact)).map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


# Everything she taps is at least 44 × 44 px: buttons, tiles, chips, navigation, check
# boxes (with their label), the file picker, and every link that stands on its own (a link
# inside a sentence is exempt, as WCAG 2.5.8 allows).
SMALL_TARGETS = """
() => {
  const standalone = el => {
    if (el.tagName !== 'A' || el.matches('.button, .chip, .tile, .actions a')) return true;
    const parent = el.parentElement;
    const display = getComputedStyle(parent).display;
    if (display.includes('flex') || display.includes('grid')) return true;
    return parent.innerText.trim() === el.innerText.trim();
  };
  return [...document.querySelectorAll(
      'main button, main .button, main .tile, main .chip, nav a, main input[type=checkbox],'
      + ' main input[type=file], main a[href]')]
    .filter(el => el.offsetParent !== null && standalone(el))
    .map(el => {
      const target = el.type === 'checkbox' ? (el.closest('label') || el) : el;
      const r = target.getBoundingClientRect();
      return {text: (target.innerText || target.name || '').trim().slice(0, 30),
              w: Math.round(r.width), h: Math.round(r.height)};
    })
    .filter(t => t.h < 44 || t.w < 44);
}
"""


def small_targets(page):
    """What she would tap on the page that is smaller than 44 × 44 px."""
    return page.evaluate(SMALL_TARGETS)


def axe_violations(page):
    """The serious and critical axe-core violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN, list(BLOCKING_IMPACTS))


def chromium_path():
    for candidate in (os.environ.get("NESTWELL_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--no-first-run",
            "--disable-sync", "--disable-quic",
        ])
        yield browser
        browser.close()


class Screen:
    """A page in one viewport that records console errors and saves screenshots."""

    def __init__(self, browser, live_server, viewport_name, prefix, timezone_id="UTC",
                 service_workers="block", locale="en-GB"):
        # Every page registers the offline service worker, which then fetches her pages in
        # the background; a test that is not about it blocks it, so that no request is
        # still running when the test's database is emptied. Offline and push tests pass
        # service_workers="allow".
        self.context = browser.new_context(viewport=VIEWPORTS[viewport_name],
                                           service_workers=service_workers,
                                           timezone_id=timezone_id, locale=locale,
                                           has_touch=viewport_name != "desktop")
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        # A page load waits for every file of the page: on a 2-core machine running four
        # workers and PostgreSQL, /login/ once took over 10 s to load (the clean-clone CI
        # of 2026-12-07). A page that never loads still fails, after 30 s.
        self.page.set_default_navigation_timeout(30_000)
        self.errors = []
        self.cut_off = False  # set by a test that takes the connection away
        self.closed = False
        self.violations = []
        self.small = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(
            f"{self.page.url}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.base = live_server.url
        self.viewport = viewport_name
        self.prefix = prefix

    def go(self, path):
        """Open a page and wait until it has loaded and htmx has nothing under way (not
        for the network to be quiet half a second: most of the browser tests' waiting)."""
        self.page.goto(self.base + path)
        self.htmx_idle()

    def settle(self):
        """Wait until the page has stopped changing: a link just followed has loaded, and
        htmx has no request, swap or settle under way. A screenshot taken mid-change can
        wait on a frame that never comes."""
        self.page.wait_for_load_state("load")
        self.htmx_idle()

    def htmx_idle(self):
        self.page.wait_for_function(
            "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")

    def clear_cookies(self):
        """Forget who is signed in, as a new visitor would be.

        The page is left first: a request it still has in flight (the listening banner
        loads with every page) would otherwise answer after the cookies are gone and set
        the old CSRF cookie again, so the next sign-in form would carry a token that no
        longer matches.
        """
        self.page.goto("about:blank")
        self.context.clear_cookies()

    def shoot(self, name, both_schemes=True):
        if not LOOK:
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.settle()
        self.small += [{"screen": name, "url": self.page.url, **t}
                       for t in small_targets(self.page)]
        schemes = ("light", "dark") if both_schemes else ("light",)
        for scheme in schemes:
            self.page.emulate_media(color_scheme=scheme)
            self.scan(f"{name} ({self.viewport}, {scheme})")
            self.page.screenshot(
                path=SCREENSHOTS / f"{self.prefix}-{name}-{self.viewport}-{scheme}.png",
                full_page=True, timeout=30_000)  # a long page on a busy machine
        self.page.emulate_media(color_scheme="light")

    def scan(self, label):
        """Record the page's serious and critical accessibility violations (axe-core)."""
        for violation in axe_violations(self.page):
            self.violations.append({"screen": label, "url": self.page.url, **violation})

    def close(self):
        self.context.close()
        self.closed = True
        if self.cut_off:
            # A test that cut the connection (offline tests) may have cut a request on its
            # way (a poll of the page's timers): the browser and htmx say so, as on a phone.
            self.errors = [e for e in self.errors if not any(
                word in e for word in CUT_OFF_WORDS)]
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.violations == [], f"accessibility violations: {self.violations}"
        assert self.small == [], f"touch targets under 44 px: {self.small}"


@pytest.fixture
def screen(browser, live_server):
    opened = []

    def open_screen(viewport_name, prefix, **kwargs):
        s = Screen(browser, live_server, viewport_name, prefix, **kwargs)
        opened.append(s)
        return s

    yield open_screen
    try:
        for s in opened:
            s.close()
    finally:
        for s in opened:
            if not s.closed:
                s.context.close()
        wait_for_the_server()
