"""A new mother's first minutes: sign up, add her baby, a skin-to-skin timer, a feed
with eye contact, and both on the timeline."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F
from playwright.sync_api import expect

from nestwell.accounts.models import Household
from nestwell.journal.models import Moment
from tests.browser.helpers import daytime_zone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_sign_up_add_a_baby_and_log_the_first_moments(screen, viewport):
    # Her device's zone (Paris unless it is near midnight there: the timers below are moved
    # a few minutes back, which must not put them on yesterday's timeline).
    zone = daytime_zone()
    s = screen(viewport, "first-steps", timezone_id=zone)
    page = s.page
    s.go("/signup/")
    s.shoot("signup")
    page.get_by_label("Your name").fill("Inès")
    page.get_by_label("E-mail").fill(f"ines-{viewport}@example.org")
    page.get_by_label("Password", exact=True).fill("a-calm-night-2026")
    page.get_by_label("Password again").fill("a-calm-night-2026")
    page.get_by_label("Name your household").fill("Inès & Théo")
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", name="Add your baby")).to_be_visible()
    household = Household.objects.get(name="Inès & Théo")
    assert household.time_zone == zone  # picked up from the device
    s.shoot("add-baby")
    page.get_by_label("Name (or a nickname for now)").fill("Lou")
    # Still on the way: nothing about the birth is asked (Lucía was asked for birth notes
    # and a neonatal stay in pregnancy); born: no due date.
    page.get_by_text("Not yet", exact=True).click()
    expect(page.get_by_label("Due date")).to_be_visible()
    for label in ("Notes on the birth", "Cared for in a neonatal unit", "Medical notes",
                  "Born on"):
        expect(page.get_by_label(label)).to_be_hidden()
    page.get_by_text("Yes", exact=True).click()
    expect(page.get_by_label("Notes on the birth")).to_be_visible()
    expect(page.get_by_label("Due date")).to_be_hidden()
    # Born early on the day before yesterday, her time: two days old by the calendar
    # whatever the hour the test runs (three if midnight passes while it runs).
    two_days_ago = datetime.now(ZoneInfo(zone)).date() - timedelta(days=2)
    page.get_by_label("Born on").fill(f"{two_days_ago.isoformat()}T00:05")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="Lou", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^[23] days old$"))).to_be_visible()
    s.shoot("home-empty")

    # Skin-to-skin: one tap starts the timer, which ticks (a range: a busy machine may skip a
    # second), and one tap stops it.
    page.get_by_role("button", name="Skin-to-skin").click()
    timer = page.get_by_test_id("timer")
    expect(timer).to_contain_text("Skin-to-skin")
    expect(timer.locator(".elapsed")).to_have_text(re.compile(r"^0:0[1-9]$"), timeout=8000)
    s.shoot("home-timer")
    # A timer stopped within seconds saves nothing (a mistaken tap): let this one have run.
    _started_earlier(s, household, minutes=12)
    timer.get_by_role("button", name="Stop").click()
    expect(page.get_by_test_id("timer")).to_have_count(0)

    # A feed on the left, with eye contact ticked before stopping.
    page.get_by_role("button", name="Feed · left").click()
    feed_timer = page.get_by_test_id("timer")
    expect(feed_timer).to_contain_text("Feed")
    _started_earlier(s, household, minutes=9)
    feed_timer.get_by_label("Eye contact").check()
    feed_timer.get_by_role("button", name="Stop").click()
    expect(page.get_by_test_id("timer")).to_have_count(0)

    page.get_by_role("link", name="Timeline").first.click()
    page.wait_for_url(re.compile(r"/timeline/"))
    expect(page.get_by_role("heading", name="Today", exact=True)).to_be_visible()
    moments = page.get_by_test_id("moment")
    expect(moments).to_have_count(2)
    expect(page.locator('[data-kind="skin_to_skin"]')).to_contain_text("Skin-to-skin")
    expect(page.locator('[data-kind="feeding"]')).to_contain_text("Left · eye contact")
    s.shoot("timeline")

    saved = {m.kind: m for m in Moment.objects.filter(household=household)}
    assert saved["skin_to_skin"].ended_at > saved["skin_to_skin"].started_at
    assert saved["feeding"].details == {"method": "breast", "side": "left",
                                        "eye_contact": True}


def test_a_tap_that_went_wrong_is_undone(screen, django_user_model):
    from tests.browser.helpers import signed_in_with_baby

    s = screen("phone", "undo")
    signed_in_with_baby(s)
    s.page.get_by_role("button", name="Singing").click()
    toast = s.page.get_by_role("status").filter(has_text="Singing logged")
    expect(toast).to_be_visible()
    s.shoot("toast", both_schemes=False)
    toast.get_by_role("button", name="Undo").click()
    expect(s.page.get_by_text("Undone.")).to_be_visible()
    assert not Moment.objects.alive().exists()


def _started_earlier(s, household, minutes):
    """Move the running timers back, as if they had run for ``minutes``, and show the page
    again with them."""
    Moment.objects.filter(household=household, ended_at__isnull=True).update(
        started_at=F("started_at") - timedelta(minutes=minutes))
    s.page.reload()
