"""Spanish typography that a catalogue line cannot carry, because the time is put in
after it is translated: one o'clock takes "la" ("desde la 1:34", "a la 1:05"), where every
other hour takes "las"; and a sentence that ends on "a. m." or "p. m." takes no second
period ("7:00 p. m.." read twice over). Sofía read both on her phone in Mexico City."""

import re

from nestwell.typesetting import walk

_ONE_OCLOCK = re.compile(r"\b([Ll])as(\s)(0?1[:.]\d\d)\b")
_TWICE = re.compile(r"(\b[ap]\.\s?m\.)\.(?!\.)")  # an ellipsis "p. m..." stays
# A time of another day comes with its day: "desde el lun 9 nov", not "desde las lun".
_A_DAY = re.compile(r"\b([Dd]esde\s)las(\s(?:lun|mar|mié|jue|vie|sáb|dom)\b)")


def typeset(text: str) -> str:
    """``text`` with "las 1:34" as "la 1:34", "desde las lun 9 nov" as "desde el lun 9
    nov", and "p. m.." as "p. m."."""
    text = _A_DAY.sub(r"\1el\2", _ONE_OCLOCK.sub(r"\1a\2\3", text))
    return _TWICE.sub(r"\1", text)


# A quick look first: each rule's words begin with a plain letter the search can skip to.
_QUICK = (re.compile(r"as\s0?1[:.]\d"), re.compile(r"m\.(?:<[^>]*>)*\."),
          re.compile(r"sde\slas\s(?:lun|mar|mié|jue|vie|sáb|dom)\b"))
# A time in an element of its own ("a las <time>8:58 a. m.</time>."): the period after
# the element is the second one.
_ENDS_ON_A_TIME = re.compile(r"\b[ap]\.\s?m\.$")


def _fix(part, before):
    if part.startswith(".") and not part.startswith("..") and _ENDS_ON_A_TIME.search(before):
        part = part[1:]
    return typeset(part)


def typeset_page(html: str) -> str:
    """``typeset`` over the text of an HTML page, never inside a tag (an input's value, an
    attribute), a text box, an element of her own words (``dir="auto"``), a script or a
    style. A page with nothing to change (most of them) is not walked at all."""
    if not any(rule.search(html) for rule in _QUICK):
        return html
    return walk(html, _fix)
