"""The dashboard of the demo household (a busy month) and of a first day (nothing yet), on
a phone and a desktop, light and dark. The charts' text is measured in the real browser:
every label inside its picture, none touching another, and none wider than the layout
reckoned (so the layout's estimate holds for the font the browser picked)."""

import pytest
from playwright.sync_api import expect

from nestwell.insights.figures import text_width
from nestwell.ops.demo import fill_demo
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """
() => [...document.querySelectorAll('svg.chart-svg')].map(svg => {
  const box = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return {text: t.textContent, size: parseFloat(t.getAttribute('font-size')),
            length: t.getComputedTextLength(), x: b.x, y: b.y, w: b.width, h: b.height};
  });
  return {id: svg.id, width: box.width, height: box.height, texts,
          shown: svg.getBoundingClientRect().width};
})
"""


def check_charts(s, expected):
    charts = s.page.evaluate(MEASURE)
    assert {c["id"] for c in charts} >= set(expected)
    for chart in charts:
        texts = chart["texts"]
        for t in texts:
            where = (chart["id"], t["text"])
            assert t["x"] >= 0 and t["y"] >= 0, where
            assert t["x"] + t["w"] <= chart["width"] + 0.5, where
            assert t["y"] + t["h"] <= chart["height"] + 0.5, where
            assert text_width(t["text"], t["size"]) >= t["length"], where
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or
                         a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
                assert apart, (chart["id"], a["text"], b["text"])
        # Drawn about 1:1 on a phone, larger on a desktop, and never wider than the card.
        assert chart["shown"] >= 300, chart["id"]
    return charts


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


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_first_day_with_nothing_logged(screen, viewport):
    s = screen(viewport, "dashboard")
    _user, _household, child = signed_in_with_baby(s)
    s.go(f"/insights/?child={child.pk}")
    expect(s.page.get_by_text("Any moment together counts")).to_be_visible()
    assert s.page.evaluate(MEASURE) == []
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
