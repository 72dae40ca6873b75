"""French elision before a name put into a translated line: "la croissance d’Emma", "plus
qu’Inès", not "de Emma", "que Inès". The catalogue cannot carry it: the line is the same
for Léa and for Emma."""

import bisect
import functools
import re

# "de" or "que" before a word that begins with a capital vowel and goes on in small letters:
# a name, in the middle of a French sentence (an acronym, "de OMS", is left as it is, and so
# is a name beginning with H or Y, where usage varies). Found from the "e " before it: a
# search that starts on a plain letter is some fifty times faster than one that starts on
# a word's edge, and every French page of a baby named Emma is read this way.
_E_BEFORE_A_NAME = re.compile(r"e (?=[AEIOUÀÂÉÈÊËÎÏÔÙÛÜŒÆ][a-zà-ÿœæ])")
_THE_WORD = re.compile(r"(?<!\w)(?:[Dd]|(?:[Jj]us|[Ll]ors|[Pp]uis)?[Qq]u)e$")
# What is never changed: a text box, a script, a style, and an element of her own words
# (the templates mark them dir="auto": a note, a name she typed).
_KEPT = re.compile(r"<(textarea|script|style)\b|<([a-zA-Z][\w-]*)\b(?=[^>]*\sdir=[\"']?auto)")
_READ_OUT = re.compile(r"""\s(?:aria-label|title|alt)="[^"]*$""")
_VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}


def _elisions(text):
    """(start, end, what it becomes) of each "de " or "que " before a name in ``text``."""
    for m in _E_BEFORE_A_NAME.finditer(text):
        word = _THE_WORD.search(text, max(0, m.start() - 7), m.start() + 1)
        if word:
            yield word.start(), m.end(), word.group(0)[:-1] + "’"


def _apply(text, changes):
    out, done = [], 0
    for start, end, new in changes:
        out.append(text[done:start])
        out.append(new)
        done = end
    out.append(text[done:])
    return "".join(out)


def elide(text: str) -> str:
    """``text`` with "de Emma" as "d’Emma" and "que Inès" as "qu’Inès"."""
    return _apply(text, _elisions(text))


@functools.lru_cache(maxsize=64)
def _same(name):
    """An opening or closing tag of that name."""
    return re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.IGNORECASE)


def _kept_spans(html):
    """(start, end) of each part of the page that is never changed, in order."""
    spans, end = [], 0
    for m in _KEPT.finditer(html):
        if m.start() < end:
            continue  # within the one before
        name = (m.group(1) or m.group(2)).lower()
        tag_end = html.find(">", m.end())
        if tag_end < 0:
            break
        if name in _VOID or html[tag_end - 1] == "/":
            continue  # an element that holds no words
        depth, end = 1, len(html)
        for t in _same(name).finditer(html, tag_end):
            depth += -1 if t.group(1) else 1
            if not depth:
                end = t.end()
                break
        spans.append((m.start(), end))
    return spans


def typeset_page(html: str) -> str:
    """``elide`` over the text of an HTML page, never inside a tag (an input's value, an
    attribute), a text box, her own words (``dir="auto"``), a script or a style."""
    found = list(_elisions(html))
    if not found:
        return html
    spans = _kept_spans(html)
    starts = [s for s, _ in spans]

    def ours(at):
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and at < spans[i][1]:
            return False  # her words, a text box, a script or a style
        opened = html.rfind("<", 0, at)
        if opened <= html.rfind(">", 0, at):
            return True  # text
        # In a tag: only in what is read out or shown as ours (a button's label, a
        # picture's words), never a value she typed.
        return bool(_READ_OUT.search(html, opened, at))

    return _apply(html, [change for change in found if ours(change[0])])
