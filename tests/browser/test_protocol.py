"""The 24-hour protocol: from the dashboard to two weeks of days, another fortnight through
the date picker, and the PDF to download."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.accounts.models import Household, Membership, User
from nestwell.accounts.roles import Role
from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from tests.browser.helpers import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fortnight(household, child, days=14, seed=5):
    """Days of sleep, feeds, cries and play up to now, with a gap or two."""
    rng = random.Random(seed)
    now = timezone.now()
    t = now - timedelta(days=days)
    moments, cues = [], []
    while t < now - timedelta(hours=2):
        if rng.random() < 0.03:  # an afternoon nobody logged
            t += timedelta(hours=rng.randint(4, 9))
        sleep = timedelta(minutes=rng.randint(40, 190))
        moments.append(Moment(household=household, child=child, kind="sleep", started_at=t,
                              ended_at=t + sleep))
        t += sleep
        feed = timedelta(minutes=rng.randint(10, 35))
        moments.append(Moment(household=household, child=child, kind="feeding", started_at=t,
                              ended_at=t + feed, details={"method": "breast", "side": "left"}))
        if rng.random() < 0.35:
            cues.append(Cue(household=household, child=child, signal="cry",
                            started_at=t + timedelta(minutes=3),
                            closed_at=t + timedelta(minutes=rng.randint(8, 60))))
        t += feed
        if rng.random() < 0.5:
            play = timedelta(minutes=rng.randint(10, 45))
            moments.append(Moment(household=household, child=child, kind="play",
                                  started_at=t, ended_at=t + play))
            t += play
    Moment.objects.bulk_create(moments)
    Cue.objects.bulk_create(cues)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_two_weeks_at_a_glance(screen, viewport):
    s = screen(viewport, "protocol")
    # Everything is written before signing in: the live server shares one SQLite
    # connection, and the home page's banner is read while the page settles.
    household = Household.objects.create(name="Our family", time_zone="Europe/London")
    email = f"protocol-{viewport}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD, display_name="Jess")
    Membership.objects.create(user=user, household=household, role=Role.PARENT)
    child = Child.objects.create(household=household, name="Mila",
                                 birth_at=timezone.now() - timedelta(days=40))
    fortnight(household, child)
    sign_in(s, email)
    page = s.page
    s.go(f"/insights/?child={child.pk}")
    page.get_by_role("link", name="24-hour protocol").click()
    expect(page.get_by_test_id("protocol")).to_be_visible()
    expect(page.locator("tr[data-day]")).to_have_count(14)
    expect(page.get_by_text("Wolke D, Bilgin A, Samara M", exact=False)).to_be_visible()
    # each row tells its day in words to a screen reader
    summary = page.locator("tr[data-day] td.protocol-day .visually-hidden").first
    assert "crying" in summary.inner_text() and "sleep" in summary.inner_text()
    s.shoot("page")
    earlier = (timezone.localdate() - timedelta(days=20)).isoformat()
    page.get_by_label("First day").fill(earlier)
    page.get_by_role("button", name="Show these 14 days").click()
    expect(page.locator(f'tr[data-day="{earlier}"]')).to_be_visible()
    expect(page.get_by_text("Little logged this day.").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("protocol-pdf").click()
    assert download.value.suggested_filename == f"nestwell-protocol-Mila-{earlier}.pdf"
    # and as part of the report for a visit, when she ticks it
    page.get_by_role("link", name="Add it to a report for a visit").click()
    page.get_by_label("Include the 24-hour protocol").check()
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_test_id("protocol")).to_be_visible()
    expect(page.locator("tr[data-day]")).to_have_count(14)
    s.shoot("report")
