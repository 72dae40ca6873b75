"""Spanish times put into a translated line (Sofía's walk, Mexico City): one o'clock takes
"la", and "p. m." ends a sentence with one period."""

import pytest
from django.http import HttpResponse, JsonResponse

from nestwell.spanish import typeset, typeset_page
from nestwell.typography import Typesetting


@pytest.mark.parametrize(("made", "read"), [
    ("Llanto desde las 1:34\u00a0a.\u00a0m.", "Llanto desde la 1:34\u00a0a.\u00a0m."),
    ("Las 01:05, las 11:30 y las 21:00", "La 01:05, las 11:30 y las 21:00"),
    ("entre las 10:00 p. m. y las 6:00 a. m..", "entre las 10:00 p. m. y las 6:00 a. m."),
    ("a las 13:40. Más tarde", "a las 13:40. Más tarde"),
    ("todas las 12 tomas", "todas las 12 tomas"),
    ("Toma · desde las lun 9 nov, 6:09 p. m.", "Toma · desde el lun 9 nov, 6:09 p. m."),
    ("Desde las mié 9 Dic", "Desde el mié 9 Dic"),
    ("las martas", "las martas"),
    ("hasta las 7 p. m... y luego", "hasta las 7 p. m... y luego"),
])
def test_typeset(made, read):
    assert typeset(made) == read


def test_only_spanish_pages_are_typeset():
    def answer(language, response):
        response["Content-Language"] = language
        return Typesetting(lambda request: response)(None)

    spanish = answer("es", HttpResponse("<p>desde las 1:34 p. m..</p>"))
    assert spanish.content.decode() == "<p>desde la 1:34 p. m.</p>"
    assert answer("fr", HttpResponse("<p>las 1:34</p>")).content == b"<p>las 1:34</p>"
    data = answer("es", JsonResponse({"note": "las 1:34"}))
    assert b"las 1:34" in data.content


def test_a_time_in_an_element_of_its_own_ends_a_sentence_with_one_period():
    """The note of 7 Dec: "a las <time>8:58 a. m.</time>." read "a. m.." all the same."""
    assert typeset_page("<p>Oído a las <time>8:58\u00a0a.\u00a0m.</time>. Nada más</p>") == (
        "<p>Oído a las <time>8:58\u00a0a.\u00a0m.</time> Nada más</p>")
    assert typeset_page("<p>a las <b>7:00 p. m.</b>... y luego</p>") == (
        "<p>a las <b>7:00 p. m.</b>... y luego</p>")  # an ellipsis stays
    assert typeset_page('<p>a las <b>13:00</b>. Y <i dir="auto">mi nota 7 p. m.</i>.</p>') == (
        '<p>a las <b>13:00</b>. Y <i dir="auto">mi nota 7 p. m.</i>.</p>')  # hers
    # A line that begins with a period is not the end of the line before it.
    for page in ("<li>a las <b>7:00 p. m.</b></li><li>.5</li>",
                 "<td>7:00 p. m.</td><td>.5</td>", "<p>7:00 p. m.<br>.5</p>"):
        assert typeset_page(page) == page


def test_what_she_typed_is_left_as_she_typed_it():
    """A note in a text box, an input's value and the fields the support page carries
    back are never changed (saved again, her note would have changed: the review)."""
    page = ('<p>desde las 1:34 p. m..</p><textarea name="note">dormí desde las 1:30 p. m..'
            '</textarea><input name="note" value="desde las 1:30">'
            '<script>var t = "las 1:05";</script><span>a las 1:05</span>'
            '<p dir="auto">dormí <b>desde las 1:30</b> p. m..</p> y a las 1:10'
            '<input dir="auto" name="x"> desde las 1:40')
    assert typeset_page(page) == (
        '<p>desde la 1:34 p. m.</p><textarea name="note">dormí desde las 1:30 p. m..'
        '</textarea><input name="note" value="desde las 1:30">'
        '<script>var t = "las 1:05";</script><span>a la 1:05</span>'
        '<p dir="auto">dormí <b>desde las 1:30</b> p. m..</p> y a la 1:10'
        '<input dir="auto" name="x"> desde la 1:40')
