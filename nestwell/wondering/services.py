"""Wondering: the one place prompts are worked out and answers are written (the web, the
API and imports come through here). Each write is one transaction."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nestwell.accounts.models import Household, User
from nestwell.care.cues import DISTRESS
from nestwell.care.models import Cue, Outcome
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.journal.services import check_note
from nestwell.journal.timeutil import day_bounds
from nestwell.lib.statements import Statement
from nestwell.wondering import library, rule
from nestwell.wondering.models import Choices, Wondering
from nestwell.wondering.words import feeling_label

NOTE_LIMIT = 500
# Time from the start of a feed or cry to its end that a day's look-up reaches back: one
# that began yesterday evening may end today.
LONGEST = timedelta(hours=24)


_CHOICES = Statement(lambda user, household: Choices.objects.filter(
    user=user, household=household).order_by("pk")[:1], user=User, household=Household)


def choices_for(user, household) -> Choices:
    """Her choices, or the defaults (unsaved: reading them writes nothing)."""
    return (_CHOICES.first(user=user, household=household)
            or Choices(user=user, household=household))


def rule_choices(c: Choices) -> rule.Choices:
    return rule.Choices(after_feed=c.after_feed, after_settle=c.after_settle, daily=c.daily,
                        daily_at=c.daily_at, per_day=c.per_day)


@dataclass(frozen=True)
class Day:
    """One person's occasions of one local day: what the rule reads."""

    occasions: list
    kept: set
    children: dict  # occasion key -> child id (moments and cries)


# Today asks for her day on every look: the three reads are built once per connection
# (lib.statements).
_ANSWERED = Statement(
    lambda user, household, start, end: Wondering.objects.filter(
        author=user, household=household, about_at__gte=start, about_at__lt=end)
    .values_list("key", "occasion", "about_at"),
    user=User, household=Household, start=datetime, end=datetime)
_FEEDS = Statement(
    lambda user, household, since, start, end: Moment.objects.alive().filter(
        household=household, kind="feeding", actor=user, started_at__gte=since,
        ended_at__gte=start, ended_at__lt=end,
        # a timer that ran: a feed noted afterwards as an instant is no "just now"
        ended_at__gt=F("started_at"))
    .values_list("pk", "ended_at", "child_id"),
    user=User, household=Household, since=datetime, start=datetime, end=datetime)
_SETTLED = Statement(
    lambda user, household, since, start, end: Cue.objects.filter(
        household=household, signal__in=DISTRESS, outcome=Outcome.SETTLED,
        started_at__gte=since, closed_at__gte=start, closed_at__lt=end)
    .filter(Q(responder=user) | Q(responder__isnull=True, created_by=user))
    .values_list("pk", "closed_at", "child_id"),
    user=User, household=Household, since=datetime, start=datetime, end=datetime)


def day_of(user, household, choices: rule.Choices, day: date, tz) -> Day:
    """Her occasions of ``day``: at most three queries, whatever the day holds."""
    start, end = day_bounds(day, tz)
    found, children = {}, {}
    for key, occasion, at in _ANSWERED(user=user, household=household, start=start,
                                       end=end):
        found[key] = rule.Occasion(occasion, key, at)
    kept = set(found)
    if choices.after_feed:
        for pk, ended_at, child_id in _FEEDS(user=user, household=household,
                                             since=start - LONGEST, start=start, end=end):
            key = f"moment:{pk}"
            found.setdefault(key, rule.Occasion(library.FEED, key, ended_at))
            children[key] = child_id
    if choices.after_settle:
        for pk, closed_at, child_id in _SETTLED(user=user, household=household,
                                                since=start - LONGEST, start=start,
                                                end=end):
            key = f"cue:{pk}"
            found.setdefault(key, rule.Occasion(library.SETTLE, key, closed_at))
            children[key] = child_id
    daily = rule.daily_occasion(choices, day, tz)
    if daily:
        found.setdefault(daily.key, daily)
    return Day(list(found.values()), kept, children)


def born_on(child, tz):
    return child.birth_at.astimezone(tz).date() if child.birth_at else None


def card(key: str, child, tz, today: date) -> dict:
    """What the card shows for one occasion: the question, the taps, the key to answer."""
    occasion = key.partition(":")[0]
    occasion = {"moment": library.FEED, "cue": library.SETTLE}.get(occasion, library.DAILY)
    band = library.band_for(born_on(child, tz), today)
    prompt = library.choose(band, occasion, key)
    return {"key": key, "child": child, "occasion": occasion, "band": band,
            "prompt_id": prompt.id,
            "question": prompt.asked(child.name, translation.get_language()),
            "feelings": [(code, feeling_label(code, child.sex))
                         for code in library.feelings(band)]}


def due_card(user, household, child, now=None):
    """The card to show her now, or None (the rule in ``rule.due``)."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    today = now.astimezone(tz).date()
    choices = rule_choices(choices_for(user, household))
    if not choices.any:
        return None
    day = day_of(user, household, choices, today, tz)
    occasion = rule.due(choices, day.occasions, day.kept, now)
    if occasion is None:
        return None
    child_id = day.children.get(occasion.key)
    page = child
    if child_id and child_id != child.pk:
        child = Child.objects.filter(pk=child_id, household=household).first() or child
    found = card(occasion.key, child, tz, today)
    # Asked on a twin's page about the other (Fatima, on Adam's Today after Noor's feed):
    # the card says whom it is about above the question.
    found["elsewhere"] = child.pk != page.pk
    return found


def home_card(request, child):
    """Today's card (contributions.home): one query for her choices, at most three more."""
    return {"wondering": due_card(request.user, request.household, child)}


# --- Answering ------------------------------------------------------------------------

def _occasion(user, household, key, child, now):
    """(occasion, child, moment, cue, about_at) for a key, checked: her own feed, a cry
    in her household, or a day no later than today."""
    kind, _sep, ref = key.partition(":")
    tz = timezone.get_current_timezone()
    gone = ValidationError({"key": _("This moment is no longer here.")})
    if kind == "moment" and ref.isascii() and ref.isdigit():
        moment = (Moment.objects.alive().select_related("child")
                  .filter(pk=int(ref), household=household, kind="feeding", actor=user)
                  .first())
        if moment is None:
            raise gone
        return library.FEED, moment.child, moment, None, moment.ended_at or moment.started_at
    if kind == "cue" and ref.isascii() and ref.isdigit():
        cue = (Cue.objects.select_related("child")
               .filter(pk=int(ref), household=household, closed_at__isnull=False).first())
        if cue is None:
            raise gone
        return library.SETTLE, cue.child, None, cue, cue.closed_at
    if kind == "daily":
        try:
            day = date.fromisoformat(ref)
        except ValueError:
            day = None
        today = now.astimezone(tz).date()
        if day is None or not today - timedelta(days=1) <= day <= today:
            raise ValidationError({"key": _("This day's question has passed.")})
        if child is None:
            raise gone
        choices = choices_for(user, household)
        at = datetime.combine(day, choices.daily_at, tzinfo=tz)
        return library.DAILY, child, None, None, min(at, now)
    raise ValidationError({"key": _("This is not a question Nestwell asked.")})


def _clean(band, feelings, note):
    offered = set(library.feelings(band))
    chosen = list(dict.fromkeys(f for f in feelings if isinstance(f, str)))
    if any(f not in offered for f in chosen):
        raise ValidationError({"feelings": _("Choose among the words offered.")})
    note = (note or "").strip()
    check_note(note)
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"note": _("A line of at most %(n)d characters, please.")
                               % {"n": NOTE_LIMIT}})
    if not chosen and not note:
        raise ValidationError({"feelings": _("Tap what you noticed, or write a line.")})
    return chosen, note


@transaction.atomic
def answer(*, user, household, key, feelings=(), note="", child=None, now=None):
    """Keep her answer. The same moment answered again (a form sent twice) is kept once;
    an answer after she put the question away replaces that."""
    now = now or timezone.now()
    occasion, child, moment, cue, about_at = _occasion(user, household, key, child, now)
    tz = timezone.get_current_timezone()
    shown = card(key, child, tz, about_at.astimezone(tz).date())
    feelings, note = _clean(shown["band"], feelings, note)
    existing = Wondering.objects.select_for_update().filter(author=user, key=key).first()
    if existing and existing.answered:
        # Kept once; the safety path still reads the words sent this time (a note of
        # harm written on a second device, or in a card shown again, is not lost unread).
        existing.answered_before = True
        return existing
    values = {"household": household, "child": child, "occasion": occasion,
              "moment": moment, "cue": cue, "about_at": about_at,
              "prompt_id": shown["prompt_id"], "prompt": shown["question"][:300],
              "feelings": feelings, "note": note, "answered": True, "created_at": now}
    if existing:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return existing
    return Wondering.objects.create(author=user, key=key, **values)


@transaction.atomic
def put_away(*, user, household, key, child=None, now=None):
    """Not now: the question is put away (and counts as asked)."""
    now = now or timezone.now()
    occasion, child, moment, cue, about_at = _occasion(user, household, key, child, now)
    wondering, _new = Wondering.objects.get_or_create(
        author=user, key=key, defaults={
            "household": household, "child": child, "occasion": occasion, "moment": moment,
            "cue": cue, "about_at": about_at, "answered": False, "created_at": now})
    return wondering


@transaction.atomic
def never_ask(*, user, household):
    """"Don't ask me again": every moment off, kept until she turns one on."""
    Choices.objects.update_or_create(user=user, household=household, defaults={
        "after_feed": False, "after_settle": False, "daily": False})


@transaction.atomic
def save_choices(choices: Choices) -> Choices:
    choices.save()
    return choices


def mine(user, household):
    """Her answered wonderings in this household (nobody else's, ever)."""
    return Wondering.objects.filter(author=user, household=household, answered=True)


def delete(wondering):
    wondering.delete()
