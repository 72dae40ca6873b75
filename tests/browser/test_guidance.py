"""A suggestion on the home screen leads to a short read; "Not now" puts it away. The
short reads in French and in Arabic (right to left) on a phone (issue 19)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_small_screens import WIDER_THAN_THE_SCREEN

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_suggestion_and_its_article(screen, viewport):
    s = screen(viewport, "guidance")
    signed_in_with_baby(s)
    page = s.page
    s.go("/")
    expect(page.get_by_test_id("suggestions")).to_be_visible()
    s.shoot("home-card")
    page.get_by_role("link", name="Skin-to-skin, from the first hour on").click()
    expect(page.get_by_test_id("not-advice")).to_be_visible()
    s.shoot("article")
    s.go("/")
    card = page.locator('[data-code="skin"]')
    card.get_by_role("button", name="Not now").click()
    expect(page.locator('[data-code="skin"]')).to_have_count(0)
    s.go("/guidance/")
    expect(page.get_by_test_id("article-link").first).to_be_visible()
    s.shoot("list")


# The title of one article and a line of the list in each language, to know which files
# were read.
IN_HER_LANGUAGE = {
    "fr": ("Quand les pleurs n’en finissent pas", "Le peau à peau, dès la première heure"),
    "ar": ("حين يطول البكاء ويطول", "تلامس الجلد بالجلد، من الساعة الأولى"),
}


@pytest.mark.parametrize("code", ["ar", "fr"])
def test_the_short_reads_in_her_language_on_a_phone(screen, code):
    s = screen("phone", f"guidance-{code}")
    user, _household, _child = signed_in_with_baby(s)
    user.language = code
    user.save()
    crying, skin = IN_HER_LANGUAGE[code]
    page = s.page
    s.go("/guidance/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
    expect(page.get_by_role("link", name=skin)).to_be_visible()
    s.shoot("list")
    page.get_by_role("link", name=crying).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(crying)
    expect(page.locator("article")).not_to_have_attribute("lang", "en")
    s.shoot("article")
    size = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert size["page"] <= size["screen"], size
