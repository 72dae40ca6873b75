"""What a tired parent meets at 3 a.m. (issue 13): the crying card that stays open while
the baby is still crying, a mistaken tap taken back, the need as one optional tap, a calm
card inside a long cry, and her maternity unit's number on the movement counter."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.wellbeing.models import SupportContact
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_every_screen import SMALL_TARGETS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_small_targets(s):
    small = s.page.evaluate(SMALL_TARGETS)
    assert small == [], f"touch targets under 48 px: {small}"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_still_crying_keeps_the_card_and_the_need_is_one_tap(screen, viewport):
    s = screen(viewport, "crying-flow")
    signed_in_with_baby(s)
    page = s.page
    page.get_by_role("button", name="Baby is crying").click()
    card = page.get_by_test_id("crying-episode")
    card.get_by_role("button", name="Tapped by mistake? Undo").click()
    expect(page.get_by_test_id("crying-episode")).to_have_count(0)
    assert not Cue.objects.exists()
    page.get_by_role("button", name="Baby is crying").click()
    card.get_by_role("button", name="Rocked").click()
    card.get_by_role("button", name="Tired").click()
    expect(card.get_by_role("button", name="Tired")).to_have_attribute("aria-pressed", "true")
    card.get_by_role("button", name="Still unsettled").click()
    expect(page.get_by_text("Still crying: the card stays open.")).to_be_visible()
    expect(page.get_by_test_id("crying-episode")).to_be_visible()
    no_small_targets(s)
    s.shoot("still-crying")
    episode = Cue.objects.get()
    assert episode.is_open and episode.need == "tiredness"
    page.get_by_role("button", name="Settled", exact=True).click()
    expect(page.get_by_text("Settled. Well done, both of you.")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_long_cry_shows_a_calm_card_with_her_numbers(screen, viewport):
    s = screen(viewport, "long-crying")
    user, household, child = signed_in_with_baby(s)
    SupportContact.objects.create(household=household, owner=user, name="Priya",
                                  role="health_visitor", phone="+44 20 7946 0000")
    Cue.objects.create(household=household, child=child, signal="cry", created_by=user,
                       started_at=timezone.now() - timedelta(minutes=26),
                       responded_at=timezone.now() - timedelta(minutes=25),
                       ways=["rocked", "walked"], responder=user)
    s.go("/")
    calm = s.page.get_by_test_id("long-crying")
    expect(calm).to_contain_text("safe to lay your baby on their back in the cot")
    expect(calm.get_by_role("link", name="Health visitor · Priya")).to_have_attribute(
        "href", "tel:+442079460000")
    no_small_targets(s)
    s.shoot("card")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_movement_counter_offers_her_maternity_unit(screen, viewport):
    s = screen(viewport, "movements-call")
    user, household, child = signed_in_with_baby(s)
    Child.objects.filter(pk=child.pk).update(
        birth_at=None, due_date=timezone.localdate() + timedelta(weeks=8))
    SupportContact.objects.create(household=household, owner=user, name="St Mary's",
                                  role="maternity_unit", phone="020 3312 6666")
    s.go(f"/pregnancy/movements/?child={child.pk}")
    link = s.page.get_by_role("link", name="Maternity unit or labour ward · St Mary's")
    expect(link).to_have_attribute("href", "tel:02033126666")
    no_small_targets(s)
    s.shoot("page")
