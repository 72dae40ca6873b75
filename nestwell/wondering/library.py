"""The prompt library (``data/prompts.json``) and the choice of a prompt. Pure: no Django.

A prompt is chosen from the baby's age band and the moment it follows (a feed, a settled
cry, the daily one), always the same one for the same moment, so a page shown twice asks
the same question and tests can name it."""

import json
import zlib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "prompts.json"
# The same prompts in each of Nestwell's other languages, by id: {"fr": {"preg-1": …}}.
TRANSLATED = Path(__file__).with_name("data") / "prompts.translations.json"

FEED, SETTLE, DAILY = "feed", "settle", "daily"
OCCASIONS = (FEED, SETTLE, DAILY)
BANDS = ("pregnancy", "newborn", "2_4m", "4_8m", "8_12m")
# Upper bounds of each band after the birth, in days: 8 weeks, about 4 and 8 months.
BAND_ENDS = ((56, "newborn"), (122, "2_4m"), (244, "4_8m"))


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    source: str
    band: str
    occasion: str

    def asked(self, name, language="en"):
        """The question about ``name`` in ``language`` ("fr", "de-at"…), in English where
        there is no translation."""
        kept = translations().get((language or "en").split("-")[0])
        text = kept.get(self.id, self.text) if isinstance(kept, dict) else self.text
        return text.replace("{name}", name)


@cache
def library():
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def translations():
    return json.loads(TRANSLATED.read_text(encoding="utf-8"))


def sources():
    return library()["sources"]


def band_for(born_on: date | None, today: date) -> str:
    """The age band: ``pregnancy`` before the birth, then by days of life; a baby past a
    year stays in the last band."""
    if born_on is None or born_on > today:
        return "pregnancy"
    days = (today - born_on).days
    for end, band in BAND_ENDS:
        if days < end:
            return band
    return "8_12m"


def feelings(band: str) -> list[str]:
    """The taps offered in this band, in the order shown."""
    return list(library()["bands"][band]["feelings"])


def prompts(band: str, occasion: str) -> list[Prompt]:
    """The prompts of a band for an occasion; a band without prompts for it (pregnancy has
    no feeds or cries) falls back to its daily ones."""
    entries = library()["bands"][band]["prompts"]
    chosen = occasion if occasion in entries else DAILY
    return [Prompt(p["id"], p["text"], p["source"], band, chosen) for p in entries[chosen]]


def choose(band: str, occasion: str, key: str) -> Prompt:
    """The prompt for one moment, the same every time for the same ``key`` (a CRC of it:
    stable across processes, unlike ``hash``)."""
    options = prompts(band, occasion)
    return options[zlib.crc32(key.encode("utf-8")) % len(options)]

