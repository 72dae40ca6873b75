"""Nestwell in French, German, Spanish and Arabic on a phone (issue 19, item 8): the main
screens in each language (screenshots looked at), none pushed sideways by longer words,
Arabic right to left, and the PHQ-9 safety path reaching the support page in every one."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from nestwell.wellbeing.instruments import languages, load
from nestwell.wellbeing.models import ScreeningResponse
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_small_screens import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The translations; US English, a variant of the code's own English, is toured below.
LANGUAGES = [code for code, _name in settings.LANGUAGES if not code.startswith("en")]
SCREENS = [("/", "today"), ("/timeline/", "timeline"), ("/you/", "you"),
           ("/you/check-in/", "checkin"), ("/support/", "support"),
           ("/care-day/nappies/", "nappies"), ("/insights/", "insights")]
# A word every page shows in that language, to know the catalogue was used.
SUPPORT_BUTTON = {"fr": "Besoin", "de": "Unterstützung", "es": "apoyo", "ar": "دعم"}


def test_every_language_on_offer_is_toured():
    assert set(LANGUAGES) == {"fr", "de", "es", "ar"}
    assert {code for code, _name in settings.LANGUAGES} == {*LANGUAGES, "en", "en-us"}


def test_an_american_phone_reads_diapers_and_percentiles(screen):
    """A phone set to US English gets the American words, unasked: diapers, a crib, the
    baby's doctor; a British one keeps nappies (every other browser test)."""
    s = screen("phone", "lang-en-us", locale="en-US")
    _user, household, _child = signed_in_with_baby(s)
    household.country = "US"
    household.save()
    for path, name, words in (("/", "today", "Talking"),
                              ("/care-day/nappies/", "nappies", "The poop color card"),
                              ("/growth/", "growth", "percentile"),
                              ("/guidance/when-crying-goes-on/", "crying-read",
                               "far fewer wet diapers")):
        s.go(path)
        expect(s.page.locator("html")).to_have_attribute("lang", "en-us")
        expect(s.page.locator("main")).to_contain_text(words)
        text = s.page.locator("main").inner_text().lower()
        assert not [w for w in ("nappy", "nappies", "health visitor", "colour", "centile ")
                    if w in text], path
        s.shoot(name, both_schemes=name == "nappies")


@pytest.mark.parametrize("code", LANGUAGES)
def test_her_main_screens_in_her_language(screen, code):
    s = screen("phone", f"lang-{code}")
    user, household, _child = signed_in_with_baby(s)
    user.language = code
    user.save()
    household.country = "GB"
    household.save()
    wide = {}
    for path, name in SCREENS:
        s.go(path)
        html = s.page.locator("html")
        expect(html).to_have_attribute("lang", code)
        expect(html).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
        size = s.page.evaluate(WIDER_THAN_THE_SCREEN)
        if size["page"] > size["screen"]:
            wide[path] = size
        s.shoot(name, both_schemes=name in ("today", "support"))
    expect(s.page.locator("body")).to_contain_text(SUPPORT_BUTTON[code], ignore_case=True)
    assert wide == {}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_phq9_safety_path_reaches_support_in_her_language(screen, code):
    # In her language when a validated translation exists (French), else in English with
    # a kind notice; question 9 reaches support either way (issue 19, item 5).
    translated = code in languages("phq9")
    s = screen("phone", f"lang-{code}-phq9")
    user, _household, _child = signed_in_with_baby(s)
    user.language = code
    user.save()
    s.go("/you/questionnaires/phq9/")
    notice = "translation-notice" if translated else "wording-notice"
    expect(s.page.get_by_test_id(notice)).to_be_visible()
    s.shoot("phq9-intro", both_schemes=False)
    s.page.locator('button[name="go"][value="start"]').click()
    wording = code if translated else "en"
    expect(s.page.locator("legend")).to_have_attribute("lang", wording)
    expect(s.page.locator("legend")).to_have_attribute("dir", "ltr")
    english = load("phq9")
    shown = load("phq9", language=code)
    for number in range(9):
        expect(s.page.locator('input[name="step"]')).to_have_value(str(number))
        expect(s.page.get_by_test_id("item-text")).to_have_text(shown.items[number].text)
        expect(s.page.locator(".options label").nth(1)).to_contain_text(
            shown.items[number].options[1].label)
        if number == 8:
            s.shoot("phq9-item-9", both_schemes=True)
        s.page.locator('input[name="choice"][value="1"]').check()
        s.page.locator('button[name="go"][value="next"]').click()
    assert (shown.items[8].text != english.items[8].text) == translated
    expect(s.page.get_by_test_id("support-page")).to_be_visible()
    s.shoot("support", both_schemes=False)
    assert ScreeningResponse.objects.get().safety == [9]


BROKEN_WORDS = """
() => [...document.querySelectorAll('.quick-grid .tile')].flatMap(tile => {
  const text = [...tile.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
  if (!text) return [];
  const broken = [];
  for (const m of text.textContent.matchAll(/[^\\s\\-‐/·]+/g)) {
    const range = document.createRange();
    range.setStart(text, m.index);
    range.setEnd(text, m.index + m[0].length);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) broken.push(m[0]);
  }
  return broken;
})
"""


@pytest.mark.parametrize("code", ["de", "fr"])
def test_no_word_on_todays_tiles_is_broken_in_the_middle(screen, code):
    """Lena: "Hautkontakt" broke as "Hautkontak / t" on a phone's tile."""
    s = screen("phone", f"lang-{code}-tiles")
    user, _household, _child = signed_in_with_baby(s)
    user.language = code
    user.save()
    s.go("/")
    expect(s.page.locator(".quick-grid .tile").first).to_be_visible()
    assert s.page.evaluate(BROKEN_WORDS) == []
    s.shoot("today", both_schemes=False)
