"""Your data and the API docs, opened as a person would."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_your_data_and_a_token(screen, viewport):
    s = screen(viewport, "data")
    signed_in_with_baby(s)
    page = s.page
    s.go("/account/")
    page.get_by_role("link", name="Your data: download, import, delete").click()
    expect(page.get_by_role("heading", name="Download a copy")).to_be_visible()
    s.shoot("home")
    page.get_by_role("link", name="Delete the household…").click()
    expect(page.get_by_test_id("final-export")).to_be_visible()
    s.shoot("delete")
    s.go("/account/tokens/")
    page.get_by_label("What is it for?").fill("Home button")
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_test_id("new-token")).to_contain_text("nw_")
    s.shoot("token")


def test_the_api_docs_are_served_locally(screen):
    s = screen("desktop", "api-docs")
    requests = []
    s.page.on("request", lambda r: requests.append(r.url))
    s.go("/api/v1/docs")
    expect(s.page.get_by_text("Nestwell API").first).to_be_visible()
    expect(s.page.get_by_text("/api/v1/moments").first).to_be_visible()
    s.shoot("docs", both_schemes=False)
    assert all(url.startswith(s.base) for url in requests), requests
