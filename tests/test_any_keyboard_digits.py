"""Numbers typed on any keyboard. A browser's number field drops digits it does not know:
an Arabic keyboard's "٢" arrives as nothing, and what she typed is lost without a word
(on the paper questionnaire, the safety score was lost so, and support never opened). So
no page has one: numbers are text fields that open the digits keypad, read whatever the
script of their digits."""

import re

import pytest

from tests.test_authorization import ROUTES, objects, url_for  # noqa: F401 (fixture)

GET_PAGES = [pytest.param(name, obj, id=name) for name, (_who, obj, methods) in ROUTES.items()
             if "GET" in methods]


@pytest.mark.parametrize(("name", "obj"), GET_PAGES)
def test_no_page_has_a_number_field(client_for, alice, objects, name, obj):  # noqa: F811
    response = client_for(alice).get(url_for(name, objects[obj]))
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    found = re.findall(r'<input[^>]*type="number"[^>]*>', response.content.decode())
    assert not found, found


def test_an_amount_typed_in_arabic_digits_is_kept(client_for, alice, nora):
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.journal.models import Moment
    from tests.journal.test_moment_form import london

    client = client_for(alice)
    url = f"/moments/new/feeding/?child={nora.pk}"
    page = client.get(url).content.decode()
    assert 'name="amount_ml"' in page and 'type="number"' not in page
    # The keypad with a decimal mark: a feed of half millilitres is typed "37,5".
    assert re.search(r'<input type="text" name="amount_ml"[^>]*inputmode="decimal"', page)
    start = timezone.now() - timedelta(hours=2)
    client.post(url, {"child": nora.pk, "started_at": london(start), "actor": alice.pk,
                      "ended_at": london(start + timedelta(minutes=10)), "method": "bottle",
                      "amount_ml": "١٢٠"})
    assert Moment.objects.get().details["amount_ml"] == 120


def test_sleep_hours_take_the_arabic_decimal_mark(client_for, alice, nora):
    from nestwell.wellbeing.models import CheckIn
    from tests.wellbeing.test_checkin import answers

    client_for(alice).post("/you/check-in/", answers(sleep_hours="٥٫٥"))
    assert str(CheckIn.objects.get().sleep_hours) == "5.5"


@pytest.mark.parametrize("language", ["fr", "de", "ar"])
@pytest.mark.parametrize(("name", "obj"), GET_PAGES)
def test_every_date_picker_holds_its_date_in_any_language(client_for, alice, objects,  # noqa: F811
                                                          name, obj, language):
    """A date picker reads only 2026-02-26: in French the keepsake's dates were written
    26/02/2026, the pickers showed nothing, and saving asked for dates she never touched."""
    alice.language = language
    alice.save(update_fields=["language"])
    response = client_for(alice).get(url_for(name, objects[obj]))
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    for tag in re.findall(r'<input[^>]*type="date"[^>]*>', response.content.decode()):
        value = re.search(r'value="([^"]*)"', tag)
        assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[1]), tag
