"""Small pieces of language shared by every app."""

from django.utils.translation import get_language, pgettext


def quoted(text) -> str:
    """Words in quotation marks as her language writes them: “the book” in English,
    „das Buch“ in German, « le livre » in French."""
    return pgettext("quotation marks", "“%(text)s”") % {"text": text}


def listed(items) -> str:
    """Items in a row, separated as her language writes a list: "a, b" in English,
    "أ، ب" in Arabic (a Latin comma read as a slip there)."""
    return pgettext("list separator", ", ").join(str(item) for item in items)


# Languages that write every noun with a capital, mid-sentence too.
NOUNS_CAPITALISED = {"de"}


def in_sentence(label) -> str:
    """A label (a kind of moment, a need, a place) inside a sentence: "skin-to-skin" in
    English, French or Spanish, but "Hautkontakt" kept in German, whose nouns keep their
    capital ("hautkontakt" read as a slip)."""
    text = str(label)
    language = (get_language() or "en").split("-")[0]
    return text if language in NOUNS_CAPITALISED else text.lower()
