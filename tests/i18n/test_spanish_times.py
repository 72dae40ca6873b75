"""Spanish times put into a translated line (Sofía's walk, Mexico City): one o'clock takes
"la", and "p. m." ends a sentence with one period."""

import pytest
from django.http import HttpResponse, JsonResponse

from nestwell.spanish import SpanishTimes, typeset


@pytest.mark.parametrize(("made", "read"), [
    ("Llanto desde las 1:34\u00a0a.\u00a0m.", "Llanto desde la 1:34\u00a0a.\u00a0m."),
    ("Las 01:05, las 11:30 y las 21:00", "La 01:05, las 11:30 y las 21:00"),
    ("entre las 10:00 p. m. y las 6:00 a. m..", "entre las 10:00 p. m. y las 6:00 a. m."),
    ("a las 13:40. Más tarde", "a las 13:40. Más tarde"),
    ("todas las 12 tomas", "todas las 12 tomas"),
    ("Toma · desde las lun 9 nov, 6:09 p. m.", "Toma · desde el lun 9 nov, 6:09 p. m."),
    ("Desde las mié 9 Dic", "Desde el mié 9 Dic"),
    ("las martas", "las martas"),
])
def test_typeset(made, read):
    assert typeset(made) == read


def test_only_spanish_pages_are_typeset():
    def answer(language, response):
        response["Content-Language"] = language
        return SpanishTimes(lambda request: response)(None)

    spanish = answer("es", HttpResponse("<p>desde las 1:34 p. m..</p>"))
    assert spanish.content.decode() == "<p>desde la 1:34 p. m.</p>"
    assert answer("fr", HttpResponse("<p>las 1:34</p>")).content == b"<p>las 1:34</p>"
    data = answer("es", JsonResponse({"note": "las 1:34"}))
    assert b"las 1:34" in data.content
