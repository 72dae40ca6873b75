"""A pseudo-language for tests: every message Nestwell sends through gettext comes back
accented, lengthened by about a third and marked ⟦…⟧, so a page rendered in it shows at a
glance (and to a test) any English that never went through the catalogue, and a phone
layout meets text as long as German or French tends to be."""

import re
from contextlib import contextmanager

from django.conf import settings
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real

CODE = "en-xa"
OPEN, CLOSE = "⟦", "⟧"
ACCENTS = str.maketrans("aeiouyAEIOUYcnsCNS", "áéíóúýÁÉÍÓÚÝçñšÇÑŠ")
# What must come through untouched: printf and format placeholders, HTML tags and
# entities, and words in ``code``-like form (URLs, e-mail addresses).
KEEP = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[^{}]*\}|<[^>]*>|&\w+;"
                  r"|&#\d+;|https?://\S+|\S+@\S+")


def pseudo(message: str) -> str:
    if not message or message.startswith((OPEN, "\x04")):
        return message
    out, last = [], 0
    for match in KEEP.finditer(message):
        out.append(message[last:match.start()].translate(ACCENTS))
        out.append(match.group())
        last = match.end()
    out.append(message[last:].translate(ACCENTS))
    letters = sum(ch.isalpha() for ch in message)
    return OPEN + "".join(out) + "·" * (letters // 3) + CLOSE


class PseudoTranslation:
    """What Django asks of a translation object, answered in the pseudo-language."""

    def gettext(self, message):
        if "\x04" in message:  # pgettext: "context\x04message"
            return pseudo(message.split("\x04", 1)[1])
        return pseudo(message)

    def ngettext(self, singular, plural, number):
        return pseudo(singular if number == 1 else plural)

    def to_language(self):
        return CODE

    def language(self):
        return CODE


@contextmanager
def pseudo_language():
    """Everything inside runs in the pseudo-language, which is also offered (so a person
    whose language is CODE, or a CODE cookie, gets it from the middleware)."""
    languages = [*settings.LANGUAGES, (CODE, "Pseudo")]
    # Offering it empties Django's caches of translations (a settings signal): the pseudo
    # one goes in after.
    with override_settings(LANGUAGES=languages):
        trans_real._translations[CODE] = PseudoTranslation()
        try:
            with translation.override(CODE):
                yield
        finally:
            trans_real._translations.pop(CODE, None)
