"""The kinds of moment a family can log, and the details each one carries.

Each kind's details are described once, as ``Detail`` specs; from them come the
validation model (pydantic, shared by the web forms and the API) and the form fields.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated, Any, Literal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from nestwell.accounts import measures
from nestwell.words import in_sentence, listed, quoted

PREGNANCY = "pregnancy"
BORN = "born"


@dataclass(frozen=True)
class Detail:
    name: str
    label: Any
    type: Literal["choice", "bool", "int", "text", "multi", "seconds"]
    choices: tuple[tuple[str, Any], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = 120
    unit: str = ""
    help: Any = ""
    # Not shown in the general form: set by a dedicated screen (movement taps, the first
    # hour after birth) and kept as they are when the moment is edited.
    editable: bool = True


def _details_model(kind: "Kind") -> type[BaseModel]:
    fields: dict[str, Any] = {}
    for d in kind.details:
        if d.type == "choice":
            annotation = Literal[tuple(code for code, _label in d.choices)] | None
            fields[d.name] = (annotation, None)
        elif d.type == "multi":
            item = Literal[tuple(code for code, _label in d.choices)]
            fields[d.name] = (list[item] | None, None)
        elif d.type == "bool":
            fields[d.name] = (bool | None, None)
        elif d.type == "seconds":
            second = Annotated[int, Field(ge=0, le=d.maximum or 86400, strict=False)]
            fields[d.name] = (list[second] | None, Field(None, max_length=500))
        elif d.type == "int":
            fields[d.name] = (int | None, Field(None, ge=d.minimum, le=d.maximum, strict=False))
        else:
            fields[d.name] = (str | None, Field(None, max_length=d.max_length,
                                                pattern=r"^[^\x00]*$"))
    return create_model(
        f"{kind.code.title().replace('_', '')}Details",
        __config__=ConfigDict(extra="forbid"),
        **fields,
    )


@dataclass(frozen=True)
class Kind:
    code: str
    label: Any
    icon: str
    timed: bool  # logged with a start/stop timer by default
    stages: frozenset = frozenset({BORN})
    details: tuple[Detail, ...] = ()
    # On the home screen: "tile" (a big one-tap button), "chip" (a smaller one-tap
    # button), or "" (logged through the full form only).
    quick: str = "tile"
    done_label: Any = ""  # how a one-tap log is confirmed, e.g. "Talking logged"
    # A timer running longer than this was probably forgotten: she is asked "still going?"
    usual_length: timedelta = timedelta(hours=2)
    # Counted as time together (the insights' "minutes together", the week's moments): a
    # night in the cot is not (ten hours a day had made every bar of the chart sleep).
    together: bool = True
    model: type[BaseModel] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "model", _details_model(self))


EYE_CONTACT = Detail("eye_contact", _("Eye contact"), "bool",
                     help=_("Did you look into each other's eyes?"))
SMILED_BACK = Detail("smiled_back", _("Smiles back and forth"), "bool")
FIRST = Detail("first", _("The first time"), "bool", editable=False)
TAPS = Detail("taps", _("Seconds from the start to each movement"), "seconds", maximum=86400,
              editable=False)

# A tube feed (a baby in a neonatal unit, or at home on a tube) is given, with its amount,
# like a bottle; it counts among the feeds and the report gives it its own row.
FEED_METHODS = (("breast", _("Breast")), ("bottle", _("Bottle")), ("tube", _("Tube")),
                ("solids", _("Solids")))
GIVEN_METHODS = ("bottle", "tube")  # fed with an amount: the amount box and the milk
SIDES = (("left", _("Left")), ("right", _("Right")), ("both", _("Both")))
MILKS = (("breast_milk", _("Expressed breast milk")), ("formula", _("Formula")),
         ("mixed", _("Mixed")), ("donor", _("Donor milk")))
SOOTHING_WAYS = (
    ("holding", _("Holding")), ("rocking", _("Rocking")), ("shushing", _("Shushing")),
    ("walking", _("Walking")), ("singing", _("Singing")), ("feeding", _("Feeding")),
    ("swaddling", _("Swaddling")), ("skin_to_skin", _("Skin-to-skin")),
    ("white_noise", _("White noise")),
)
SLEEP_PLACES = (("cot", _("Cot")), ("arms", _("In arms")), ("carrier", _("Carrier")),
                ("pram", _("Pram")), ("bed", _("Our bed")), ("other", _("Somewhere else")))

KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("skin_to_skin", _("Skin-to-skin"), "🫂", timed=True,
         usual_length=timedelta(hours=4), details=(FIRST,),
         done_label=_("Skin-to-skin logged")),
    Kind("feeding", _("Feed"), "🍼", timed=True,
         usual_length=timedelta(hours=1, minutes=30), details=(
        Detail("method", _("How"), "choice", FEED_METHODS),
        Detail("side", _("Side"), "choice", SIDES),
        Detail("amount_ml", _("Amount"), "int", minimum=1, maximum=1000, unit="ml"),
        Detail("milk", _("Milk"), "choice", MILKS),
        EYE_CONTACT, FIRST,
    ), done_label=_("Feed logged")),
    Kind("talk", _("Talking"), "💬", timed=False, details=(EYE_CONTACT,),
         done_label=_("Talking logged")),
    Kind("sing", _("Singing"), "🎵", timed=False, details=(
        Detail("song", _("Song"), "text", max_length=120),
    ), done_label=_("Singing logged")),
    Kind("read", _("Reading"), "📖", timed=False, details=(
        Detail("book", _("Book"), "text", max_length=120),
    ), done_label=_("Reading logged")),
    Kind("cuddle", _("Cuddle"), "🤗", timed=False, details=(FIRST,),
         done_label=_("Cuddle logged")),
    Kind("face_to_face", _("Face-to-face"), "👀", timed=False,
         details=(EYE_CONTACT, SMILED_BACK), done_label=_("Face-to-face time logged")),
    Kind("babywearing", _("Babywearing"), "🧣", timed=True,
         usual_length=timedelta(hours=4), quick="chip"),
    Kind("massage", _("Baby massage"), "👐", timed=True,
         usual_length=timedelta(hours=1), quick="chip"),
    Kind("bath", _("Bath"), "🛁", timed=True, usual_length=timedelta(hours=1), quick="chip"),
    Kind("play", _("Play"), "🧸", timed=True, usual_length=timedelta(hours=2), quick="chip"),
    Kind("soothing", _("Soothing"), "🌙", timed=True,
         usual_length=timedelta(hours=2), quick="chip", details=(
        Detail("ways", _("What helped"), "multi", SOOTHING_WAYS),
    )),
    Kind("sleep", _("Sleep"), "😴", timed=True,
         usual_length=timedelta(hours=12), quick="chip", together=False, details=(
        Detail("place", _("Where"), "choice", SLEEP_PLACES),
    )),
    Kind("bump_talk", _("Talking to the bump"), "🫶", timed=False,
         stages=frozenset({PREGNANCY}), done_label=_("Bump talk logged")),
    Kind("bump_music", pgettext_lazy("moment kind", "Music for the bump"), "🎶", timed=False,
         stages=frozenset({PREGNANCY}), details=(
             Detail("music", _("What you played or sang"), "text", max_length=120),
         ), done_label=_("Music logged")),
    Kind("movement_count", _("Movements"), "🦶", timed=True,
         usual_length=timedelta(hours=2), stages=frozenset({PREGNANCY}),
         quick="", details=(
             Detail("count", _("Movements felt"), "int", minimum=0, maximum=500), TAPS)),
    Kind("letter", _("Letter to baby"), "✉️", timed=False, quick="",
         stages=frozenset({PREGNANCY, BORN}), details=(
             Detail("shared", _("Let the household read it"), "bool",
                    help=_("Letters are yours alone unless you tick this.")),
         )),
    # A few words about the day, in the timeline with the moments (Baby Buddy's notes
    # come over as these). Written, not done with the baby: see WRITTEN.
    Kind("note", pgettext_lazy("moment kind", "Note"), "📝", timed=False, quick="",
         stages=frozenset({PREGNANCY, BORN})),
)}

# Kinds that are words rather than time spent with the baby: never a one-tap tile, a
# routine step, a "your partner logged" reminder, or a square of the 24-hour protocol.
WRITTEN = frozenset({"letter", "note"})

KIND_CHOICES = [(code, kind.label) for code, kind in KINDS.items()]


class DetailsError(ValueError):
    """Invalid details; ``errors`` maps a field name ('' for the whole) to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__("; ".join(f"{k}: {', '.join(v)}" if k else ", ".join(v)
                                   for k, v in errors.items()))
        self.errors = errors


def validate_details(kind_code: str, data: dict | None) -> dict:
    """Check a kind's details and return them cleaned, with empty values left out."""
    kind = KINDS.get(kind_code)
    if kind is None:
        raise DetailsError({"kind": [str(_("This kind of moment does not exist."))]})
    raw = {k: v.strip() if isinstance(v, str) else v for k, v in (data or {}).items()}
    raw = {k: v for k, v in raw.items() if v not in (None, "", [])}
    try:
        details = kind.model.model_validate(raw)
    except ValidationError as exc:
        errors: dict[str, list[str]] = {}
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            errors.setdefault(name, []).append(_friendly(err, kind))
        raise DetailsError(errors) from exc
    clean = details.model_dump(exclude_none=True)
    _check_feeding(kind_code, clean)
    return clean


def _friendly(err: dict, kind: Kind) -> str:
    name = err["loc"][0] if err["loc"] else ""
    spec = next((d for d in kind.details if d.name == name), None)
    if err["type"] == "extra_forbidden":
        return str(_("%(kind)s has no detail called “%(name)s”.")
                   % {"kind": kind.label, "name": name})
    if spec and spec.type == "int":
        return str(_("Enter a whole number from %(min)s to %(max)s.")
                   % {"min": spec.minimum, "max": spec.maximum})
    if spec and spec.type in ("choice", "multi"):
        return str(_("Choose one of the options offered."))
    if spec and spec.type == "text" and err["type"] == "string_pattern_mismatch":
        return str(_("This holds an invisible control character; please retype it."))
    if spec and spec.type == "text":
        return str(_("Keep this under %(n)s characters.") % {"n": spec.max_length})
    return str(_("This value is not valid."))


def _check_feeding(kind_code: str, clean: dict) -> None:
    if kind_code != "feeding":
        return
    method = clean.get("method")
    if clean.get("side") and method is None:
        # A side says it is a breastfeed (Aoife's script sent {"side": "left"}: the report
        # then had no breastfeeds by side).
        clean["method"] = method = "breast"
    errors: dict[str, list[str]] = {}
    if "side" in clean and method not in (None, "breast"):
        errors["side"] = [str(_("A side only goes with a breastfeed."))]
    if ("amount_ml" in clean or "milk" in clean) and method == "breast":
        errors["amount_ml"] = [str(_("An amount goes with a bottle or solids, "
                                     "not a breastfeed."))]
    if errors:
        raise DetailsError(errors)


# A feed shows how the baby fed: at the breast, from a bottle, or solids.
FEED_ICONS = {"breast": "🤱", "bottle": "🍼", "solids": "🥣"}


def icon_for(kind_code: str, details: dict | None = None) -> str:
    """The icon of one moment: its kind's, except that a feed shows how the baby fed."""
    if kind_code == "feeding":
        method = (details or {}).get("method")
        if method in FEED_ICONS:
            return FEED_ICONS[method]
    spec = KINDS.get(kind_code)
    return spec.icon if spec else "•"


def kinds_for_stage(stage_group: str, quick: str | None = None) -> list[Kind]:
    """The kinds that fit a stage group; with ``quick``, only those shown that way."""
    return [k for k in KINDS.values()
            if stage_group in k.stages and (quick is None or k.quick == quick)]


def describe(kind_code: str, details: dict) -> str:
    """A short, human line for a moment's details (e.g. 'Left · eye contact')."""
    kind = KINDS.get(kind_code)
    if kind is None:
        return ""
    parts = []
    for d in kind.details:
        value = details.get(d.name)
        if value in (None, "", []):
            continue
        if d.type == "seconds" or (kind_code == "letter" and d.name == "shared"):
            continue
        if d.type == "bool":
            if value:
                parts.append(in_sentence(d.label) if parts else str(d.label))
        elif d.type == "choice":
            parts.append(str(dict(d.choices).get(value, value)))
        elif d.type == "multi":
            labels = dict(d.choices)
            parts.append(listed(labels.get(v, v) for v in value))
        elif d.type == "int":
            if d.unit == "ml":
                parts.append(measures.volume(value))
            else:
                parts.append(f"{value}\u00a0{d.unit}" if d.unit else f"{d.label}: {value}")
        else:
            parts.append(quoted(value))  # „Die kleine Raupe Nimmersatt“ in German
    return " · ".join(parts)
