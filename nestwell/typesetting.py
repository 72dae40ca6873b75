"""The text of a page outside her own words, for typography a catalogue line cannot carry
because a time or a name is put in after the line is translated (``nestwell.spanish``;
the middleware is ``nestwell.typography``)."""

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
