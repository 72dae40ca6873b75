"""A feed and a nappy logged for the wrong twin, moved to the other from their edit pages,
in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.children.models import Child
from nestwell.health.models import Nappy
from nestwell.journal.models import Moment
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_every_screen import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_feed_moves_to_the_other_twin(screen, viewport):
    s = screen(viewport, "move-to-twin")
    jess, household, mila = signed_in_with_baby(s)
    noor = Child.objects.create(household=household, name="Noor",
                                birth_at=mila.birth_at + timedelta(minutes=12))
    start = timezone.now() - timedelta(hours=2)
    feed = Moment.objects.create(household=household, child=mila, kind="feeding",
                                 started_at=start, ended_at=start + timedelta(minutes=20),
                                 details={"method": "breast", "side": "left"}, actor=jess,
                                 created_by=jess)

    visit(s, f"/moments/{feed.pk}/edit/", "edit", "Edit Feed")
    baby = s.page.get_by_label("Baby")
    expect(baby).to_have_value(str(mila.pk))
    baby.select_option(label="Noor")
    s.page.get_by_role("button", name="Save").click()
    expect(s.page.get_by_text("Saved, and moved to Noor.")).to_be_visible()
    assert f"child={noor.pk}" in s.page.url
    s.shoot("moved")
    feed.refresh_from_db()
    assert (feed.child, feed.version) == (noor, 2)

    nappy = Nappy.objects.create(household=household, child=mila, kind="wet",
                                 changed_at=start, created_by=jess)
    visit(s, f"/care-day/nappies/{nappy.pk}/", "nappy", "Wet nappy")
    s.page.get_by_label("Baby").select_option(label="Noor")
    s.page.get_by_role("button", name="Save").click()
    expect(s.page.get_by_text("Saved, and moved to Noor.")).to_be_visible()
    nappy.refresh_from_db()
    assert nappy.child == noor
