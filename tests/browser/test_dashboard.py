"""The dashboard of the demo household (a busy month) and of a first day (nothing yet), on
a phone and a desktop, light and dark. The charts' text is measured in the real browser:
every label inside its picture, none touching another, and none wider than the layout
reckoned (so the layout's estimate holds for the font the browser picked)."""

import pytest
from playwright.sync_api import expect

from nestwell.ops.demo import fill_demo
from tests.browser.helpers import MEASURE_CHARTS, check_charts, signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_demo_dashboard(screen, viewport):
    import io

    fill_demo(stdout=io.StringIO())
    s = screen(viewport, "dashboard", timezone_id="Europe/London")
    s.clear_cookies()
    sign_in_demo(s)
    s.go("/")
    s.page.get_by_role("link", name="How it's going").click()
    expect(s.page.get_by_test_id("chart-bonding")).to_be_visible()
    expect(s.page.get_by_test_id("chart-crying")).to_be_visible()
    check_charts(s, {"chart-bonding", "chart-moments", "chart-crying", "chart-wellbeing",
                     "chart-sleep"})
    s.shoot("week")
    shoot_cards(s, "week")
    s.page.get_by_role("link", name="Last 30 days").click()
    expect(s.page.get_by_role("link", name="Last 30 days")).to_have_attribute(
        "aria-current", "page")
    expect(s.page.get_by_test_id("chart-bonding")).to_be_visible()
    check_charts(s, {"chart-bonding", "chart-moments", "chart-crying"})
    s.shoot("month")
    shoot_cards(s, "month")
    # The numbers behind a chart, as a table.
    figure = s.page.get_by_test_id("chart-bonding")
    figure.get_by_text("Show the numbers").click()
    expect(figure.get_by_role("columnheader", name="Skin-to-skin")).to_be_visible()
    figure.scroll_into_view_if_needed()
    s.shoot("month-table", both_schemes=False)


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_charts_run_left_to_right_in_arabic(screen, viewport):
    """In a right-to-left page the SVG text anchors flipped: the axis labels sat under the
    bars and the legends ran out of the picture. Charts are drawn left to right in every
    language; the words in them are Arabic."""
    import io

    from nestwell.accounts.models import User

    fill_demo(stdout=io.StringIO())
    User.objects.filter(email="maya@demo.nestwell.invalid").update(language="ar")
    s = screen(viewport, "dashboard-ar", timezone_id="Europe/London")
    s.clear_cookies()
    sign_in_demo(s)
    s.go("/insights/")
    expect(s.page.locator("html")).to_have_attribute("dir", "rtl")
    expect(s.page.get_by_test_id("chart-bonding")).to_be_visible()
    charts = check_charts(s, {"chart-bonding", "chart-moments", "chart-crying",
                              "chart-wellbeing", "chart-sleep"})
    # the vertical axis's numbers are left of where the bars begin
    bonding = next(c for c in charts if c["id"] == "chart-bonding")
    numbers = [t for t in bonding["texts"] if t["text"].strip().isdigit()]
    assert numbers and max(t["x"] + t["w"] for t in numbers) < bonding["width"] / 4
    shoot_cards(s, "ar-week")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_first_day_with_nothing_logged(screen, viewport):
    s = screen(viewport, "dashboard")
    _user, _household, child = signed_in_with_baby(s)
    s.go(f"/insights/?child={child.pk}")
    expect(s.page.get_by_text("Any moment together counts")).to_be_visible()
    assert s.page.evaluate(MEASURE_CHARTS) == []
    s.shoot("empty")


def shoot_cards(s, name):
    """Each card of charts on its own (the full page has the bottom bar over it)."""
    from tests.browser.conftest import SCREENSHOTS

    for card in ("together", "crying", "you"):
        for scheme in ("light", "dark"):
            s.page.emulate_media(color_scheme=scheme)
            s.page.locator(f"section[aria-labelledby={card}-title]").screenshot(
                path=SCREENSHOTS / f"dashboard-{name}-{card}-{s.viewport}-{scheme}.png")
    s.page.emulate_media(color_scheme="light")


def sign_in_demo(s):
    s.go("/login/")
    s.page.get_by_label("E-mail").fill("maya@demo.nestwell.invalid")
    s.page.get_by_label("Password").fill("nestwell-demo")
    s.page.get_by_role("button", name="Sign in").click()
    s.page.wait_for_url(lambda url: "/login/" not in url)
