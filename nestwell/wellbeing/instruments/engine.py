"""Questionnaire scoring: pure Python, no Django.

An instrument is described by a JSON data file (items, answer options in published
order, the scoring key, subscales, bands, safety items, source). Answers are option
positions in published order (0 = the first option printed); scores come from the key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from nestwell.lib.translation import gettext as _
from nestwell.lib.translation import ngettext


class InvalidAnswers(ValueError):
    """A set of answers that cannot be scored; the message says which and why."""


class InvalidInstrument(ValueError):
    """A data file that does not describe a usable instrument."""


@dataclass(frozen=True)
class Option:
    label: str
    score: int


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Subscale:
    code: str
    name: str
    items: tuple[int, ...]
    cutoff: int | None = None  # at or above: noted as above the published threshold


@dataclass(frozen=True)
class Band:
    minimum: int
    maximum: int
    code: str
    label: str


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    version: str
    citation: str
    stem: str
    items: tuple[Item, ...]
    subscales: tuple[Subscale, ...] = ()
    bands: tuple[Band, ...] = ()
    bands_source: str = ""
    safety: dict[int, frozenset[int]] = field(default_factory=dict)  # item -> positions
    wording_included: bool = True
    licence: str = ""
    # The language of the wording; a translation changes only words, never the key.
    language: str = "en"
    translation: str = ""  # the official translation's name, e.g. "PHQ-9 French for France"
    translation_source: str = ""  # where its wording was taken from
    translation_licence: str = ""  # the licence line as printed on the translated form

    @property
    def max_total(self) -> int:
        return sum(max(o.score for o in item.options) for item in self.items)

    @property
    def min_total(self) -> int:
        return sum(min(o.score for o in item.options) for item in self.items)

    def band_for(self, total: int) -> Band | None:
        return next((b for b in self.bands if b.minimum <= total <= b.maximum), None)

    def is_safety_answer(self, item_number: int, position: int) -> bool:
        return position in self.safety.get(item_number, frozenset())


@dataclass(frozen=True)
class Result:
    instrument: str
    version: str
    total: int
    subscales: dict[str, int]
    band: Band | None
    above_cutoff: tuple[str, ...]
    safety: tuple[int, ...]

    def to_dict(self) -> dict:
        return {
            "instrument": self.instrument,
            "version": self.version,
            "total": self.total,
            "subscales": dict(self.subscales),
            "band": self.band.code if self.band else None,
            "band_label": self.band.label if self.band else None,
            "above_cutoff": list(self.above_cutoff),
            "safety": list(self.safety),
        }


def score(instrument: Instrument, answers) -> Result:
    """Score a complete set of answers (option positions in published order)."""
    count = len(instrument.items)
    if not isinstance(answers, (list, tuple)):
        raise InvalidAnswers(ngettext("Answers must be a list of %(count)s option position.",
                                      "Answers must be a list of %(count)s option positions.",
                                      count) % {"count": count})
    if len(answers) != count:
        raise InvalidAnswers(
            ngettext("%(name)s has %(count)s question; %(given)s answers were given.",
                     "%(name)s has %(count)s questions; %(given)s answers were given.", count)
            % {"name": instrument.name, "count": count, "given": len(answers)})
    scores: dict[int, int] = {}
    for item, answer in zip(instrument.items, answers, strict=True):
        last = len(item.options) - 1
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise InvalidAnswers(
                _("Question %(number)s: the answer must be a whole number from 0 to %(last)s.")
                % {"number": item.number, "last": last})
        if not 0 <= answer <= last:
            raise InvalidAnswers(
                _("Question %(number)s: %(answer)s is not an option; choose 0 to %(last)s.")
                % {"number": item.number, "answer": answer, "last": last})
        scores[item.number] = item.options[answer].score
    total = sum(scores.values())
    subscales = {s.code: sum(scores[n] for n in s.items) for s in instrument.subscales}
    above = tuple(s.code for s in instrument.subscales
                  if s.cutoff is not None and subscales[s.code] >= s.cutoff)
    safety = tuple(item.number for item, answer in zip(instrument.items, answers, strict=True)
                   if instrument.is_safety_answer(item.number, answer))
    return Result(instrument.id, instrument.version, total, subscales,
                  instrument.band_for(total), above, safety)


def risk_in(instrument: Instrument, answers) -> tuple[int, ...]:
    """The safety questions whose answer signals a risk of harm, in a set of answers that
    may be incomplete or partly invalid: the safety path never waits for the rest."""
    if not isinstance(answers, (list, tuple)):
        return ()
    return tuple(item.number for item, answer in zip(instrument.items, answers, strict=False)
                 if isinstance(answer, int) and not isinstance(answer, bool)
                 and instrument.is_safety_answer(item.number, answer))


def paper_risk(instrument: Instrument, item_score) -> bool:
    """Whether a score noted for the first safety question of a paper form signals risk."""
    if not instrument.safety or isinstance(item_score, bool) or not isinstance(item_score, int):
        return False
    number = sorted(instrument.safety)[0]
    item = next((i for i in instrument.items if i.number == number), None)
    if item is None:
        return False
    positions = {i for i, o in enumerate(item.options) if o.score == item_score}
    return bool(positions & instrument.safety[number])


def score_total(instrument: Instrument, total: int, safety_scores: dict[int, int] | None = None
                ) -> Result:
    """A total given on paper, with the scores of any safety items that were noted."""
    if isinstance(total, bool) or not isinstance(total, int):
        raise InvalidAnswers(_("The total must be a whole number."))
    if not instrument.min_total <= total <= instrument.max_total:
        raise InvalidAnswers(_("A %(name)s total is from %(low)s to %(high)s; %(total)s is "
                               "outside that.")
                             % {"name": instrument.name, "low": instrument.min_total,
                                "high": instrument.max_total, "total": total})
    flagged = []
    for number, item_score in sorted((safety_scores or {}).items()):
        item = next((i for i in instrument.items if i.number == number), None)
        if item is None or number not in instrument.safety:
            raise InvalidAnswers(_("Question %(number)s is not a safety question here.")
                                 % {"number": number})
        possible = sorted({o.score for o in item.options})
        if item_score not in possible:
            raise InvalidAnswers(_("Question %(number)s scores %(low)s to %(high)s.")
                                 % {"number": number, "low": possible[0], "high": possible[-1]})
        positions = {i for i, o in enumerate(item.options) if o.score == item_score}
        if positions & instrument.safety[number]:
            flagged.append(number)
    return Result(instrument.id, instrument.version, total, {}, instrument.band_for(total),
                  (), tuple(flagged))


def parse(data: dict) -> Instrument:
    """Build and check an instrument from its data file's contents."""
    try:
        default_labels = data.get("options") or []
        default_scores = data.get("scores") or []
        items = []
        for raw in data["items"]:
            labels = raw.get("options") or default_labels
            scores = raw.get("scores") or default_scores
            if not labels or len(labels) != len(scores):
                raise InvalidInstrument(
                    f"{data['id']}: question {raw['number']} needs as many scores as options.")
            items.append(Item(int(raw["number"]), str(raw["text"]),
                              tuple(Option(str(lbl), int(s))
                                    for lbl, s in zip(labels, scores, strict=True))))
        numbers = [i.number for i in items]
        if numbers != list(range(1, len(items) + 1)):
            raise InvalidInstrument(f"{data['id']}: questions must be numbered 1 to N in order.")
        subscales = tuple(Subscale(s["code"], s["name"], tuple(s["items"]), s.get("cutoff"))
                          for s in data.get("subscales", []))
        for s in subscales:
            if not s.items or not set(s.items) <= set(numbers):
                raise InvalidInstrument(f"{data['id']}: subscale {s.code} names a question "
                                        "that does not exist.")
        bands = tuple(Band(b["min"], b["max"], b["code"], b["label"])
                      for b in data.get("bands", []))
        safety = {int(s["item"]): frozenset(s["positions"]) for s in data.get("safety", [])}
        for number, positions in safety.items():
            if number not in numbers or not positions <= set(range(len(items[number - 1].options))):
                raise InvalidInstrument(f"{data['id']}: safety question {number} is not valid.")
        instrument = Instrument(
            id=data["id"], name=data["name"], version=str(data["version"]),
            citation=data["citation"], stem=data.get("stem", ""), items=tuple(items),
            subscales=subscales, bands=bands, bands_source=data.get("bands_source", ""),
            safety=safety, wording_included=bool(data.get("wording_included", True)),
            licence=data.get("licence", ""))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, InvalidInstrument):
            raise
        raise InvalidInstrument(f"Not a usable instrument file: {exc!r}") from exc
    if len(instrument.version) > 160 or any(len(b.label) > 120 or len(b.code) > 40
                                            for b in bands):
        raise InvalidInstrument(f"{instrument.id}: the version is limited to 160 characters, "
                                "band labels to 120 and band codes to 40.")
    if bands:
        expected = instrument.min_total
        for band in sorted(bands, key=lambda b: b.minimum):
            if band.minimum != expected or band.maximum < band.minimum:
                raise InvalidInstrument(f"{instrument.id}: bands must follow on without gaps.")
            expected = band.maximum + 1
        if expected != instrument.max_total + 1:
            raise InvalidInstrument(f"{instrument.id}: bands must cover every possible total.")
    return instrument


def load_file(path: Path) -> Instrument:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInstrument(f"{path}: cannot be read as JSON ({exc}).") from exc
    return parse(data)


# Words that only a draft would contain: a translation holding one is refused.
# Case matters: Spanish "todos" is a word, "TODO" a note.
PLACEHOLDER = re.compile(r"\bTODO\b|\bFIXME\b|XXX|\bTBD\b|(?i:lorem ipsum)|\?\?\?|[{}<>]"
                         r"|\[\[|\]\]")
# A translation holds words only: the scoring key stays in the English file, once.
KEY_FIELDS = ("scores", "safety", "bands", "subscales", "positions", "cutoff")


def _words(where: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInstrument(f"{where} is missing or empty.")
    if PLACEHOLDER.search(value):
        raise InvalidInstrument(f"{where} looks like a placeholder: {value!r}.")
    return value.strip()


def translate(instrument: Instrument, data: dict) -> Instrument:
    """The instrument in a translation's words. The translation file holds only words
    (stem, item texts, option labels, its name, source and licence line); question numbers,
    their order, the options' scores, the safety answers and the bands come from the
    instrument itself, so the scoring is identical in every language."""
    if not isinstance(data, dict):
        raise InvalidInstrument("A translation file holds one JSON object.")
    tag = f"{instrument.id} translation ({data.get('language', '?')})"
    if data.get("instrument") != instrument.id:
        raise InvalidInstrument(f"{tag}: it is for {data.get('instrument')!r}, "
                                f"not {instrument.id!r}.")
    language = data.get("language")
    if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})?",
                                                         language):
        raise InvalidInstrument(f"{tag}: the language must be a code such as 'fr'.")
    duplicated = [k for k in KEY_FIELDS if k in data or any(
        isinstance(i, dict) and k in i for i in data.get("items") or [])]
    if duplicated:
        raise InvalidInstrument(f"{tag}: {', '.join(duplicated)} belong to the instrument, "
                                "not to a translation.")
    name = _words(f"{tag}: the name", data.get("name"))
    source = _words(f"{tag}: the source", data.get("source"))
    licence = _words(f"{tag}: the licence line", data.get("licence")) \
        if data.get("licence") is not None else ""
    stem = _words(f"{tag}: the stem", data.get("stem")) if instrument.stem else ""
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or [
            i.get("number") if isinstance(i, dict) else None for i in raw_items
    ] != [item.number for item in instrument.items]:
        raise InvalidInstrument(f"{tag}: it must have questions "
                                f"{', '.join(str(i.number) for i in instrument.items)}, "
                                "in that order.")
    shared = data.get("options")
    items = []
    for item, raw in zip(instrument.items, raw_items, strict=True):
        labels = raw.get("options") or shared
        if not isinstance(labels, list) or len(labels) != len(item.options):
            raise InvalidInstrument(f"{tag}: question {item.number} needs "
                                    f"{len(item.options)} answer labels.")
        text = _words(f"{tag}: question {item.number}", raw.get("text"))
        options = tuple(Option(_words(f"{tag}: question {item.number}'s answer {n + 1}",
                                      label), original.score)
                        for n, (label, original) in enumerate(
                            zip(labels, item.options, strict=True)))
        items.append(Item(item.number, text, options))
    difficulty = data.get("difficulty")
    if difficulty is not None:  # the unscored last question of the printed form
        if not isinstance(difficulty, dict) or not isinstance(difficulty.get("options"),
                                                              list):
            raise InvalidInstrument(f"{tag}: the difficulty question needs its text and "
                                    "answer labels.")
        _words(f"{tag}: the difficulty question", difficulty.get("text"))
        for label in difficulty["options"]:
            _words(f"{tag}: the difficulty question's answers", label)
    return replace(instrument, stem=stem, items=tuple(items), language=language,
                   translation=name, translation_source=source, translation_licence=licence)


def load_translation(instrument: Instrument, path: Path) -> Instrument:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InvalidInstrument(f"{path}: cannot be read as JSON ({exc}).") from exc
    return translate(instrument, data)
