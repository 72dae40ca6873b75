"""Typography a catalogue line cannot carry, because a name or a time is put in after the
line is translated: Spanish times (``nestwell.spanish``) and French elision before a name
(``nestwell.french``). Applied to the text of a page, never to her own words."""

import re

# The page's text between its tags, outside what she typed: a text box's words (saved
# again, they would have changed her note), and her words shown on a page, which the
# templates mark dir="auto" (a note, a name). Scripts and styles are left alone too.
_TAG = re.compile(r"(<[^>]*>)")
_KEPT_AS_IS = ("textarea", "script", "style")
_HERS = re.compile(r"""\sdir=["']?auto""")
_VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}
# Only within a line of text: what a paragraph, a cell or an item begins with does not
# follow on from the line before it.
_INLINE = {"time", "span", "b", "strong", "i", "em", "small", "a", "abbr", "bdi", "data",
           "mark", "q", "s", "u", "sub", "sup"}


def walk(html: str, fix) -> str:
    """``html`` with each run of its text outside her words (and outside tags, text boxes,
    scripts and styles) replaced by ``fix(text, before)``; ``before`` is the text of the
    same line so far, up to the last run that had any."""
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
            parts[i] = fix(part, before)
            before = parts[i] or before
    return "".join(parts)


def _page_rules():
    from nestwell import french, spanish

    return {"es": spanish.typeset_page, "fr": french.typeset_page}


class Typesetting:
    """Pages made in Spanish or French, as their modules say (HTML only: a JSON answer
    keeps its data as it is)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.rules = _page_rules()

    def __call__(self, request):
        response = self.get_response(request)
        rule = self.rules.get(response.get("Content-Language", "")[:2])
        if (rule is not None and not response.streaming
                and response.get("Content-Type", "").startswith("text/html")):
            text = response.content.decode(response.charset)
            fixed = rule(text)
            if fixed != text:
                response.content = fixed.encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response
