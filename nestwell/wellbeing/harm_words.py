"""Words in her own note that speak of ending her life, of self-harm or of harming the
baby. A check-in's note that holds any of them opens the support page, as a safety
answer does: she may answer "safe" and write what the question did not reach.

Pure Python, no Django. The phrases live in ``data/harm_phrases.json``, one list per
language, and every note is read against all of them (she may write in a language other
than the app's). ``offline.js`` reads the same lines, and expands and normalizes them,
and a note, the same way, so that a note kept offline opens the page too.
"""

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

PHRASES_FILE = Path(__file__).resolve().parent / "data" / "harm_phrases.json"

# Accents (Latin) and Arabic short vowels and hamza marks, after NFD, and the tatweel that
# stretches a word: "bébé" is "bebe", "أمــوت" is "اموت". Alef maqsura reads as ya.
# Anything that is not a letter or a digit, apostrophes too, is a space ("d'en finir" is
# "d en finir", "don't" is "don t").
_MARKS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670\u0640]")  # and tatweel
_NOT_WORD = re.compile(r"[\W_]+")


def normalized(text: str) -> str:
    """The text as phrases are matched against it: words separated by single spaces,
    with a space at each end."""
    text = unicodedata.normalize("NFD", str(text or ""))
    text = _MARKS.sub("", text).lower().replace("\u0649", "\u064a")
    text = _NOT_WORD.sub(" ", text)
    return f" {' '.join(text.split())} "


_CHOICE = re.compile(r"\{([^{}]*)\}")


def expanded(item: str) -> list[str]:
    """Every phrase a line of the file stands for: "{want|urge} to die" is "want to die"
    and "urge to die"; "{own|}" is "own" or nothing."""
    match = _CHOICE.search(item)
    if match is None:
        return [item]
    return [phrase for choice in match[1].split("|")
            for phrase in expanded(item[:match.start()] + choice + item[match.end():])]


@cache
def phrases(path: Path = PHRASES_FILE) -> tuple[str, ...]:
    """Every language's phrases, expanded, normalized and padded as they are looked for
    in a normalized note: a space before and after, except where the line has a ``*``
    (the word may go on there). A damaged file raises: the tests read it, and a release
    with a broken list must not pass them."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    found = set()
    for language, items in data.items():
        if language.startswith("_"):
            continue
        for item in items:
            before = "" if item.startswith("*") else " "
            after = "" if item.endswith("*") else " "
            for phrase in expanded(item.strip("*")):
                words = normalized(phrase).strip()
                if not words:
                    raise ValueError(f"an empty phrase in {language}: {item!r}")
                found.add(f"{before}{words}{after}")
    return tuple(sorted(found))


@cache
def lines(path: Path = PHRASES_FILE) -> tuple[str, ...]:
    """The file's lines of every language as written (alternatives and ``*`` kept), for
    the page's offline script, which expands and normalizes them as ``phrases`` does: a
    few kilobytes, where the thousand phrases they stand for were forty."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(item for language, items in data.items() if not language.startswith("_")
                 for item in items)


# The words each language's phrases use for the baby. A mother writes her baby's name
# ("I'm scared I'll hurt Cian", "j'ai peur de faire du mal à Léa"): the note is read again
# with each of her babies' names in place of each of these (Aoife's walk, 7 Dec).
BABY_WORDS = ("the baby", "mon bébé", "dem Baby", "das Baby", "mi bebé", "طفلي")


def named(words: list[str], name: list[str], put: list[str]) -> list[str] | None:
    """``words`` with each run of ``name`` (whole words) replaced by ``put``, left to
    right; None when ``name`` is not there. Word by word, as offline.js does it (no
    look-behind, which older iPhones' Safari cannot read)."""
    size, out, i, seen = len(name), [], 0, False
    while i < len(words):
        if words[i:i + size] == name:
            out += put
            i += size
            seen = True
        else:
            out.append(words[i])
            i += 1
    return out if seen else None


@cache
def spoken(path: Path = PHRASES_FILE) -> dict[str, tuple[str, ...]]:
    """Words as typed and the written words they stand for: the file's ``_spoken`` table
    ("wanna": "want to", "ion": "i don t", "jveux": "je veux"), and each word of the
    phrases ending in "ing" typed without its "g" ("shakin": "shaking"; "again" stays)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    table = {word[:-1]: (word,) for phrase in phrases(path) for word in phrase.split()
             if word.endswith("ing") and len(word) > 4}
    table.update((normalized(typed).strip(), tuple(normalized(written).split()))
                 for typed, written in data.get("_spoken", {}).items())
    return table


def as_written(words: list[str], table: dict) -> list[str]:
    """``words`` with each typed form of ``table`` in its written words. Word by word,
    as offline.js does it."""
    out = []
    for word in words:
        out.extend(table.get(word, (word,)))
    return out


def readings(text: str, names=(), table=None) -> list[str]:
    """The note normalized, then once more for each way of saying "the baby" in place of
    each of ``names`` that it holds as whole words; then each of these as written out
    (``as_written``) where that differs (a name first: "Kevin" is not a typed word)."""
    words = normalized(text).split()
    bases = [words]
    for name in names:
        name_words = normalized(name).split()
        if not name_words:
            continue
        for baby in BABY_WORDS:
            put = named(words, name_words, normalized(baby).split())
            if put is None:
                break
            bases.append(put)
    table = spoken() if table is None else table
    found = [f" {' '.join(base)} " for base in bases]
    for base in bases:
        written = as_written(base, table)
        if written != base:
            found.append(f" {' '.join(written)} ")
    return found


@cache
def by_first_word(path: Path = PHRASES_FILE) -> tuple[dict[str, tuple[str, ...]],
                                                     tuple[str, ...]]:
    """``phrases`` sorted by a word each holds whole (its first, unless a ``*`` lets the
    first begin inside a word; then its second), and those with no whole word (one word
    with a ``*``), which are always looked for. A note is then read against the phrases
    of its own words: the same answer as reading it against every phrase (a phrase found
    in a note has that whole word among the note's words), in a fraction of the time."""
    indexed, always = {}, []
    for phrase in phrases(path):
        words = phrase.split()
        whole = words[1:] if not phrase.startswith(" ") else words
        if not phrase.endswith(" "):
            whole = whole[:-1]
        if whole:
            indexed.setdefault(whole[0], []).append(phrase)
        else:
            always.append(phrase)
    return {word: tuple(found) for word, found in indexed.items()}, tuple(always)


@cache
def unless_next(path: Path = PHRASES_FILE) -> dict[str, tuple[str, ...]]:
    """The file's ``_unless_next`` table, normalized: a phrase's last words (padded, as
    phrases are) and the everyday continuations after which it is not heard, each of
    whole words ("je veux en finir" is heard, "je veux en finir avec le tire-lait" is not;
    "end it with pills" is)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {f" {normalized(end).strip()} ": tuple(sorted(normalized(w).strip() for w in words))
            for end, words in data.get("_unless_next", {}).items()}  # each: whole words


@cache
def _unless_rules(path: Path = PHRASES_FILE) -> dict[str, tuple[str, ...]]:
    """Each phrase that ends in words of ``unless_next``, with its words after which it
    is not heard."""
    ends = unless_next(path)
    return {phrase: words for phrase in phrases(path) for end, words in ends.items()
            if phrase.endswith(end)}


def heard(phrase: str, note: str, rules=None) -> bool:
    """Whether ``phrase`` is in ``note`` (normalized), somewhere not followed by words
    that make it everyday (``unless_next``). As offline.js ``heard``."""
    start = note.find(phrase)
    if start < 0:
        return False
    cancel = (_unless_rules() if rules is None else rules).get(phrase)
    if not cancel:
        return True
    while start >= 0:
        rest = note[start + len(phrase):]
        if not any(rest.startswith(words + " ") for words in cancel):
            return True
        start = note.find(phrase, start + 1)
    return False


def _found_in(note: str) -> bool:
    indexed, always = by_first_word()
    rules = _unless_rules()
    # ``in`` first: most phrases are not there, and most that are have no rule.
    if any(phrase in note and (phrase not in rules or heard(phrase, note, rules))
           for phrase in always):
        return True
    return any(phrase in note and (phrase not in rules or heard(phrase, note, rules))
               for word in set(note.split()) for phrase in indexed.get(word, ()))


def mentions_harm(text: str, names=()) -> bool:
    """Whether the note speaks of ending one's life, self-harm or harming the baby, the
    baby named or not (``names``: the household's babies)."""
    if not text or not str(text).strip():
        return False
    return any(_found_in(note) for note in readings(text, names))
