"""A baby still in a neonatal unit (Lena): Today begins with the unit, kangaroo care starts
from there, the support page speaks of the unit's team, and one tap says the baby came
home; on a phone and a desktop, light and dark."""

import pytest
from playwright.sync_api import expect

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_today_in_the_unit_and_the_day_he_came_home(screen, viewport):
    s = screen(viewport, "in-unit")
    _user, _household, child = signed_in_with_baby(s, name="Jonas")
    Child.objects.filter(pk=child.pk).update(neonatal_care=True, in_unit=True,
                                             gestation_weeks=31, gestation_days=0)
    page = s.page
    s.go("/")
    card = page.get_by_test_id("in-unit")
    expect(card).to_contain_text("Jonas is in the neonatal unit")
    expect(page.get_by_test_id("listen-link")).to_have_count(0)
    s.shoot("today")
    card.get_by_role("button", name="Start kangaroo care").click()
    expect(page.get_by_test_id("in-unit-kangaroo")).to_have_count(0)
    assert Moment.objects.running().filter(child=child, kind="skin_to_skin").exists()
    s.go("/support/?from=checkin")
    expect(page.get_by_test_id("unit-health")).to_be_visible()
    # Whom to call at home stays too: a baby home with the box still ticked is kept safe.
    expect(page.get_by_test_id("baby-health")).to_be_visible()
    s.shoot("support")
    s.go("/")
    page.get_by_test_id("in-unit-home").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome home, Jonas.")
    expect(page.get_by_test_id("in-unit")).to_have_count(0)
    expect(page.get_by_test_id("listen-link")).to_be_visible()
    child.refresh_from_db()
    assert not child.in_unit and child.home_on is not None
