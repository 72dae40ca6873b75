"""Her main screens on a 360 px phone with every message a third longer and accented
(the pseudo-language of tests/i18n): a longer language must not push the page sideways or
hide what she taps (issue 19, item 7)."""

import pytest

from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_small_screens import WIDER_THAN_THE_SCREEN
from tests.i18n.pseudo import CODE, pseudo_language

# How the page lays out does not depend on the database: CI runs these on SQLite only.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.database_independent]

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


def test_the_import_report_in_a_longer_language_stays_within_a_small_phone(screen, tmp_path):
    """The check of a file with refused rows and warnings (issue 19, item 1)."""
    from datetime import UTC, datetime

    from nestwell.children.models import Child
    from tests.i18n.test_pseudo_import import FINE, REFUSED, csv_file

    s = screen("narrow", "pseudo")
    user, household, child = signed_in_with_baby(s)
    Child.objects.filter(pk=child.pk).update(birth_at=datetime(2025, 1, 1, tzinfo=UTC))
    user.language = CODE
    user.save()
    feeds = tmp_path / "feedings.csv"
    feeds.write_bytes(csv_file(*FINE, *REFUSED).replace(b"Nora", child.name.encode()))
    with pseudo_language():
        s.go("/household/data/")
        s.page.locator("#id_file").set_input_files(str(feeds))
        s.page.locator("#id_format").select_option("babybuddy-csv")
        s.page.locator("form[action$='/import/'] button[type=submit]").click()
        s.page.get_by_test_id("import-report").wait_for()
        size = s.page.evaluate(WIDER_THAN_THE_SCREEN)
        s.shoot("import-check", both_schemes=True)
    assert size["page"] <= size["screen"]
