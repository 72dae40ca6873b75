"""Crisis lines by country, from a data file with each number's source and check date.

Loading never raises: if the file is missing or damaged, a minimal built-in answer
(the emergency number) is used, because the support page must always work.

The words a person reads (descriptions, hours, text-message wording, country names) come
in other languages from an overlay beside the English file, ``crisis_lines.<code>.json``;
numbers, tel links and sources exist only in the English file, so a translation can never
change what a line offers. A missing or damaged overlay, or a missing field, leaves the
English.
"""

import json
import logging
import re
import unicodedata
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_FILE = DATA_DIR / "crisis_lines.json"

# What a person reads in each part of an entry, and so what an overlay translates. A line
# is found by its number, a text-only service by its name (it has no number).
TRANSLATED = {"emergency": ("description",), "lines": ("description", "hours", "text"),
              "text_services": ("description", "hours", "text")}
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")

FALLBACK = {
    "countries": {},
    "time_zones": {},
    "default": {
        "name": "",
        # The words of the data file's default, so that its translations apply here too.
        "emergency": [{"number": "112", "tel": "112",
                       "description": "Call your local emergency number. 112 reaches "
                                      "emergency services from mobile phones across Europe "
                                      "and on GSM mobile networks in many other countries."}],
        "lines": [],
    },
}


@cache
def load(path: Path = DATA_FILE) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data.get("countries"), dict) or "default" not in data:
            raise ValueError("missing 'countries' or 'default'")
        return data
    except Exception:  # the support page must render whatever happens to the file
        log.exception("Crisis lines could not be loaded from %s; using the fallback", path)
        return FALLBACK


def overlay_file(language: str) -> Path:
    return DATA_DIR / f"crisis_lines.{language}.json"


def primary_language(language: str | None) -> str:
    """"fr-ca" -> "fr"; the overlays are per language, not per region."""
    return (language or "en").split("-")[0].split("_")[0].lower()


@cache
def load_overlay(language: str) -> dict:
    """The translations for a language, or {} (so English) when there are none or the
    file cannot be read: the support page renders whatever happens to an overlay."""
    language = primary_language(language)
    if language == "en" or not _LANGUAGE.match(language):
        return {}
    path = overlay_file(language)
    if not path.exists():
        return {}
    try:
        overlay = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(overlay.get("countries"), dict):
            raise ValueError("missing 'countries'")
        return overlay
    except Exception:
        log.exception("Crisis-line translations could not be loaded from %s", path)
        return {}


def overlay_key(part: str, item: dict) -> str:
    return item.get("name", "") if part == "text_services" else item.get("number", "")


def _words(item: dict, words, fields) -> dict:
    """The item with each field that has a translation replaced, field by field."""
    if not isinstance(words, dict):
        return item
    return {**item, **{field: words[field] for field in fields
                       if item.get(field) and isinstance(words.get(field), str)
                       and words[field].strip()}}


def translate(entry: dict, words) -> dict:
    """A country's (or the default) entry in another language; ``words`` is that entry's
    part of the overlay."""
    if not isinstance(words, dict) or not words:
        return entry
    out = dict(entry)
    for part, fields in TRANSLATED.items():
        own = words.get(part) if isinstance(words.get(part), dict) else {}
        if part in entry:
            out[part] = [_words(item, own.get(overlay_key(part, item)), fields)
                         for item in entry[part]]
    if isinstance(entry.get("directory"), dict):
        out["directory"] = _words(entry["directory"], words.get("directory"), ("text",))
    return _words(out, words, ("name",))


def country_for_time_zone(time_zone: str, data: dict | None = None) -> str:
    data = data or load()
    return data.get("time_zones", {}).get(time_zone, "")


# "de-DE", "de_AT", "zh-Hant-TW", "es-419", "de": a language, maybe a script, maybe a region.
_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:-[a-z]{4})?(?:-([a-z]{2}|\d{3}))?(?:-|$)")


def country_for_languages(header: str) -> str:
    """The country a visitor's browser names first in its Accept-Language header, for
    the support page of someone not signed in (no household, no time zone): "de-DE" is
    Germany, "de-AT" Austria. A language alone ("de") is read as the country it is most
    spoken in (CLDR's likely subtags: Germany). Only the first language counts: "de,
    en-US;q=0.9" is a German speaker, not an American. "" when nothing can be read."""
    tags = []
    for position, part in enumerate((header or "")[:500].split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        tags.append((-quality, position, tag.strip().lower().replace("_", "-")))
    for _q, _p, tag in sorted(tags):
        match = _LANGUAGE_TAG.match(tag)
        if not match:
            continue
        language, region = match.groups()
        if region:  # a UN region ("es-419", Latin America) names no one country
            return region.upper() if region.isalpha() else ""
        from babel.core import get_global  # CLDR, already loaded for dates and numbers

        likely = get_global("likely_subtags").get(language, "")
        return likely.rsplit("_", 1)[-1] if likely.count("_") == 2 else ""
    return ""


def lines_for(country: str, time_zone: str = "", data: dict | None = None,
              language: str = "en") -> dict:
    """What to show for a country: its entry, else one guessed from the time zone, else
    the default, in ``language`` where the overlay has the words. Always has 'emergency'
    and 'lines'. Text links are made from the English wording, before translation."""
    data = data or load()
    countries = data.get("countries", {})
    code = (country or "").upper() or country_for_time_zone(time_zone, data)
    overlay = load_overlay(language)
    entry = countries.get(code)
    if entry:
        return translate(_with_sms_links({"code": code, **entry}),
                         overlay.get("countries", {}).get(code))
    return translate(_with_sms_links({"code": "", **data["default"]}), overlay.get("default"))


def for_the_stage(lines: dict, expecting: bool) -> dict:
    """The lines as shown to a household: those for pregnant women alone (marked
    ``pregnancy``) only where a baby is on the way."""
    if expecting:
        return lines
    return {**lines, "lines": [line for line in lines.get("lines", [])
                               if not line.get("pregnancy")]}


def for_a_loss(lines: dict, loss: bool) -> dict:
    """The lines as shown to a household: those for parents whose baby has died (marked
    ``after_loss``) only where a baby has died; everyone else is not shown them."""
    if loss:
        return lines
    return {**lines, "lines": [line for line in lines.get("lines", [])
                               if not line.get("after_loss")]}


# "SHOUT to 85258": a keyword sent to a short number.
_KEYWORD_TO_NUMBER = re.compile(r"^\s*([A-Za-z0-9]+)\s+to\s+(\+?[\d ]+?)\s*$")
# "988", "0477 13 11 14", "31393 (SMS – a counsellor calls you back)": a number to text.
_NUMBER_FIRST = re.compile(r"^\s*(\+?\d[\d \-]*\d)\s*(\(.*\))?\s*$")


def _digits(number: str) -> str:
    return re.sub(r"[^\d+]", "", number)


def sms_href(text) -> str:
    """An ``sms:`` link for a text service as the data file words it, or "" when it is not
    a plain text message (WhatsApp, or anything unexpected). ``sms:NUMBER?&body=WORD`` is
    the form that both iOS and Android fill in."""
    if not isinstance(text, str):
        return ""
    if match := _KEYWORD_TO_NUMBER.match(text):
        word, number = match.groups()
        return f"sms:{_digits(number)}?&body={word}"
    if match := _NUMBER_FIRST.match(text):
        return f"sms:{_digits(match.group(1))}"
    return ""


def _with_sms_links(entry: dict) -> dict:
    """A copy of the entry (the loaded data is shared) with ``sms`` on every text option."""
    return {**entry,
            "lines": [{**line, "sms": sms_href(line.get("text"))}
                      for line in entry.get("lines", [])],
            "text_services": [{**t, "sms": sms_href(t.get("text"))}
                              for t in entry.get("text_services", [])]}


def _sort_key(name: str) -> str:
    # "États-Unis" among the E, "Österreich" among the O, "أستراليا" among the alifs.
    return "".join(ch for ch in unicodedata.normalize("NFKD", name.casefold())
                   if not unicodedata.combining(ch))


def country_choices(data: dict | None = None, language: str = "en") -> list[tuple[str, str]]:
    """The known countries as (code, name), named and sorted in ``language``."""
    data = data or load()
    names = load_overlay(language).get("countries", {})
    return sorted(((code, (names.get(code) or {}).get("name") or entry.get("name", code))
                   for code, entry in data.get("countries", {}).items()),
                  key=lambda pair: _sort_key(pair[1]))


def emergency_number(household) -> dict:
    """The first emergency number of the household's country (the support page's data):
    999 in the UK, 911 in the US, 112 where nothing is known; with the country's code and
    its urgent health line where it has one for what is not an emergency (NHS 111 in the
    UK, 116 117 in Germany, 1450 in Austria), else None."""
    lines = lines_for(household.country, household.time_zone)
    return {**lines["emergency"][0], "country": lines.get("code", ""),
            "health_line": lines.get("health_line")}
