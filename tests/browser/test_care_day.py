"""The care day in a browser: a nappy in one tap from Today, the colour card, the days
against what is usual, and a temperature with its calm message; phone and desktop, light
and dark."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.health.models import Nappy, Temperature
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_small_screens import BROKEN_WORDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_nappies_from_today_to_the_colour_card(screen, viewport):
    s = screen(viewport, "care-day", timezone_id="Europe/London")
    _user, household, child = signed_in_with_baby(s, name="Wren")
    child.birth_at = timezone.now() - timedelta(days=9)
    child.save()
    yesterday = timezone.now() - timedelta(days=1)
    for i, kind in enumerate(["wet", "wet", "both", "wet", "dirty"]):  # fewer than usual
        Nappy.objects.create(household=household, child=child, kind=kind,
                             changed_at=yesterday.replace(hour=2 + 3 * i))
    page = s.page
    s.go("/")
    page.get_by_test_id("nappy-wet").click()
    expect(page.get_by_role("status")).to_contain_text("Wet nappy kept")
    expect(page.get_by_test_id("nappy-count")).to_contain_text("1 nappy (1 wet, 0 dirty)")
    s.shoot("today")

    page.get_by_role("link", name="Colour card and days").click()
    expect(page.get_by_role("heading", name="Wren's nappies")).to_be_visible()
    expect(page.get_by_test_id("worth-mentioning")).to_have_count(1)
    page.get_by_text("The poo colour card").click()
    expect(page.get_by_test_id("stool-card")).to_contain_text("call today")
    s.shoot("nappies")

    page.get_by_text("With colour and texture, or from earlier").click()
    page.get_by_label("Wet and dirty", exact=True).check()
    page.get_by_label("Pale, chalky or clay-like", exact=True).check()
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()
    expect(page.get_by_text("worth a call to your midwife")).to_be_visible()
    assert Nappy.objects.filter(child=child, colour="pale").count() == 1
    s.shoot("pale")

    page.get_by_role("link", name="Edit Nappy: wet and dirty").first.click()
    expect(page.get_by_role("heading", name="Wet and dirty nappy")).to_be_visible()
    s.shoot("edit")

    s.go(f"/insights/?child={child.pk}")
    expect(page.get_by_test_id("dashboard-nappies")).to_contain_text("Nappies per day")
    s.shoot("dashboard")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_temperature_with_the_calm_message(screen, viewport):
    s = screen(viewport, "care-day", timezone_id="Europe/London")
    _user, _household, child = signed_in_with_baby(s, name="Wren")
    page = s.page
    s.go("/")
    page.get_by_role("link", name="Temperature").click()
    expect(page.get_by_role("heading", name="Wren's temperature")).to_be_visible()
    s.shoot("temperature-empty")
    page.get_by_label("Temperature", exact=True).fill("100.6")
    page.get_by_text("°F", exact=True).click()
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_test_id("fever-call-now")).to_be_visible()
    assert str(Temperature.objects.get(child=child).celsius) == "38.11"  # reads back 100.6
    s.shoot("temperature-fever")
    # Under 36 °C: the same card, its own words, the warming first.
    page.get_by_text("Keep a temperature").click()  # folded once one is kept
    page.get_by_label("Temperature", exact=True).fill("35.4")
    page.get_by_text("°C", exact=True).click()
    page.get_by_role("button", name="Keep it").click()
    low = page.get_by_test_id("fever-low")
    expect(low).to_contain_text("is low: please call for advice now")
    expect(low).to_contain_text("warm against your skin")
    s.shoot("temperature-low")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_nappy_from_the_night_screen(screen, viewport):
    s = screen(viewport, "care-day", timezone_id="Europe/London")
    _user, _household, child = signed_in_with_baby(s, name="Wren")
    page = s.page
    s.go(f"/night/?child={child.pk}")
    page.get_by_test_id("nappy-wet").click()
    expect(page.get_by_test_id("night")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Wet nappy kept")
    assert Nappy.objects.filter(child=child, kind="wet").count() == 1
    s.shoot("night")


@pytest.mark.parametrize("language", ["ar", "de"])
def test_the_nappy_table_breaks_no_word_on_a_phone(screen, language):
    """With "anywhere" the table shrank its columns to a letter: "مبلّ|ل" in Arabic."""
    from nestwell.accounts.models import User

    s = screen("phone", f"nappies-{language}", timezone_id="Europe/London")
    user, household, child = signed_in_with_baby(s, name="Wren")
    User.objects.filter(pk=user.pk).update(language=language)
    child.birth_at = timezone.now() - timedelta(days=9)
    child.save()
    Nappy.objects.create(household=household, child=child, kind="both",
                         changed_at=timezone.now() - timedelta(hours=2))
    s.go(f"/care-day/nappies/?child={child.pk}")
    expect(s.page.locator("table.nappy-days")).to_be_visible()
    assert s.page.evaluate(BROKEN_WORDS, "table.nappy-days thead th") == []
    # Nor the day of life under each day ("Lebenst|ag 10").
    assert s.page.evaluate(BROKEN_WORDS, "table.nappy-days .day-of-life") == []
    s.page.locator("table.nappy-days").scroll_into_view_if_needed()
    s.shoot("table", both_schemes=False)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_nappy_tapped_by_mistake_is_undone_in_one_more_tap(screen, viewport):
    s = screen(viewport, "nappy-undo")
    _user, _household, child = signed_in_with_baby(s)
    s.go("/")
    s.page.get_by_test_id("nappy-wet").click()
    toast = s.page.get_by_test_id("undo")
    expect(toast).to_contain_text("Wet nappy kept for Mila.")
    s.shoot("toast")
    toast.get_by_role("button", name="Undo").click()
    expect(s.page.get_by_text("Taken back.")).to_be_visible()
    assert not Nappy.objects.filter(child=child).exists()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_red_stool_brings_the_call_today_message(screen, viewport):
    """Red and black (after the first days) are on the card and in the form, each with the
    same calm call as a pale one; the card Today shows it outside the fold."""
    s = screen(viewport, "care-day-red", timezone_id="Europe/London")
    _user, _household, child = signed_in_with_baby(s, name="Wren")
    page = s.page
    s.go(f"/care-day/nappies/?child={child.pk}")
    page.get_by_text("The poo colour card").click()
    card = page.get_by_test_id("stool-card")
    expect(card).to_contain_text("Red, or with blood in it")
    expect(card).to_contain_text("Black, after the first days")
    s.shoot("card")
    page.get_by_text("With colour and texture, or from earlier").click()
    page.get_by_label("Dirty", exact=True).check()
    page.get_by_label("Red, or with blood in it", exact=True).check()
    s.shoot("form")
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_text("blood in the nappy, or a black poo")).to_be_visible()
    assert Nappy.objects.get(child=child).colour == "red"
    s.shoot("kept")
    s.go("/")
    expect(page.get_by_test_id("handover-blood")).to_contain_text("It may be blood")
    s.shoot("today")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_same_nappy_for_triplets_in_one_form(screen, viewport):
    """Bisi's triplets changed one after the other: "Also for" keeps the same nappy for
    the babies ticked; the note says who reads it."""
    from tests.browser.conftest import axe_violations
    from tests.browser.helpers import twin_of

    s = screen(viewport, "nappy-also-for", timezone_id="Europe/London")
    _user, _household, tolu = signed_in_with_baby(s, name="Tolu")
    twin_of(tolu, name="Kemi")
    twin_of(tolu, name="Dayo")
    page = s.page
    s.go(f"/care-day/nappies/?child={tolu.pk}")
    page.get_by_text("With colour and texture, or from earlier").click()
    page.get_by_label("Wet", exact=True).check()
    page.get_by_label("Kemi").check()
    page.get_by_label("Dayo").check()
    expect(page.get_by_text("Everyone in your household can read it.")).to_be_visible()
    assert not axe_violations(page)
    s.shoot("form")
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_role("status")).to_contain_text("Wet nappy kept for Tolu, Kemi, Dayo.")
    assert sorted(Nappy.objects.values_list("child__name", flat=True)) == [
        "Dayo", "Kemi", "Tolu"]
