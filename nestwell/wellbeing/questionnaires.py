"""The app's side of the questionnaires: which ones to offer, their introductions in
our words, carrying answers between screens, and saving a completed one.

Scoring itself lives in ``wellbeing.instruments`` (pure Python, no Django).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from nestwell.forms import whole_number
from nestwell.wellbeing.models import Entry, ScreeningResponse

log = logging.getLogger(__name__)

# The language of the instruments' own wording (instruments/data/*.json). A validated
# translation (instruments/data/translations/<id>.<language>.json, or an organisation's
# content pack) is shown in its language instead; the scoring is the same in every one.
WORDING_LANGUAGE = "en"

INTROS = {
    "phq9": (_("Mood over the last two weeks (PHQ-9)"),
             _("Nine questions about how often some common difficulties have bothered you "
               "lately.")),
    "phq2": (_("A two-question mood check (PHQ-2)"),
             _("The first two questions of the PHQ-9: a quick look at mood and interest.")),
    "gad7": (_("Worry and anxiety (GAD-7)"),
             _("Seven questions about feeling nervous, worried or on edge lately.")),
    "gad2": (_("A two-question worry check (GAD-2)"),
             _("The first two questions of the GAD-7.")),
    "pbq": (_("Feelings about your baby (PBQ)"),
             _("Twenty-five statements about how you feel towards your baby. Many parents "
               "have mixed feelings at times; answering honestly is what makes it useful.")),
    "maas": (_("Feelings about your baby before birth (MAAS)"),
             _("Nineteen questions about your thoughts and feelings towards your baby during "
               "the past two weeks of pregnancy. They are written for the one carrying the "
               "baby.")),
    "epds": (_("Edinburgh Postnatal Depression Scale (EPDS)"),
             _("Ten questions about how you have felt in the past seven days.")),
}

REPEAT_AFTER_DAYS = 14


class AnswersRejected(ValueError):
    """The engine refused a set of answers; the message says why, for the person."""


def engine():
    from nestwell.wellbeing import instruments

    return instruments


def content_dir():
    return getattr(settings, "NESTWELL_INSTRUMENTS_DIR", None) or None


def get(instrument_id, language=None):
    """The instrument, or None when it is unknown or its wording is not available. With
    ``language``, in that language's validated translation when there is one, else in
    English (a translation that cannot be used is logged and English is shown)."""
    try:
        english = engine().load(instrument_id, content_dir=content_dir())
    except Exception:  # unknown id or unreadable pack: simply not offered
        return None
    if not language or language == english.language:
        return english
    try:
        return engine().load(instrument_id, content_dir=content_dir(), language=language)
    except Exception:
        log.exception("The %s translation of %s cannot be used; showing English",
                      language, instrument_id)
        return english


def wording(instrument) -> dict:
    """The language of an instrument's questions, for the page: its code (for lang=""),
    its direction, and whether it differs from the language she reads the app in."""
    code = getattr(instrument, "language", WORDING_LANGUAGE) or WORDING_LANGUAGE
    try:
        bidi = translation.get_language_info(code)["bidi"]
    except KeyError:
        bidi = False
    active = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    same = active == code or active.split("-")[0] == code.split("-")[0]
    return {"wording_language": code, "wording_dir": "rtl" if bidi else "ltr",
            "wording_elsewhere": not same,
            "translation": getattr(instrument, "translation", ""),
            "translation_source": getattr(instrument, "translation_source", ""),
            "translation_licence": getattr(instrument, "translation_licence", "")}


def short_name(instrument_id: str) -> str:
    """The questionnaire's own name as clinicians write it ("PHQ-9", not "PHQ9")."""
    instrument = get(instrument_id)
    return instrument.name if instrument is not None else instrument_id.upper()


def can_answer_in_app(instrument) -> bool:
    return bool(getattr(instrument, "wording_included", True))


# The ones about being the baby's parent: the bond with the baby (PBQ, MAAS) and the
# postnatal depression scale (EPDS). A grandmother who helps was offered "Feelings about
# your baby"; for anyone else in the household, the general ones.
PARENTS_ONLY = frozenset({"pbq", "epds", "maas"})


ABOUT_THE_BABY = ("pbq", "maas")  # offered only while the baby they are about is here


def offered(household, *, parent=True):
    """(id, title, description) of the questionnaires that fit this household now, for a
    parent or (``parent=False``) for anyone else in it."""
    children = list(household.children.all())
    # A baby who has died (died_on) asks no questions about the bond with them (the PBQ,
    # the MAAS); her own mood after the birth (the EPDS) is still hers to look at.
    here = [c for c in children if c.died_on is None]
    expecting = any(c.birth_at is None for c in here)
    born = any(c.birth_at is not None for c in children)
    wanted = ["phq9", "gad7", "phq2", "gad2"]
    if any(c.birth_at is not None for c in here):
        wanted += ["pbq"]
    if born:
        wanted += ["epds"]
    if expecting:
        wanted += ["maas"]
    if not parent:
        wanted = [w for w in wanted if w not in PARENTS_ONLY]
    result = []
    for instrument_id in wanted:
        instrument = get(instrument_id)
        if instrument is not None and can_answer_in_app(instrument):
            title, about = INTROS[instrument_id]
            result.append({"id": instrument_id, "title": title, "about": about})
    return result


def parse_answers(raw: str, count: int) -> list[int | None]:
    """Answers carried between screens as '2,1,,3'. Anything odd becomes unanswered."""
    parts = (raw or "").split(",")
    answers: list[int | None] = []
    for i in range(count):
        part = parts[i].strip() if i < len(parts) else ""
        answers.append(whole_number(part, max_digits=3))
    return answers


def format_answers(answers: list[int | None]) -> str:
    return ",".join("" if a is None else str(a) for a in answers)


@transaction.atomic
def save(*, household, author, instrument, answers, entry=Entry.APP, result=None,
         safety_unanswered=()):
    """Score a full set of answers and store it; raises AnswersRejected."""
    if result is None:
        try:
            result = engine().score(instrument, answers)
        except engine().InvalidAnswers as exc:
            raise AnswersRejected(str(exc)) from exc
    return ScreeningResponse.objects.create(
        household=household, author=author, instrument=result.instrument,
        version=result.version, answers=answers, total=result.total,
        subscales=dict(result.subscales), band=result.band.code if result.band else "",
        band_label=result.band.label if result.band else "", safety=list(result.safety),
        safety_unanswered=sorted(safety_unanswered), entry=entry,
    )


# --- Reading an instrument for the screens ---------------------------------------

def item_count(instrument) -> int:
    return len(instrument.items)


def item_view(instrument, index: int) -> dict:
    item = instrument.items[index]
    return {"number": item.number, "text": item.text,
            "options": [option.label for option in item.options]}


def stem(instrument) -> str:
    return instrument.stem


def citation(instrument) -> str:
    return instrument.citation if instrument else ""


def licence(instrument) -> str:
    """The instrument's copyright and licence line, shown with its wording."""
    return getattr(instrument, "licence", "") if instrument else ""


def max_total(instrument) -> int:
    return instrument.max_total if instrument else 0


def valid_position(instrument, index: int, position: int) -> bool:
    return 0 <= position < len(instrument.items[index].options)


def flagged(instrument, index: int, position: int) -> bool:
    """Whether this answer to this question signals a risk of harm."""
    return instrument.is_safety_answer(instrument.items[index].number, position)


def risk_in(instrument, answers) -> bool:
    """Whether any answer given so far (complete or not) signals a risk of harm."""
    return bool(engine().risk_in(instrument, answers))


def paper_risk(instrument, raw_safety_score) -> bool:
    """Whether the safety score typed on the paper form signals risk, read before (and
    whatever) the rest of the form says."""
    from nestwell.lib.measures import typed_number

    # Typed on any keyboard: "٢" on an Arabic one is a 2, and it signals what a 2 does.
    text = typed_number(str(raw_safety_score or "")).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        return False
    return engine().paper_risk(instrument, int(text))


def paper_unanswered(instrument, safety_score: int | None) -> list[int]:
    """The safety questions a paper total leaves unknown: the paper form asks the score of
    the first; without it, or for any other, the answer is not known."""
    items = sorted(instrument.safety)
    return items if safety_score is None else items[1:]


def safety_items(instrument_id) -> list[int]:
    """The numbers of a questionnaire's safety questions (EPDS: [10]; PHQ-9: [9])."""
    instrument = get(instrument_id)
    return sorted(instrument.safety) if instrument is not None else []


def no_risk_note(instrument_id) -> str:
    """How a result says its safety questions were answered without a sign of risk ("" for
    a questionnaire without one): a clinician reading a total needs it said, not implied."""
    numbers = safety_items(instrument_id)
    if not numbers:
        return ""
    return ngettext("safety question %(items)s answered with no sign of risk",
                    "safety questions %(items)s answered with no sign of risk",
                    len(numbers)) % {"items": ", ".join(map(str, numbers))}


def unanswered_note(numbers) -> str:
    """How a result says which safety questions' scores were not noted ("" when none)."""
    numbers = [int(n) for n in numbers or ()]
    if not numbers:
        return ""
    return ngettext("safety question %(items)s not noted", "safety questions %(items)s not noted",
                    len(numbers)) % {"items": ", ".join(map(str, numbers))}


def paper_result(instrument, total: int, safety_score: int | None):
    """A total from a paper form, with the score of its (first) safety question if given."""
    safety_items = sorted(instrument.safety)
    scores = {safety_items[0]: safety_score} if safety_items and safety_score is not None \
        else {}
    try:
        return engine().score_total(instrument, total, scores)
    except engine().InvalidAnswers as exc:
        raise AnswersRejected(str(exc)) from exc


# Plain words for what a band may mean; never a verdict, always who to talk to.
GENTLE = {
    "low": _("Your answers suggest few of these difficulties right now. If that changes, you "
             "can answer again at any time."),
    "some": _("Your answers suggest some of these difficulties. Many parents go through this "
              "in pregnancy and the first year. Talking it through with your midwife, health "
              "visitor or doctor can help, and so can telling someone close to you."),
    "more": _("Your answers suggest you are carrying a lot right now. You deserve support: "
              "please talk to your midwife, health visitor or doctor soon, and let someone "
              "close to you know how you are."),
}
LEVEL = {"minimal": "low", "below_cutoff": "low", "below_threshold": "low",
         "mild": "some", "possible": "some", "at_or_above_cutoff": "some",
         "moderate": "more", "moderately_severe": "more", "severe": "more",
         "probable": "more"}


SAFETY_FIRST = _("Whatever the total says, one answer matters more than any number: the "
                 "one about harm. Please talk to someone today; the people on the support "
                 "page are there for exactly this.")
# Questionnaires whose safety questions are about harm to the baby (the PBQ's 18 and 24:
# having done harmful things, feeling like hurting), not thoughts of harming herself (the
# EPDS's 10, the PHQ-9's 9): the screen names which it was.
HARM_TO_THE_BABY = {"pbq"}


def explain(instrument, response) -> str:
    if response.safety:  # never "few difficulties" next to an answer about harm
        return str(SAFETY_FIRST)
    if response.band:
        return str(GENTLE[LEVEL.get(response.band, "some")])
    if response.subscales and instrument is not None:
        if not any(s.cutoff is not None for s in instrument.subscales):
            return str(_("This questionnaire has no pass mark and no cut-off: higher numbers "
                         "mean warmer, more frequent thoughts and feelings about your baby. "
                         "Feelings in pregnancy come and go and often grow after the first "
                         "movements and after the birth. If anything here worries you, your "
                         "midwife is a good person to talk it over with."))
        above = [s for s in instrument.subscales if s.cutoff is not None
                 and response.subscales.get(s.code, 0) >= s.cutoff]
        if above:
            return str(_("Some of your answers are above the level where the authors suggest "
                         "talking things through with a professional. Feelings towards a baby "
                         "can be mixed, and they can change with support: your midwife, "
                         "health visitor or doctor can help."))
        return str(_("Your answers are below the levels the authors use to suggest extra "
                     "support. Feelings towards a baby grow and change over time."))
    return str(GENTLE["some"])


def subscale_rows(instrument, response) -> list[dict]:
    if instrument is None or not response.subscales:
        return []
    rows = []
    for s in instrument.subscales:
        value = response.subscales.get(s.code)
        if value is None:
            continue
        note = ""
        if s.cutoff is not None:
            note = str(_("above the published threshold")) if value >= s.cutoff else ""
        rows.append({"name": s.name, "value": value, "note": note})
    return rows
