"""Playwright driving the system Chromium against Django's live server.

Without Chromium the browser tests are skipped on a developer's machine and fail in CI
(CI=true), where a missing browser must never pass silently.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import in_ci

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(os.environ.get("NESTWELL_SCREENSHOTS",
                                  Path(__file__).resolve().parents[2] / "artifacts" /
                                  "screenshots"))
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


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

    def __init__(self, browser, live_server, viewport_name, prefix, timezone_id="UTC"):
        self.context = browser.new_context(viewport=VIEWPORTS[viewport_name],
                                           timezone_id=timezone_id, locale="en-GB",
                                           has_touch=viewport_name == "phone")
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(
            f"{self.page.url}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.base = live_server.url
        self.viewport = viewport_name
        self.prefix = prefix

    def go(self, path):
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def shoot(self, name, both_schemes=True):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        schemes = ("light", "dark") if both_schemes else ("light",)
        for scheme in schemes:
            self.page.emulate_media(color_scheme=scheme)
            self.page.screenshot(
                path=SCREENSHOTS / f"{self.prefix}-{name}-{self.viewport}-{scheme}.png",
                full_page=True)
        self.page.emulate_media(color_scheme="light")

    def close(self):
        self.context.close()
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def screen(browser, live_server):
    opened = []

    def open_screen(viewport_name, prefix, **kwargs):
        s = Screen(browser, live_server, viewport_name, prefix, **kwargs)
        opened.append(s)
        return s

    yield open_screen
    for s in opened:
        s.close()
