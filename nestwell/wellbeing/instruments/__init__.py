"""Validated questionnaires, scored exactly as published. Pure Python, no Django.

    >>> phq9 = load("phq9")
    >>> score(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]).safety
    (9,)
"""

from pathlib import Path

from nestwell.lib.translation import gettext as _
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
    load_translation,
    paper_risk,
    parse,
    risk_in,
    score,
    score_total,
    translate,
)

BUILT_IN = Path(__file__).resolve().parent / "data"
IDS = ("phq9", "gad7", "phq2", "gad2", "pbq", "maas", "epds")


def load(instrument_id: str, content_dir: str | Path | None = None,
         language: str | None = None) -> Instrument:
    """An instrument by id: an organisation's content pack first (``content_dir``), then
    the built-in file. With ``language``, in that language's validated wording when there
    is a translation (``translations/<id>.<language>.json``, in the content pack or built
    in), else in English: ``.language`` says which. Raises KeyError for an unknown id,
    InvalidInstrument for a bad file (a bad translation included)."""
    if instrument_id not in IDS:
        raise KeyError(_("Unknown questionnaire %(name)s; known: %(known)s.")
                       % {"name": repr(instrument_id), "known": ", ".join(IDS)})
    folders = _wording_folders(instrument_id, content_dir)
    path = folders[-1] / f"{instrument_id}.json"
    if not path.exists():
        raise KeyError(_("%(name)s is not available here.") % {"name": instrument_id})
    instrument = load_file(path)
    found = translation_file(folders, instrument_id, language, instrument.language)
    return load_translation(instrument, found) if found else instrument


def _wording_folders(instrument_id: str, content_dir) -> list[Path]:
    """Where an instrument's translations are looked for, first to last; its own file is
    in the last. A content pack may add translations of a built-in instrument; a pack's
    own version of an instrument only ever takes the pack's translations."""
    if content_dir and (Path(content_dir) / f"{instrument_id}.json").exists():
        return [Path(content_dir)]
    return [Path(content_dir), BUILT_IN] if content_dir else [BUILT_IN]


def translation_file(folders: list[Path], instrument_id: str, language: str | None,
                     original: str = "en") -> Path | None:
    """The translation for ``language`` (its exact code, else its main language: 'fr' for
    'fr-ca'), or None when the questions are to stay in their original language."""
    if not language:
        return None
    code = language.lower().replace("_", "-")
    for candidate in dict.fromkeys([code, code.split("-")[0]]):
        if candidate == original:
            return None
        for folder in folders:
            path = folder / "translations" / f"{instrument_id}.{candidate}.json"
            if path.exists():
                return path
    return None


def languages(instrument_id: str, content_dir: str | Path | None = None) -> list[str]:
    """The languages an instrument's questions can be shown in, its original first."""
    found = {p.name.split(".")[1] for folder in _wording_folders(instrument_id, content_dir)
             for p in (folder / "translations").glob(f"{instrument_id}.*.json")}
    return ["en", *sorted(found - {"en"})]


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
           "Option", "Result", "Subscale", "available", "languages", "load", "load_translation",
           "paper_risk", "parse", "risk_in", "score", "score_total", "translate",
           "translation_file"]
