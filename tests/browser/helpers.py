from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from nestwell.accounts.models import Household, Membership, User
from nestwell.accounts.roles import Role
from nestwell.children.models import Child
from tests.conftest import PASSWORD

# Zones whose offsets are far enough apart that at any moment one of them is in daytime.
DAYTIME_ZONES = ("Europe/Paris", "America/New_York", "Asia/Tokyo")


def daytime_zone(now: datetime | None = None) -> str:
    """A time zone where it is now between 01:00 and 21:00: a test that logs moments a few
    minutes back and reads "Today" then never crosses its midnight, whatever the hour the
    suite runs (the first of DAYTIME_ZONES that fits)."""
    now = now or timezone.now()
    for zone in DAYTIME_ZONES:
        if 1 <= now.astimezone(ZoneInfo(zone)).hour < 21:
            return zone
    raise AssertionError(f"no zone of {DAYTIME_ZONES} is in daytime at {now}")


def sign_in(s, email):
    s.go("/login/")
    s.page.get_by_label("E-mail").fill(email)
    s.page.get_by_label("Password").fill(PASSWORD)
    s.page.get_by_role("button", name="Sign in").click()
    s.page.wait_for_url(lambda url: "/login/" not in url)


def signed_in_with_baby(s, name="Mila", role=Role.PARENT, email=None):
    household = Household.objects.create(name="Our family", time_zone="Europe/London")
    email = email or f"{name.lower()}-{s.viewport}-{role}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD, display_name="Jess")
    Membership.objects.create(user=user, household=household, role=role)
    child = Child.objects.create(household=household, name=name,
                                 birth_at=timezone.now() - timedelta(days=40))
    sign_in(s, email)
    return user, household, child


def twin_of(child, name="Noor"):
    """A second baby of ``child``'s household, born twelve minutes later."""
    return Child.objects.create(household=child.household, name=name,
                                birth_at=child.birth_at + timedelta(minutes=12))


MEASURE_CHARTS = """
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
    """The charts' text as the browser lays it out: every label inside its picture, none
    touching another, none wider than the layout reckoned (figures.text_width)."""
    from nestwell.insights.figures import text_width

    charts = s.page.evaluate(MEASURE_CHARTS)
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
        # Drawn about 1:1 on a phone (the viewBox is 340 wide), larger on a desktop.
        assert chart["shown"] >= 300, chart["id"]
    return charts
