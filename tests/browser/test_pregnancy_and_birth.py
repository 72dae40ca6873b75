"""Pregnancy to birth on a phone: counting movements, a letter, the birth in one step,
the first hour, then corrected age and kangaroo care for a baby born early."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.accounts.models import Household, Membership, User
from nestwell.accounts.roles import Role
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from tests.browser.helpers import sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def expecting(s, weeks_to_go=6):
    household = Household.objects.create(name="Our family", time_zone="Europe/London")
    email = f"bump-{s.viewport}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD, display_name="Jess")
    Membership.objects.create(user=user, household=household, role=Role.PARENT)
    partner = User.objects.create_user(email=f"sam-{s.viewport}@example.org",
                                       password=PASSWORD, display_name="Sam")
    Membership.objects.create(user=partner, household=household, role=Role.CAREGIVER)
    child = Child.objects.create(household=household, name="Bean",
                                 due_date=timezone.localdate(timezone=household.tz)
                                 + timedelta(weeks=weeks_to_go))
    sign_in(s, email)
    return user, partner, household, child


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_counting_movements_one_tap_each(screen, viewport):
    s = screen(viewport, "movements", timezone_id="Europe/London")
    user, partner, household, child = expecting(s)
    page = s.page
    s.go("/")
    expect(page.get_by_text("Week 34+0 of pregnancy")).to_be_visible()
    s.shoot("pregnancy-home")
    page.get_by_role("link", name="Baby's movements").click()
    expect(page.get_by_test_id("movement-advice")).to_contain_text(
        "call your maternity unit straight away")
    s.shoot("start")
    page.get_by_role("button", name="Start counting").click()
    moved = page.get_by_role("button", name="Baby moved")
    for n in range(1, 11):
        moved.click()
        expect(page.get_by_test_id("movement-count")).to_have_text(str(n))
    expect(page.get_by_test_id("time-to-ten")).to_contain_text("The first ten took")
    s.shoot("ten")
    page.get_by_role("button", name="Undo last tap").click()
    expect(page.get_by_test_id("movement-count")).to_have_text("9")
    moved.click()
    expect(page.get_by_test_id("movement-count")).to_have_text("10")
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_test_id("movement-session")).to_contain_text("10 movements")
    s.shoot("history")
    session = Moment.objects.get(kind="movement_count")
    assert session.details["count"] == 10 and len(session.details["taps"]) == 10


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_letter_then_the_birth_and_the_first_hour(screen, viewport):
    s = screen(viewport, "birth", timezone_id="Europe/London")
    user, partner, household, child = expecting(s, weeks_to_go=4)
    page = s.page
    s.go("/")
    page.get_by_role("link", name="Write to your baby").click()
    page.get_by_label("Your letter").fill("Dear Bean, we cannot wait to meet you.")
    page.get_by_role("button", name="Keep this letter").click()
    expect(page.get_by_test_id("letter")).to_contain_text("we cannot wait")
    s.shoot("letters")
    # Born two hours ago, on the day that is 36 weeks whatever the time of day (just after
    # midnight, two hours ago was yesterday: a day less of pregnancy).
    two_hours_ago = timezone.localtime(timezone.now(), household.tz) - timedelta(hours=2)
    Child.objects.filter(pk=child.pk).update(
        due_date=two_hours_ago.date() + timedelta(weeks=4))
    s.go("/")
    page.get_by_test_id("record-birth").click()
    expect(page.get_by_label("Weeks of pregnancy at birth")).to_have_value("36")
    page.get_by_label("Born at").fill(two_hours_ago.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Birth weight", exact=True).fill("2380")
    s.shoot("form")
    page.get_by_role("button", name="Record the birth").click()
    expect(page.get_by_role("heading", name="The first hour")).to_be_visible()
    born = timezone.localtime(Child.objects.get(pk=child.pk).birth_at)
    skin = page.get_by_test_id("first-skin_to_skin")
    skin.get_by_label("When").fill(
        (born + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    skin.get_by_label("For how many minutes").fill("55")
    s.shoot("first-hour")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("corrected-age")).to_contain_text("due date in")
    s.shoot("newborn-home")
    child.refresh_from_db()
    assert child.is_born and child.gestation_weeks == 36
    assert Moment.objects.filter(child=child).count() == 2  # the letter and the first skin
    page.get_by_role("link", name="Kangaroo care").click()
    expect(page.get_by_text("8 to 24 hours a day")).to_be_visible()
    s.shoot("kangaroo")
    # skin-to-skin starts and stops here too, and she stays on the page
    page.get_by_role("button", name="Start skin-to-skin").click()
    expect(page.get_by_test_id("kangaroo-timer")).to_contain_text("Skin-to-skin since")
    s.shoot("kangaroo-running")
    page.get_by_test_id("kangaroo-timer").get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Start skin-to-skin")).to_be_visible()


def test_the_weeks_follow_the_birth_day_until_she_types_her_own(screen):
    """The weeks were filled in for today and stayed so when the birth time was moved to
    three days before; the server counted them to the birth day, so the page showed one
    figure and kept another."""
    s = screen("phone", "birth-weeks", timezone_id="Europe/London")
    _user, _partner, _household, child = expecting(s, weeks_to_go=4)
    page = s.page
    s.go(f"/children/{child.pk}/birth/")
    weeks, days = page.get_by_label("Weeks of pregnancy at birth"), page.get_by_label("And days")
    expect(weeks).to_have_value("36")
    expect(days).to_have_value("0")
    three_days_ago = timezone.localtime(timezone.now(), child.household.tz) - timedelta(days=3)
    page.get_by_label("Born at").fill(three_days_ago.strftime("%Y-%m-%dT%H:%M"))
    expect(weeks).to_have_value("35")
    expect(days).to_have_value("4")
    # Her midwife's figure, typed, stays whatever time she gives.
    weeks.fill("36")
    days.fill("1")
    page.get_by_label("Born at").fill(
        (three_days_ago - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    expect(weeks).to_have_value("36")
    page.get_by_role("button", name="Record the birth").click()
    expect(page.get_by_role("heading", name="The first hour")).to_be_visible()
    child.refresh_from_db()
    assert (child.gestation_weeks, child.gestation_days) == (36, 1)
