"""A PHQ-9 on a phone, one question per screen; item 9 answered leads to support."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.wellbeing.models import ScreeningResponse
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWERS = ["Several days", "Several days", "More than half the days", "Not at all",
           "Several days", "Not at all", "Not at all", "Not at all", "Several days"]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_phq9_with_item_9_reaches_the_support_page(screen, viewport):
    s = screen(viewport, "phq9")
    signed_in_with_baby(s)
    page = s.page
    s.go("/you/")
    page.get_by_role("link", name="Mood over the last two weeks (PHQ-9)").click()
    expect(page.get_by_text("This is a screening, not a diagnosis.")).to_be_visible()
    s.shoot("intro")
    page.get_by_role("button", name="Begin").click()
    for number, label in enumerate(ANSWERS, start=1):
        expect(page.get_by_text(f"question {number} of 9")).to_be_visible()
        if number == 3:
            # change of mind: back, then forward again, the answer is still there
            page.get_by_label("Several days").check()
            page.get_by_role("button", name="Back").click()
            expect(page.get_by_text("question 2 of 9")).to_be_visible()
            expect(page.get_by_label("Several days")).to_be_checked()
            page.get_by_role("button", name="Next").click()
            expect(page.get_by_text("question 3 of 9")).to_be_visible()
        if number == 2:
            s.shoot("item")
        page.get_by_label(label, exact=True).check()
        page.get_by_role("button", name="Finish" if number == 9 else "Next").click()
    expect(page.get_by_test_id("support-page")).to_be_visible()
    expect(page.get_by_role("heading", name="You are not alone")).to_be_visible()
    s.shoot("support")
    saved = ScreeningResponse.objects.get()
    assert saved.safety == [9] and saved.total == 6
    page.get_by_role("link", name="See the summary of your answers").click()
    expect(page.get_by_test_id("safety-note")).to_be_visible()
    expect(page.get_by_test_id("total")).to_have_text("6")
    # A mild total never reassures next to an answer about harm, nor suggests waiting.
    expect(page.get_by_text("one answer matters more than any number")).to_be_visible()
    expect(page.get_by_test_id("remind-repeat")).to_have_count(0)
    s.shoot("result")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_maas_in_pregnancy_walks_through_and_explains_without_a_grade(screen, viewport):
    s = screen(viewport, "maas")
    user, household, child = signed_in_with_baby(s, name="Bump")
    child.birth_at = None
    child.due_date = timezone.localdate() + timedelta(weeks=10)
    child.save()
    page = s.page
    s.go("/you/")
    page.get_by_role("link", name="Feelings about your baby before birth (MAAS)").click()
    expect(page.get_by_text("CC BY 3.0 AU").first).to_be_visible()
    s.shoot("intro")
    page.get_by_role("button", name="Begin").click()
    for number in range(1, 20):
        expect(page.get_by_text(f"question {number} of 19")).to_be_visible()
        if number == 12:
            s.shoot("item-12")
        page.locator('input[name="choice"]').nth(1).check()
        page.get_by_role("button", name="Finish" if number == 19 else "Next").click()
    expect(page.get_by_test_id("total")).to_be_visible()
    expect(page.get_by_text("no pass mark")).to_be_visible()
    s.shoot("result")
    saved = ScreeningResponse.objects.get()
    assert saved.instrument == "maas" and saved.safety == []
    assert saved.answers == [1] * 19


FRENCH = ["Plusieurs jours", "Jamais", "Plus de la moitié du temps", "Jamais", "Jamais",
          "Jamais", "Jamais", "Presque tous les jours", "Plusieurs jours"]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_phq9_in_french_is_in_the_french_for_france_wording_and_reaches_support(screen,
                                                                                 viewport):
    from nestwell.wellbeing.instruments import load

    s = screen(viewport, "phq9-fr")
    user, _household, _child = signed_in_with_baby(s)
    user.language = "fr"
    user.save()
    french = load("phq9", language="fr")
    page = s.page
    s.go("/you/questionnaires/phq9/")
    expect(page.get_by_test_id("translation-notice")).to_be_visible()
    expect(page.get_by_test_id("translation-source")).to_contain_text(
        "PHQ-9, French for France (Pfizer)")
    expect(page.get_by_text("La reproduction, la traduction")).to_be_visible()
    s.shoot("intro")
    page.locator('button[name="go"][value="start"]').click()
    for number, label in enumerate(FRENCH, start=1):
        item = french.items[number - 1]
        expect(page.get_by_test_id("item-text")).to_have_text(item.text)
        expect(page.locator("legend")).to_have_attribute("lang", "fr")
        if number in (6, 9):
            s.shoot(f"item-{number}")
        page.get_by_label(label, exact=True).check()
        page.locator('button[name="go"][value="next"]').click()
    expect(page.get_by_test_id("support-page")).to_be_visible()
    s.shoot("support", both_schemes=False)
    saved = ScreeningResponse.objects.get()
    # the same key as in English: 1 + 2 + 3 + 1 = 7, and question 9 flagged
    assert saved.safety == [9] and saved.total == 7 and saved.band == "mild"
