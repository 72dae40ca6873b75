"""Spanish typography that a catalogue line cannot carry, because the time is put in
after it is translated: one o'clock takes "la" ("desde la 1:34", "a la 1:05"), where every
other hour takes "las"; and a sentence that ends on "a. m." or "p. m." takes no second
period ("7:00 p. m.." read twice over). Sofía read both on her phone in Mexico City."""

import re

_ONE_OCLOCK = re.compile(r"\b([Ll])as(\s)(0?1[:.]\d\d)\b")
_TWICE = re.compile(r"(\b[ap]\.\s?m\.)\.(?!\.)")  # an ellipsis "p. m..." stays
# A time of another day comes with its day: "desde el lun 9 nov", not "desde las lun".
_A_DAY = re.compile(r"\b([Dd]esde\s)las(\s(?:lun|mar|mié|jue|vie|sáb|dom)\b)")


def typeset(text: str) -> str:
    """``text`` with "las 1:34" as "la 1:34", "desde las lun 9 nov" as "desde el lun 9
    nov", and "p. m.." as "p. m."."""
    text = _A_DAY.sub(r"\1el\2", _ONE_OCLOCK.sub(r"\1a\2\3", text))
    return _TWICE.sub(r"\1", text)


# The page's text between its tags, outside what she typed: a text box's words (saved
# again, they would have changed her note), and her words shown on a page, which the
# templates mark dir="auto" (a note, a name). Scripts and styles are left alone too.
_TAG = re.compile(r"(<[^>]*>)")
# A quick look first: each rule's words begin with a plain letter the search can skip to.
_QUICK = (re.compile(r"as\s0?1[:.]\d"), re.compile(r"m\.(?:<[^>]*>)*\."),
          re.compile(r"sde\slas\s(?:lun|mar|mié|jue|vie|sáb|dom)\b"))
_KEPT_AS_IS = ("textarea", "script", "style")
_HERS = re.compile(r"""\sdir=["']?auto""")
_VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}
# A time in an element of its own ("a las <time>8:58 a. m.</time>."): the period after
# the element is the second one.
_ENDS_ON_A_TIME = re.compile(r"\b[ap]\.\s?m\.$")
# Only within a line of text: a paragraph, a cell or an item that begins with a period is
# not the end of the sentence before it.
_INLINE = {"time", "span", "b", "strong", "i", "em", "small", "a", "abbr", "bdi", "data",
           "mark", "q", "s", "u", "sub", "sup"}


def typeset_page(html: str) -> str:
    """``typeset`` over the text of an HTML page, never inside a tag (an input's value, an
    attribute), a text box, an element of her own words (``dir="auto"``), a script or a
    style. A page with nothing to change (most of them) is not walked at all."""
    if not any(rule.search(html) for rule in _QUICK):
        return html
    parts = _TAG.split(html)
    inside, depth, before = None, 0, ""
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            name = part[1:].split(None, 1)[0].rstrip(">/").lower() if len(part) > 2 else ""
            if inside is None:
                if name in _KEPT_AS_IS or (_HERS.search(part) and name not in _VOID
                                           and not part.endswith("/>")):
                    inside, depth, before = name, 1, ""
            elif name == inside:
                depth += 1
            elif name == f"/{inside}":
                depth -= 1
                if not depth:
                    inside = None
            if name.lstrip("/") not in _INLINE:
                before = ""
        elif inside is None and part:
            if (part.startswith(".") and not part.startswith("..")
                    and _ENDS_ON_A_TIME.search(before)):
                part = part[1:]
            parts[i] = typeset(part)
            before = parts[i] or before
    return "".join(parts)


class SpanishTimes:
    """Pages made in Spanish, as ``typeset_page`` says (HTML only: a JSON answer keeps
    its data as it is)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (not response.streaming
                and response.get("Content-Language", "").startswith("es")
                and response.get("Content-Type", "").startswith("text/html")):
            text = response.content.decode(response.charset)
            fixed = typeset_page(text)
            if fixed != text:
                response.content = fixed.encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
