"""Medicines in a browser: adding a daily supplement and a spaced medicine with the
schedule from the label, "Given now" from Today and from the medicines page, the next time
the schedule allows, editing a dose; phone and desktop, light and dark."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.medicines.models import Dose, Medicine
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_medicines_from_the_label_to_given_now(screen, viewport):
    s = screen(viewport, "medicines", timezone_id="Europe/London")
    _user, household, child = signed_in_with_baby(s, name="Wren")
    page = s.page
    s.go("/")
    page.get_by_role("link", name="Medicines").click()
    expect(page.get_by_role("heading", name="Wren's medicines and supplements")).to_be_visible()
    expect(page.get_by_test_id("not-advice")).to_contain_text("never suggests a dose")
    s.shoot("empty")

    page.get_by_test_id("add-medicine").click()
    page.get_by_label("Name, as on the label").fill("Vitamin D")
    page.get_by_label("Usual dose (if you like)").fill("0.5")
    page.get_by_label("Unit").select_option("ml")
    page.get_by_label("Once a day, at a time").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Give the time of day it is usually given")).to_be_visible()
    s.shoot("form-error")
    page.get_by_label("Once a day: usually at").fill("08:00")
    page.get_by_label("Remind me").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Vitamin D added")

    page.get_by_test_id("add-medicine").click()
    page.get_by_label("Name, as on the label").fill("Infant paracetamol")
    page.get_by_label("Usual dose (if you like)").fill("2.5")
    page.get_by_label("Unit").select_option("ml")
    page.get_by_label("No sooner than a number of hours apart").check()
    page.get_by_label("Hours apart: no sooner than").fill("4")
    s.shoot("form")
    page.get_by_label("Hours apart: at most this many doses in 24 hours").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("medicine")).to_have_count(2)
    paracetamol = Medicine.objects.get(name="Infant paracetamol")
    Dose.objects.create(household=household, child=child, medicine=paracetamol,
                        given_at=timezone.now() - timedelta(hours=1), amount="2.5",
                        unit="ml")
    s.go(f"/care-day/medicines/?child={child.pk}")
    expect(page.get_by_test_id("next-dose")).to_contain_text("Next dose not before")
    s.shoot("list")

    # One tap from Today for the daily supplement.
    s.go("/")
    today = page.get_by_test_id("medicines-today")
    expect(today).to_contain_text("not yet today")
    # The paracetamol given an hour ago is on Today too, with its next time (Ben's walk).
    expect(today.get_by_role("heading")).to_have_text("Medicines today")
    expect(today.get_by_test_id("medicine").filter(has_text="Infant paracetamol")
           ).to_contain_text("Next dose not before")
    today.get_by_test_id("medicine").filter(has_text="Vitamin D").get_by_test_id(
        "give-now").click()
    expect(page.get_by_role("status")).to_contain_text("Vitamin D for Wren kept at")
    expect(page.get_by_test_id("medicines-today")).to_contain_text("given today")
    page.get_by_test_id("medicines-today").scroll_into_view_if_needed()
    s.shoot("today")

    # Sooner than her schedule: asked first, then kept with a calm word.
    s.go(f"/care-day/medicines/?child={child.pk}")
    page.get_by_test_id("medicine").filter(has_text="Infant paracetamol").get_by_test_id(
        "give-now").click()
    expect(page.get_by_test_id("give-again")).to_contain_text("next dose not before")
    assert Dose.objects.filter(medicine=paracetamol).count() == 1
    s.shoot("ask-first")
    page.get_by_test_id("give-again-yes").click()
    expect(page.get_by_text("sooner than the schedule you entered")).to_be_visible()
    assert Dose.objects.filter(medicine=paracetamol).count() == 2
    s.shoot("sooner")

    page.get_by_role("link", name="Edit Gave Infant paracetamol").first.click()
    expect(page.get_by_role("heading", name="Infant paracetamol")).to_be_visible()
    s.shoot("dose-edit")
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete this for good?")).to_be_visible()
    s.shoot("dose-delete-question")
    page.get_by_test_id("delete-yes").click()
    expect(page.get_by_role("status")).to_contain_text("Dose removed")

    s.go(f"/insights/?child={child.pk}")
    expect(page.get_by_test_id("glance-medicine")).to_have_count(2)
    s.shoot("glance")

    # At night: the same medicines on the night screen, a dose in one tap, and back.
    s.go(f"/night/?child={child.pk}")
    night = page.get_by_test_id("night-medicines")
    expect(night.get_by_test_id("medicine")).to_have_count(2)
    night.get_by_test_id("medicine").filter(has_text="Vitamin D").get_by_test_id(
        "give-now").click()
    expect(page.get_by_test_id("give-again")).to_contain_text("given today already")
    expect(page.locator("html")).to_have_attribute("data-theme", "night")
    s.shoot("night-ask-first", both_schemes=False)
    page.get_by_test_id("not-again").click()
    page.wait_for_url("**/night/**")
    Dose.objects.filter(medicine=paracetamol).update(
        given_at=timezone.now() - timedelta(hours=5))
    s.go(f"/night/?child={child.pk}")
    night = page.get_by_test_id("night-medicines")
    night.scroll_into_view_if_needed()
    s.shoot("night", both_schemes=False)
    night.get_by_test_id("medicine").filter(has_text="Infant paracetamol").get_by_test_id(
        "give-now").click()
    page.wait_for_url("**/night/")
    expect(page.get_by_role("status")).to_contain_text("Infant paracetamol for Wren kept at")
    expect(page.get_by_test_id("night-medicines").get_by_test_id("medicine").filter(
        has_text="Infant paracetamol").get_by_test_id("next-dose")).to_contain_text(
        "Next dose not before")
    assert Dose.objects.filter(medicine=paracetamol).count() == 2


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_same_drops_for_twins_in_one_form(screen, viewport):
    """Bisi's triplets: the same drops, added once for each baby ticked."""
    from tests.browser.helpers import twin_of

    s = screen(viewport, "medicines-twins", timezone_id="Europe/London")
    _user, _household, child = signed_in_with_baby(s, name="Tolu")
    twin_of(child, "Kemi")
    twin_of(child, "Dayo")
    page = s.page
    s.go(f"/care-day/medicines/new/?child={child.pk}")
    page.get_by_label("Name, as on the label").fill("Vitamin D")
    page.get_by_label("Once a day, at a time").check()
    page.get_by_label("Once a day: usually at").fill("09:00")
    group = page.get_by_role("group", name="Also for")
    group.get_by_label("Kemi").check()
    group.get_by_label("Dayo").check()
    s.shoot("form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Vitamin D added for Tolu, Kemi, Dayo")
    assert Medicine.objects.filter(name="Vitamin D").count() == 3


def test_a_dose_note_of_harm_asked_about_first_opens_support(screen):
    """Ben's walk: a dose of a reflux medicine given a minute after another is asked about
    first ("Keep this dose as well?"); his note of harm was kept after "Yes" and no
    support page opened. The question's page now opens it first, and the dose kept
    after "Back to my form" and "Yes" opens it again."""
    from nestwell.medicines import services

    s = screen("phone", "dose-harm")
    user, _household, child = signed_in_with_baby(s, name="Maisie")
    medicine = services.add_medicine(child=child, user=user, name="Infant Gaviscon",
                                     dose="1", unit="sachet", form="liquid",
                                     schedule="spaced", min_hours="3", most_per_day=6)
    services.give(medicine=medicine, user=user,
                  given_at=timezone.now() - timedelta(minutes=1))
    page = s.page
    s.go(f"/care-day/medicines/?child={child.pk}")
    page.get_by_text("A dose from earlier, or another amount").click()
    page.get_by_label("Medicine").select_option(str(medicine.pk))
    page.get_by_label("A note for later").fill("felt like shaking her when she wouldnt stop")
    page.get_by_role("button", name="Keep it").click()
    back = page.get_by_role("button", name="Back to my form")
    expect(back).to_be_visible()
    back.click()
    page.get_by_test_id("keep-anyway").click()
    page.wait_for_url("**/support/?from=note")
    expect(page.get_by_test_id("support-page")).to_be_visible()
    assert Dose.objects.filter(note__startswith="felt like shaking").count() == 1
