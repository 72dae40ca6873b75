"""The screens a baby in a neonatal unit adds (Lena), each looked at on a phone and a
desktop, light and dark: the baby's page with *In a neonatal unit now* and *Came home on*,
kangaroo care before the first session, a tube feed of donor milk given by a nurse, a bag
of milk taken to the unit, and the pumping reminder."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.milk import services as milk
from nestwell.milk.models import MilkBag, State
from nestwell.reminders.models import Preferences
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_screens_of_a_baby_in_the_unit(screen, viewport):
    s = screen(viewport, "in-unit-screens", timezone_id="Europe/Berlin")
    user, _household, child = signed_in_with_baby(s, name="Jonas")
    Child.objects.filter(pk=child.pk).update(
        neonatal_care=True, in_unit=True, gestation_weeks=31, gestation_days=0,
        birth_at=timezone.now() - timedelta(days=9))
    page = s.page

    # His page: the unit's two boxes, with their help.
    s.go(f"/children/{child.pk}/edit/")
    expect(page.get_by_label("In a neonatal unit now")).to_be_checked()
    expect(page.get_by_label("Came home on")).to_be_visible()
    s.shoot("child-form")

    # Kangaroo care before the first session: what it is, and how to start.
    s.go(f"/kangaroo/?child={child.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kangaroo care")
    s.shoot("kangaroo-empty")

    # A tube feed of donor milk, given by a nurse: from the unit's card on Today.
    s.go("/")
    s.shoot("today-card")
    page.get_by_test_id("in-unit-tube").click()
    expect(page.get_by_label("Tube", exact=True)).to_be_checked()
    page.get_by_label("Donor milk", exact=True).check()
    page.get_by_label("Amount", exact=False).first.fill("22")
    page.get_by_label("Who").select_option(label="Someone else (a nurse, a friend)")
    # Written down afterwards, with no end: kept at the time given.
    s.shoot("tube-feed")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    feed = Moment.objects.get(child=child, kind="feeding")
    assert feed.details["method"] == "tube" and feed.details["milk"] == "donor"
    assert feed.actor_id is None and feed.ended_at == feed.started_at

    # A bag in the fridge, taken to the unit, with Undo.
    milk.add_bag(child=child, user=user, expressed_at=timezone.now() - timedelta(hours=2),
                 amount_ml=40, place="fridge")
    s.go("/milk/store/")
    s.shoot("store-in-unit")
    page.get_by_test_id("bag-to-unit").click()
    expect(page.get_by_role("status")).to_contain_text("unit")
    assert MilkBag.objects.get(child=child).state == State.TO_UNIT
    s.shoot("store-taken")

    # The pumping reminder, off until she turns it on.
    s.go("/reminders/settings/")
    box = page.get_by_label("Pumping", exact=False).first
    expect(box).not_to_be_checked()
    box.check()
    s.shoot("reminders-pumping")
    page.get_by_role("button", name="Save my reminders").click()
    # The page's own words once saved (the page has a status of its own, which passed at
    # once, and the row was read before it was written).
    expect(page.get_by_text("Your reminders are saved.")).to_be_visible()
    assert Preferences.objects.get(user=user).pumping_on
