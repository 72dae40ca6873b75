"""The support page in her language and for another country, on a phone (issue 19,
item 6): the lines' own words translated, the emergency number first, the chosen country
kept for her next visit. Arabic right to left; screenshots looked at, light and dark."""

import json

import pytest
from playwright.sync_api import expect

from nestwell.wellbeing import crisis
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The country she picks, and one of its numbers that must lead the page.
CHOICE = {"fr": ("ES", "112"), "ar": ("FR", "15")}


@pytest.mark.parametrize("code, viewport", [("fr", "phone"), ("ar", "phone"),
                                            ("ar", "desktop")])
def test_she_reads_her_lines_in_her_language_and_picks_another_country(screen, code,
                                                                        viewport):
    words = json.loads(crisis.overlay_file(code).read_text(encoding="utf-8"))["countries"]
    other, first_number = CHOICE[code]
    s = screen(viewport, f"support-{code}")
    user, household, _child = signed_in_with_baby(s)
    user.language = code
    user.save()
    household.country = "GB"
    household.save()

    s.go("/support/")
    expect(s.page.locator("html")).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
    page = s.page.get_by_test_id("support-page")
    expect(page).to_contain_text(words["GB"]["lines"]["116 123"]["description"])
    expect(page).to_contain_text(words["GB"]["name"])
    s.shoot("home-country")

    picker = s.page.get_by_test_id("other-country")
    picker.locator("select").select_option(other)
    picker.locator("button").click()
    s.page.wait_for_load_state("networkidle")
    assert f"country={other}" in s.page.url
    expect(s.page.locator("a.call").first).to_have_attribute("href", f"tel:{first_number}")
    expect(page).to_contain_text(words[other]["name"])
    expect(page).to_contain_text(words[other]["emergency"][first_number]["description"])
    s.shoot("other-country")

    # Her next visit, from any link to the page: the country she chose.
    s.go("/support/")
    expect(s.page.locator("a.call").first).to_have_attribute("href", f"tel:{first_number}")
    expect(picker.locator("select")).to_have_value(other)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_signed_out_in_a_german_browser_every_number_fits_its_button(screen, viewport):
    """Not signed in, in German: the German lines, TelefonSeelsorge's second number as a
    button of its own, and every number inside its button on a small phone (it ran out of
    it: "TelefonSeelsorge 0800 111 0 111" is wider than a 390 px screen allows)."""
    s = screen(viewport, "support-de-signed-out", locale="de-DE")
    s.go("/support/")
    page = s.page.get_by_test_id("support-page")
    expect(page.locator('a[href="tel:08001110111"]')).to_be_visible()
    expect(page.locator('a[href="tel:08001110222"]')).to_be_visible()
    # Anna's walk: the pregnancy helpline and the parents' line, each a button.
    expect(page.locator('a[href="tel:08004040020"]')).to_be_visible()
    expect(page.locator('a[href="tel:08001110550"]')).to_be_visible()
    for button in page.locator(".line a.button").all():
        outer, number = button.bounding_box(), button.locator("strong").bounding_box()
        assert number["x"] >= outer["x"] - 0.5, button.inner_text()
        assert number["x"] + number["width"] <= outer["x"] + outer["width"] + 0.5, \
            button.inner_text()
    s.shoot("lines")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_in_cairo_her_people_read_left_to_right_and_no_country_is_picked_for_her(screen,
                                                                                 viewport):
    """An Arabic page for a household with no lines of its own (Egypt): her sister's number
    reads as she typed it, the directory is a link, and "another country" picks nothing
    (Spain, first in Arabic, was picked, and "Show" gave Spain's numbers)."""
    from nestwell.wellbeing.models import SupportContact

    s = screen(viewport, "support-cairo")
    user, household, _child = signed_in_with_baby(s)
    user.language = "ar"
    user.save()
    household.time_zone, household.country = "Asia/Tehran", ""  # no lines of its own yet
    household.save()
    SupportContact.objects.create(owner=user, household=household, name="أمل",
                                  role="trusted", phone="+20 100 123 4567", email="")
    s.go("/support/")
    number = s.page.get_by_text("+20 100 123 4567")
    expect(number).to_be_visible()
    expect(number).to_have_attribute("dir", "ltr")  # isolated: read as typed
    expect(s.page.get_by_test_id("directory").get_by_role("link")).to_have_attribute(
        "href", "https://findahelpline.com")
    picker = s.page.get_by_test_id("other-country").locator("select")
    expect(picker).to_have_value("")
    s.shoot("lines")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_in_mexico_city_she_is_offered_911_and_linea_de_la_vida(screen, viewport):
    """Lucía's support page offered 112 "across Europe" (issue found in a walkthrough):
    now Mexico's emergency number leads, then its national line, in Spanish."""
    words = json.loads(crisis.overlay_file("es").read_text(encoding="utf-8"))["countries"]
    s = screen(viewport, "support-mexico")
    user, household, _child = signed_in_with_baby(s)
    user.language = "es"
    user.save()
    household.time_zone, household.country = "America/Mexico_City", ""
    household.save()
    s.go("/support/")
    page = s.page.get_by_test_id("support-page")
    calls = s.page.locator("a.call")
    expect(calls.first).to_have_attribute("href", "tel:911")
    expect(s.page.locator('a[href="tel:8009112000"]')).to_be_visible()
    expect(page).to_contain_text(words["MX"]["lines"]["800 911 2000"]["description"])
    expect(page).not_to_contain_text("Europa")
    s.shoot("support")
