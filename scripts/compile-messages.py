#!/usr/bin/env python3
"""Compile each complete catalogue (nestwell/locale/<code>/LC_MESSAGES/django.po) to its
django.mo, which is what makes Nestwell offer the language; a catalogue with an entry
untranslated or fuzzy gets no .mo (an old one is removed), so a half-translated language
is never offered. A variant of the code's own English (en_US) holds only what differs,
so it is compiled as it is. Pure Python (polib, a test dependency): no GNU gettext needed.

    .venv/bin/python scripts/compile-messages.py
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "nestwell" / "locale"
# Catalogues of a variant of the English the code is written in (en_US): only the entries
# that differ are translated, and the rest reads as the code has it.
VARIANTS = {"en_US"}


def main() -> int:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        code = po_path.parts[-3]
        mo_path = po_path.with_suffix(".mo")
        po = polib.pofile(str(po_path))
        missing = len(po.untranslated_entries()) + len(po.fuzzy_entries())
        if code in VARIANTS:
            # A variant of the code's own English: what it leaves empty (or fuzzy) reads
            # as written; tests/i18n/test_catalogues.py says which words it still needs.
            po.save_as_mofile(str(mo_path))
            fuzzy = f" ({len(po.fuzzy_entries())} fuzzy, read as written)" \
                if po.fuzzy_entries() else ""
            print(f"{code}: {len(po.translated_entries())} messages differ from the English "
                  f"of the code{fuzzy}: offered")
            continue
        if missing:
            if mo_path.exists():
                mo_path.unlink()
            print(f"{code}: {missing} entries untranslated or fuzzy: not offered")
            continue
        po.save_as_mofile(str(mo_path))
        print(f"{code}: {len(po.translated_entries())} messages compiled: offered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
