"""Her main screens on a 360 px phone with every message a third longer and accented
(the pseudo-language of tests/i18n): a longer language must not push the page sideways or
hide what she taps (issue 19, item 7)."""

import pytest

from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_small_screens import WIDER_THAN_THE_SCREEN
from tests.i18n.pseudo import CODE, pseudo_language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/timeline/", "/night/", "/you/", "/you/check-in/", "/support/",
         "/household/", "/care-day/nappies/", "/milk/store/", "/care-day/medicines/",
         "/insights/"]


def test_a_longer_language_keeps_every_screen_within_a_small_phone(screen):
    s = screen("narrow", "pseudo")
    user, household, _child = signed_in_with_baby(s)
    user.language = CODE
    user.save()
    household.country = "GB"
    household.save()
    wide = {}
    with pseudo_language():
        for path in PAGES:
            s.go(path)
            size = s.page.evaluate(WIDER_THAN_THE_SCREEN)
            if size["page"] > size["screen"]:
                wide[path] = size
            if path in ("/", "/you/check-in/", "/support/", "/care-day/nappies/"):
                s.shoot(path.strip("/").replace("/", "-") or "today", both_schemes=False)
    assert wide == {}
