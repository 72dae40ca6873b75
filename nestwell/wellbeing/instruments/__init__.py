"""Validated questionnaires, scored exactly as published. Pure Python, no Django.

    >>> phq9 = load("phq9")
    >>> score(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]).safety
    (9,)
"""

from pathlib import Path

from nestwell.wellbeing.instruments.engine import (
    Band,
    Instrument,
    InvalidAnswers,
    InvalidInstrument,
    Item,
    Option,
    Result,
    Subscale,
    load_file,
    paper_risk,
    parse,
    risk_in,
    score,
    score_total,
)

BUILT_IN = Path(__file__).resolve().parent / "data"
IDS = ("phq9", "gad7", "phq2", "gad2", "pbq", "maas", "epds")


def load(instrument_id: str, content_dir: str | Path | None = None) -> Instrument:
    """An instrument by id: an organisation's content pack first (``content_dir``), then
    the built-in file. Raises KeyError for an unknown id, InvalidInstrument for a bad file."""
    if instrument_id not in IDS:
        raise KeyError(f"Unknown questionnaire {instrument_id!r}; known: {', '.join(IDS)}.")
    if content_dir:
        pack = Path(content_dir) / f"{instrument_id}.json"
        if pack.exists():
            return load_file(pack)
    built_in = BUILT_IN / f"{instrument_id}.json"
    if not built_in.exists():
        raise KeyError(f"{instrument_id} is not available here.")
    return load_file(built_in)


def available(content_dir: str | Path | None = None) -> list[str]:
    found = []
    for instrument_id in IDS:
        try:
            load(instrument_id, content_dir)
        except (KeyError, InvalidInstrument):
            continue
        found.append(instrument_id)
    return found


__all__ = ["IDS", "Band", "Instrument", "InvalidAnswers", "InvalidInstrument", "Item",
           "Option", "Result", "Subscale", "available", "load", "paper_risk", "parse",
           "risk_in", "score",
           "score_total"]
