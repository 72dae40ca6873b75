"""Words in her own note that speak of ending her life, of self-harm or of harming the
baby. A check-in's note that holds any of them opens the support page, as a safety
answer does: she may answer "safe" and write what the question did not reach.

Pure Python, no Django. The phrases live in ``data/harm_phrases.json``, one list per
language, and every note is read against all of them (she may write in a language other
than the app's). ``offline.js`` reads the same list, normalized here, and normalizes a
note the same way, so that a note kept offline opens the page too.
"""

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

PHRASES_FILE = Path(__file__).resolve().parent / "data" / "harm_phrases.json"

# Accents (Latin) and Arabic short vowels and hamza marks, after NFD: "bébé" is "bebe",
# "أموت" is "اموت". Alef maqsura reads as ya. Apostrophes vanish ("don't" is "dont",
# "l'air" is "lair"); anything else that is not a letter or a digit is a space.
_MARKS = re.compile("[\u0300-\u036f\u064b-\u065f\u0670]")
_APOSTROPHES = re.compile("['\u2019\u2018\u02bc`\u00b4]")
_NOT_WORD = re.compile(r"[\W_]+")


def normalized(text: str) -> str:
    """The text as phrases are matched against it: words separated by single spaces,
    with a space at each end."""
    text = unicodedata.normalize("NFD", str(text or ""))
    text = _MARKS.sub("", text).lower().replace("\u0649", "\u064a")
    text = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text))
    return f" {' '.join(text.split())} "


@cache
def phrases(path: Path = PHRASES_FILE) -> tuple[str, ...]:
    """Every language's phrases, normalized and padded as they are looked for in a
    normalized note: a space before and after, except where the phrase has a ``*``
    (the word may go on there). A damaged file raises: the tests read it, and a
    release with a broken list must not pass them."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    found = set()
    for language, items in data.items():
        if language.startswith("_"):
            continue
        for item in items:
            words = normalized(item.strip("*")).strip()
            if not words:
                raise ValueError(f"an empty phrase in {language}")
            before = "" if item.startswith("*") else " "
            after = "" if item.endswith("*") else " "
            found.add(f"{before}{words}{after}")
    return tuple(sorted(found))


def mentions_harm(text: str) -> bool:
    """Whether the note speaks of ending one's life, self-harm or harming the baby."""
    if not text or not str(text).strip():
        return False
    note = normalized(text)
    return any(phrase in note for phrase in phrases())
