"""The dashboard of the demo household, on a phone and a desktop, light and dark."""

import pytest
from playwright.sync_api import expect

from nestwell.ops.demo import fill_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_demo_dashboard(screen, viewport):
    import io

    fill_demo(stdout=io.StringIO())
    s = screen(viewport, "dashboard", timezone_id="Europe/London")
    s.page.context.clear_cookies()
    sign_in_demo(s)
    s.go("/")
    s.page.get_by_role("link", name="How it's going").click()
    expect(s.page.get_by_test_id("chart-bonding")).to_be_visible()
    expect(s.page.get_by_test_id("chart-crying")).to_be_visible()
    s.shoot("week")
    s.page.get_by_role("link", name="Last 30 days").click()
    expect(s.page.get_by_role("link", name="Last 30 days")).to_have_attribute(
        "aria-current", "page")
    expect(s.page.get_by_test_id("chart-bonding")).to_be_visible()
    s.shoot("month")


def sign_in_demo(s):
    s.go("/login/")
    s.page.get_by_label("E-mail").fill("maya@demo.nestwell.invalid")
    s.page.get_by_label("Password").fill("nestwell-demo")
    s.page.get_by_role("button", name="Sign in").click()
    s.page.wait_for_url(lambda url: "/login/" not in url)
