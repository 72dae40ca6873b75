"""Crisis lines by country, from a data file with each number's source and check date.

Loading never raises: if the file is missing or damaged, a minimal built-in answer
(the emergency number) is used, because the support page must always work.
"""

import json
import logging
import re
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

DATA_FILE = Path(__file__).resolve().parent / "data" / "crisis_lines.json"

FALLBACK = {
    "countries": {},
    "time_zones": {},
    "default": {
        "name": "",
        "emergency": [{"number": "112", "tel": "112",
                       "description": "The emergency number on most mobile phones in Europe "
                                      "and many other countries. Use your local emergency "
                                      "number if it is different."}],
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


def country_for_time_zone(time_zone: str, data: dict | None = None) -> str:
    data = data or load()
    return data.get("time_zones", {}).get(time_zone, "")


def lines_for(country: str, time_zone: str = "", data: dict | None = None) -> dict:
    """What to show for a household: its country's entry, else one guessed from the
    time zone, else the default. Always has 'emergency' and 'lines'."""
    data = data or load()
    countries = data.get("countries", {})
    code = (country or "").upper() or country_for_time_zone(time_zone, data)
    entry = countries.get(code)
    if entry:
        return _with_sms_links({"code": code, **entry})
    return _with_sms_links({"code": "", **data["default"]})


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


def country_choices(data: dict | None = None) -> list[tuple[str, str]]:
    data = data or load()
    return sorted(((code, entry.get("name", code)) for code, entry in
                   data.get("countries", {}).items()), key=lambda pair: pair[1])
