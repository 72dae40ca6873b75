"""Spanish typography that a catalogue line cannot carry, because the time is put in
after it is translated: one o'clock takes "la" ("desde la 1:34", "a la 1:05"), where every
other hour takes "las"; and a sentence that ends on "a. m." or "p. m." takes no second
period ("7:00 p. m.." read twice over). Sofía read both on her phone in Mexico City."""

import re

_ONE_OCLOCK = re.compile(r"\b([Ll])as(\s)(0?1[:.]\d\d)\b")
_TWICE = re.compile(r"(\b[ap]\.\s?m\.)\.")
# A time of another day comes with its day: "desde el lun 9 nov", not "desde las lun".
_A_DAY = re.compile(r"\b([Dd]esde\s)las(\s(?:lun|mar|mié|jue|vie|sáb|dom)\b)")


def typeset(text: str) -> str:
    """``text`` with "las 1:34" as "la 1:34", "desde las lun 9 nov" as "desde el lun 9
    nov", and "p. m.." as "p. m."."""
    text = _A_DAY.sub(r"\1el\2", _ONE_OCLOCK.sub(r"\1a\2\3", text))
    return _TWICE.sub(r"\1", text)


class SpanishTimes:
    """Pages made in Spanish, as ``typeset`` says (HTML only: a JSON answer keeps its
    data as it is)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (not response.streaming
                and response.get("Content-Language", "").startswith("es")
                and response.get("Content-Type", "").startswith("text/html")):
            text = response.content.decode(response.charset)
            fixed = typeset(text)
            if fixed != text:
                response.content = fixed.encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
