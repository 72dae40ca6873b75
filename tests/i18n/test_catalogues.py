"""The catalogues (issue 19, item 7). A language is offered once its compiled catalogue
(django.mo) is committed; then its django.po must be complete, with nothing fuzzy, every
placeholder and tag of each message kept, and the .mo compiled from that very .po. In a
catalogue still being translated, what is translated already keeps its placeholders."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdif]"
                         r"|%%|\{[A-Za-z_][A-Za-z0-9_]*\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")


def shape(text):
    return sorted(PLACEHOLDER.findall(text)), sorted(TAG.findall(text))


def translations(entry):
    if entry.msgid_plural:
        return [(entry.msgid_plural if i else entry.msgid, s)
                for i, s in sorted(entry.msgstr_plural.items())]
    return [(entry.msgid, entry.msgstr)]


def test_there_are_catalogues_to_check():
    assert {p.parts[-3] for p in CATALOGUES} >= {"fr", "de", "es", "ar"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_each_translation_keeps_its_placeholders_and_tags(path):
    wrong = []
    for entry in polib.pofile(str(path)).translated_entries():
        english = set(shape(entry.msgid)[0] + shape(entry.msgid_plural or "")[0])
        for source, text in translations(entry):
            # A plural form may leave the number out ("une fois"), never add one.
            if text and (shape(text)[1] != shape(source)[1]
                         or not set(shape(text)[0]) <= english):
                wrong.append((entry.msgid[:60], text[:60]))
    assert wrong == []


# Variants of the English the code is written in: only what differs is translated.
VARIANTS = {"en_US"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_an_offered_language_is_complete_and_compiled_from_its_catalogue(path):
    code = path.parts[-3]
    compiled = path.with_suffix(".mo")
    offered = code.replace("_", "-").lower() in dict(settings.LANGUAGES)
    assert offered == compiled.exists()
    if not offered:
        pytest.skip(f"{code} is not offered yet (no django.mo)")
    po = polib.pofile(str(path))
    assert po.fuzzy_entries() == []
    if code not in VARIANTS:
        assert po.untranslated_entries() == []
    # Nothing dropped: a message without plural keeps every placeholder of its English.
    dropped = [e.msgid[:60] for e in po.translated_entries() if not e.msgid_plural
               and set(shape(e.msgid)[0]) != set(shape(e.msgstr)[0])]
    assert dropped == []
    mo = {(e.msgctxt, e.msgid): (e.msgstr, dict(e.msgstr_plural))
          for e in polib.mofile(str(compiled))}
    po_entries = {(e.msgctxt, e.msgid): (e.msgstr, {int(k): v for k, v in
                                                     e.msgstr_plural.items()})
                  for e in po.translated_entries()}
    stale = {k for k in po_entries if mo.get(k, (None, None))[0] != po_entries[k][0]
             and not po_entries[k][1]}
    assert stale == set(), "django.mo is older than django.po: run make compile-messages"


# The voice (style.md) in every language: nothing that tells her what she ought to do.
NEVER = {
    "fr": re.compile(r"\b(devriez|devrais|devez|il faut)\b", re.I),
    "de": re.compile(r"\b(sollte|solltest|sollten|musst|müssen)\b", re.I),
    "es": re.compile(r"\b(deberías|debes|debería|tienes que|hay que)\b", re.I),
    "ar": re.compile(r"يجب|ينبغي"),
    "en_US": re.compile(r"\b(should|ought|must)\b", re.I),
}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_no_translation_tells_her_what_she_ought_to_do(path):
    rule = NEVER.get(path.parts[-3])
    if rule is None:
        pytest.skip("no word list for this language yet")
    found = [text[:80] for entry in polib.pofile(str(path)).translated_entries()
             for _source, text in translations(entry) if rule.search(text)]
    assert found == []


def test_arabic_names_a_role_its_mothers_have():
    """A Jordanian mother was told to ask her "health visitor" (الزائرة الصحية), a role of
    the UK's (Yasmin's walk): in Arabic it is the maternal and child health nurse."""
    path = next(p for p in CATALOGUES if p.parts[-3] == "ar")
    found = [text[:80] for entry in polib.pofile(str(path)).translated_entries()
             for _source, text in translations(entry) if "زائرة الصحية" in text]
    assert found == []


@pytest.mark.skipif(shutil.which("xgettext") is None,
                    reason="GNU gettext (xgettext) is not installed: make messages needs it")
def test_every_message_in_the_code_is_in_the_catalogues(tmp_path):
    """makemessages over a copy of the code: nothing it finds is missing from a catalogue
    (a new word goes through make messages, then is translated)."""
    package = Path(settings.LOCALE_PATHS[0]).parent
    copy = tmp_path / "nestwell"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns(
        "static", "locale", "__pycache__", "*.json", "*.md", "migrations"))
    (copy / "locale").mkdir()
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "fr",
                    "--no-location", "--no-obsolete", "-v", "0"],
                   cwd=copy, check=True, capture_output=True, timeout=300,
                   env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings",
                        "PYTHONPATH": str(package.parent)})
    found = {(e.msgctxt, e.msgid) for e in polib.pofile(
        str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))}
    for path in CATALOGUES:
        kept = {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}
        missing = sorted(m for _c, m in found - kept)
        assert missing == [], f"{path.parts[-3]}: run make messages and translate {missing}"


# US English (en_US): every message with a word American families do not use is given
# theirs, and none of theirs keeps one. Names are left as they are: the Edinburgh
# Postnatal Depression Scale, the Yellow Alert stool colour chart, and the command line's
# kind "nappy" (typed as it is).
BRITISH = re.compile(r"\b(napp(y|ies)|colour\w*|grey|poo|health visitors?|GP|"
                     r"centiles?|cot|pram|labour|paediatrician|organisation|recognise|"
                     r"counsellor|cancelled|labelled|mum|cos(y|ier)|centimetres?|millilitres?|"
                     r"millimetres?|caesarean|tick(ed)?|untick|programme)\b", re.I)
NAMES = re.compile(r"%\([^)]*\)\w|Edinburgh Postnatal|stool colour chart|nappy \(--detail kind=wet")


def _british(text):
    return [m.group(0) for m in BRITISH.finditer(NAMES.sub("", text))]


def test_us_english_has_its_own_word_wherever_the_code_has_a_british_one():
    po = polib.pofile(str(LOCALE / "en_US" / "LC_MESSAGES" / "django.po"))
    untold, kept = [], []
    for entry in po:
        if entry.obsolete:
            continue
        if _british(entry.msgid + " " + (entry.msgid_plural or "")) and not entry.translated():
            untold.append(entry.msgid[:70])
        for _source, text in translations(entry):
            if text and _british(text):
                kept.append((text[:70], _british(text)))
    assert untold == [], "make messages, then give these their American words"
    assert kept == []


def test_plain_english_stays_british_and_us_english_reads_american():
    """Python's gettext takes "en" for "en_US"; settings keeps the two apart."""
    from django.utils import translation

    with translation.override("en"):
        assert translation.gettext("Nappies") == "Nappies"
    with translation.override("en-us"):
        assert translation.gettext("Nappies") == "Diapers"
        assert translation.gettext("Accounts and households") == "Accounts and households"
        assert translation.ngettext("%(n)s nappy", "%(n)s nappies", 2) == "%(n)s diapers"


def test_how_long_ago_takes_the_words_ago_takes_in_german():
    """Elena's insights: "Letzter Hautkontakt vor 1 Woche, 2 Tage"; after "vor", the
    dative: "vor 1 Woche, 2 Tagen", "vor 5 Tagen"."""
    from datetime import UTC, datetime

    from django.template import Context, Template
    from django.utils import translation

    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    template = Template("{% load i18n %}{% blocktranslate with ago=t|since:now %}{{ ago }} "
                        "ago{% endblocktranslate %}")
    with translation.override("de"):
        said = template.render(Context({"t": datetime(2026, 11, 27, 11, 0, tzinfo=UTC),
                                        "now": now}))
        assert said == "vor 1\xa0Woche, 2\xa0Tagen"
        from nestwell.journal.templatetags.journal import ago_label
        assert ago_label(5 * 24 * 3600) == "5 Tagen"
    with translation.override("fr"):
        said = template.render(Context({"t": datetime(2026, 12, 3, 12, 0, tzinfo=UTC),
                                        "now": now}))
        assert said == "il y a 3\xa0jours"


# Whoever reads Nestwell may be a father, a grandfather, a partner: French and Spanish
# speak to the reader in words that do not say "a woman" (a father was told "Vous n'êtes
# pas seule", "¿Te sientes apoyada?"; Ben's walk). A baby's own words keep its gender.
READER_AS_A_WOMAN = {
    "fr": re.compile(r"(?<!-)\bvous (?:\w+ )?(?:n’)?(?:êtes |serez |étiez |restez |sentez-vous )?"
                     r"(?:pas )?(?:seule|prête|connectée|déconnectée|soutenue|entourée|sûre)\b"
                     r"|\b(?:se sentir|porter|être) seule\b|^(?:Seule|Débordée)$", re.I),
    "es": re.compile(r"\b(?:estás|estés|estoy|sientes|sentiste|sentirse) (?:\w+ )?"
                     r"(?:sola|lista|segura|apoyada|conectada|cansada|tranquila)\b"
                     r"|\bser sincera\b|^(?:Sola|Tranquila|Desbordada|No estoy segura)$", re.I),
}


@pytest.mark.parametrize("language", sorted(READER_AS_A_WOMAN))
def test_french_and_spanish_speak_to_a_father_too(language):
    path = next(p for p in CATALOGUES if p.parts[-3] == language)
    found = [text[:80] for entry in polib.pofile(str(path)).translated_entries()
             if "baby" not in (entry.msgctxt or "")
             for _source, text in translations(entry) if READER_AS_A_WOMAN[language].search(text)]
    assert found == []


@pytest.mark.parametrize("language", sorted(READER_AS_A_WOMAN))
def test_the_support_lines_speak_to_a_father_too(language):
    """The descriptions of the lines in French and Spanish ("vous serez orientée", "cuando
    te sientes sola"; Camille's walk, with Julien reading)."""
    from nestwell.wellbeing import crisis

    path = Path(crisis.__file__).parent / "data" / f"crisis_lines.{language}.json"
    words = {"fr": r"\b(?:seule|orientée|écoutée|stressée|anxieuse|déprimée|soutenue)\b",
             "es": r"\b(?:sola|escuchada|estresada|decaída|angustiada|apoyada)\b"}[language]
    assert re.findall(words, path.read_text(encoding="utf-8")) == []
