"""Choosing a language in the footer and on her account page (issue 19, item 2), and a
right-to-left page as Arabic will show it (its words still English until the catalogue
lands: this looks at the mirrored layout)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_she_picks_her_language_and_the_page_follows(settings, screen, viewport):
    # The settings fixture (set up before the screen, so undone after its pages close):
    # a request still running in the live server when a `with override_settings` ended
    # read the settings in the middle of the swap and answered 500 (CI saw it once).
    settings.LANGUAGES = [("en", "English"), ("fr", "Français"), ("ar", "العربية")]
    s = screen(viewport, "language")
    user, _household, _child = signed_in_with_baby(s)
    s.go("/account/")
    expect(s.page.get_by_test_id("account-language")).to_be_visible()
    s.shoot("account")
    s.page.get_by_label("Your language").select_option("ar")
    s.page.get_by_test_id("account-language").get_by_role("button", name="Save").click()
    expect(s.page.locator("html")).to_have_attribute("dir", "rtl")
    user.refresh_from_db()
    assert user.language == "ar"
    s.go("/")
    expect(s.page.locator("html")).to_have_attribute("lang", "ar")
    s.shoot("today-rtl")
    s.page.get_by_test_id("language-form").get_by_role("button", name="Français").click()
    expect(s.page.locator("html")).to_have_attribute("dir", "ltr")
    expect(s.page.locator("html")).to_have_attribute("lang", "fr")
    user.refresh_from_db()
    assert user.language == "fr"
    # The look, kept on <html> too, changes at once.
    s.page.locator('button[name="theme"][value="dark"]').click()
    expect(s.page.locator("html")).to_have_attribute("data-theme", "dark")
    s.page.wait_for_load_state("networkidle")  # nothing left on its way to the server
