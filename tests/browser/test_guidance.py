"""A suggestion on the home screen leads to a short read; "Not now" puts it away."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_suggestion_and_its_article(screen, viewport):
    s = screen(viewport, "guidance")
    signed_in_with_baby(s)
    page = s.page
    s.go("/")
    expect(page.get_by_test_id("suggestions")).to_be_visible()
    s.shoot("home-card")
    page.get_by_role("link", name="Skin-to-skin, from the first hour on").click()
    expect(page.get_by_test_id("not-advice")).to_be_visible()
    s.shoot("article")
    s.go("/")
    card = page.locator('[data-code="skin"]')
    card.get_by_role("button", name="Not now").click()
    expect(page.locator('[data-code="skin"]')).to_have_count(0)
    s.go("/guidance/")
    expect(page.get_by_test_id("article-link").first).to_be_visible()
    s.shoot("list")
