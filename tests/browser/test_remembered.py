"""A baby who has died: a parent tells Nestwell from the baby's page, and Today keeps only
what was kept and where support is, on a phone and a desktop."""

import pytest
from playwright.sync_api import expect

from nestwell.children.models import Child
from tests.browser.helpers import signed_in_with_baby, twin_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_parent_tells_nestwell_and_can_undo_it(screen, viewport):
    s = screen(viewport, "remembered")
    user, household, child = signed_in_with_baby(s, name="Mila")
    twin = twin_of(child, name="Noor")
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.journal.models import Moment

    # A skin-to-skin timer left running for Noor: it waits on her page for its end.
    Moment.objects.create(household=household, child=twin, kind="skin_to_skin",
                          started_at=timezone.now() - timedelta(hours=3), actor=user,
                          created_by=user)
    page = s.page
    s.go(f"/children/{twin.pk}/edit/")
    page.get_by_test_id("child-remembered").click()
    expect(page.get_by_role("heading", name="If Noor has died")).to_be_visible()
    expect(page.get_by_test_id("remembered-about")).to_contain_text("can be undone")
    s.shoot("tell")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_test_id("remembered")).to_be_visible()
    expect(page.get_by_role("heading", name="Noor", exact=True)).to_be_visible()
    expect(page.locator(".hello")).to_contain_text("died")
    expect(page.get_by_test_id("grief-support")).to_be_visible()
    expect(page.get_by_text("starts a timer")).to_have_count(0)
    expect(page.get_by_test_id("remembered-timers")).to_contain_text("Left running for Noor")
    expect(page.get_by_test_id("remembered-timer-remove")).to_be_visible()
    s.shoot("today")
    assert Child.objects.get(pk=twin.pk).died_on is not None

    # Home opens on the other twin; Noor is still a tap away.
    s.go("/children/")
    s.go(f"/?child={child.pk}")
    expect(page.get_by_role("heading", name="Mila", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Noor")).to_be_visible()

    s.go(f"/children/{twin.pk}/remembered/")
    expect(page.get_by_role("heading", name="In memory of Noor")).to_be_visible()
    s.shoot("change")
    page.get_by_test_id("remembered-undo").get_by_role("button", name="Undo").click()
    expect(page.get_by_role("status")).to_contain_text("as they were")
    assert Child.objects.get(pk=twin.pk).died_on is None


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_after_a_pregnancy_loss_her_page_and_the_support_page(screen, viewport):
    """The pregnancy's own page, and the support page, which speaks of her and her own
    health, not a baby's."""
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.journal.models import Moment

    s = screen(viewport, "remembered-loss")
    user, household, child = signed_in_with_baby(s, name="Bean")
    Child.objects.filter(pk=child.pk).update(
        birth_at=None, due_date=timezone.localdate() + timedelta(weeks=20),
        died_on=timezone.localdate())
    Moment.objects.create(household=household, child=child, kind="bump_talk",
                          started_at=timezone.now() - timedelta(days=1),
                          ended_at=timezone.now() - timedelta(days=1), actor=user,
                          created_by=user)
    page = s.page
    s.go("/")
    expect(page.get_by_test_id("remembered")).to_be_visible()
    expect(page.locator(".hello")).to_contain_text("Died in pregnancy at 20 weeks")
    s.shoot("page")
    s.go("/support/?from=checkin")
    expect(page.get_by_role("heading", name="If you are in danger right now")).to_be_visible()
    expect(page.get_by_role("heading", name="Your own health")).to_be_visible()
    expect(page.get_by_test_id("baby-health")).to_have_count(0)
    # Lines for parents after a loss (the UK's Sands, from the London time zone).
    expect(page.get_by_test_id("after-loss")).to_be_visible()
    s.shoot("support")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_after_a_loss_her_check_in_is_about_her(screen, viewport):
    """Every baby has died: the check-in asks nothing about a baby, and saves."""
    from django.utils import timezone

    from nestwell.wellbeing.models import CheckIn

    s = screen(viewport, "remembered-checkin")
    user, household, child = signed_in_with_baby(s, name="Ben")
    Child.objects.filter(pk=child.pk).update(died_on=timezone.localdate())
    page = s.page
    s.go("/you/check-in/")
    expect(page.get_by_text("Do you feel safe right now?", exact=True)).to_be_visible()
    expect(page.locator('input[name="connection"]')).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("your baby")
    s.shoot("form")
    for name, answer in (("mood", "Low"), ("support", "A little"), ("energy", "Empty"),
                         ("stress", "A lot")):
        page.locator(f'fieldset:has(input[name="{name}"])').get_by_text(
            answer, exact=True).click()
    page.get_by_text("Yes, I feel safe", exact=True).click()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_test_id("checkin").first).to_contain_text("Mood: low")
    assert CheckIn.objects.get(author=user).connection is None
