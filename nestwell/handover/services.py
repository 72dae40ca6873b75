"""The handover card's data (a fixed handful of queries, whatever the history) and the
writes behind it: "got it", a note for someone, a note marked read. One transaction each."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from nestwell.accounts.models import Household, Membership, User
from nestwell.care.cues import DISTRESS
from nestwell.care.models import Cue
from nestwell.care.responsive import Episode
from nestwell.children.models import Child
from nestwell.handover import summary
from nestwell.handover.models import NOTE_LIMIT, Note, Seen
from nestwell.health import fever
from nestwell.health.models import Nappy, Temperature
from nestwell.health.nappies import BLOOD_COLOURS, PALE_COLOURS
from nestwell.journal import contributions
from nestwell.journal.models import Moment
from nestwell.lib.statements import IDS, Statement
from nestwell.medicines.models import Dose

# The card's reads, on Today for every member: their SQL is built once per connection.
_SEEN = Statement(lambda household, user: Seen.objects.filter(household=household, user=user)
                  .order_by("pk").values_list("seen_at", flat=True)[:1],
                  household=Household, user=User)
_UNREAD = Statement(lambda household, user: Note.objects.unread()
                    .filter(household=household, addressee=user)
                    .select_related("author")[:20], household=Household, user=User)


def _last_feeds(ids):
    latest = (Moment.objects.alive().filter(child=OuterRef("pk"), kind="feeding")
              .order_by("-started_at").values("pk")[:1])
    return Moment.objects.filter(pk__in=Subquery(
        Child.objects.filter(pk__in=ids).annotate(last=Subquery(latest))
        .values("last"))).only("child_id", "started_at", "ended_at", "details")


_LAST_FEEDS = Statement(_last_feeds, ids=IDS)
# The feeds since a day before the window (counted in it: a switch carries one on).
_RECENT_FEEDS = Statement(lambda ids, since, until: Moment.objects.alive().filter(
    child_id__in=ids, kind="feeding", started_at__gte=since, started_at__lte=until)
    .values_list("child_id", "started_at", "ended_at", "details"),
    ids=IDS, since=datetime, until=datetime)
# Sleep and skin-to-skin (for a baby in neonatal care, hours of kangaroo care are most of
# what the family logs), in one statement.
_SLEEPS = Statement(lambda ids, since, until: Moment.objects.alive().filter(
    child_id__in=ids, kind__in=("sleep", "skin_to_skin"), started_at__gte=since,
    started_at__lte=until).values_list("kind", "child_id", "started_at", "ended_at"),
    ids=IDS, since=datetime, until=datetime)
_DISTRESS = Statement(lambda ids, since, until: Cue.objects.filter(
    child_id__in=ids, signal__in=DISTRESS, started_at__gte=since, started_at__lte=until)
    .values_list("child_id", "started_at", "closed_at", "responded_at",
                 "responder__display_name"),
    ids=IDS, since=datetime, until=datetime)
_TEMPERATURES = Statement(lambda ids, since, until: Temperature.objects.filter(
    child_id__in=ids, taken_at__gte=since, taken_at__lte=until)
    .values_list("child_id", "taken_at", "celsius"), ids=IDS, since=datetime, until=datetime)
_DOSES = Statement(lambda ids, since, until: Dose.objects.filter(
    child_id__in=ids, given_at__gte=since, given_at__lte=until)
    .values_list("child_id", "medicine__name", "given_at"),
    ids=IDS, since=datetime, until=datetime)
# Each baby's nappies in the window, and the last pale stool among them, and the last red
# or black one (each a call the same day: said outside the fold, as a fever is).
_NAPPIES = Statement(lambda ids, since, until: Nappy.objects.filter(
    child_id__in=ids, changed_at__gte=since, changed_at__lte=until)
    .values("child_id").annotate(n=Count("pk"), pale_at=Max("changed_at", filter=Q(
        colour__in=PALE_COLOURS)), blood_at=Max("changed_at", filter=Q(
            colour__in=BLOOD_COLOURS))).values_list("child_id", "n", "pale_at", "blood_at"),
    ids=IDS, since=datetime, until=datetime)


def _feed(child_id, started_at, ended_at, details):
    """A feed as the card reads it; a bottle's amount only when it is a whole number of ml
    (an old or imported row may hold anything)."""
    details = details or {}
    ml = details.get("amount_ml")
    return summary.Feed(child_id=child_id, started_at=started_at, ended_at=ended_at,
                        side=details.get("side", ""), method=details.get("method", ""),
                        amount_ml=ml if isinstance(ml, int) and not isinstance(ml, bool)
                        and ml > 0 else None)


def last_seen(household, user):
    return _SEEN.first(household=household, user=user)


@transaction.atomic
def mark_seen(*, household, user, at=None):
    """"Got it": the card starts again from now (or ``at``)."""
    Seen.objects.update_or_create(household=household, user=user,
                                  defaults={"seen_at": at or timezone.now()})


def visible_notes(household, user):
    """The notes this person wrote or that are for them; nobody else ever sees a note."""
    return Note.objects.filter(household=household).filter(Q(author=user) | Q(addressee=user))


def notes_for(household, user):
    """Unread notes for this person, newest first, with who wrote them."""
    return _UNREAD(household=household, user=user)


def gather(household, user, now: datetime | None = None, timers=None, children=None):
    """Everything the card shows for this person, as a ``summary.Handover`` plus the
    running timers and the notes for them: ten queries, however much is logged (one
    fewer for each of the running timers and the household's children that the page has
    read already and gives)."""
    now = now or timezone.now()
    tz = household.tz
    win = summary.window(last_seen(household, user), now)
    # The born children, each with their own entry (twins: two), first born first.
    # Not a baby who has died: the card looks at the night that has passed for the
    # babies here ("Last feed: 2 days ago" beside her twin was cruel).
    if children is None:
        born = list(Child.objects.filter(household=household, birth_at__isnull=False,
                                         died_on__isnull=True)
                    .order_by("birth_at", "pk").values_list("pk", "name", "birth_at"))
    else:
        born = [(c.pk, c.name, c.birth_at) for c in sorted(
            (c for c in children if c.household_id == household.pk and c.birth_at
             and not c.is_remembered),
            key=lambda c: (c.birth_at, c.pk))]
    children = {pk: name for pk, name, _birth in born}
    birthdays = {pk: timezone.localtime(birth, tz).date() for pk, _name, birth in born}
    ids = list(children)
    feeds = [_feed(m.child_id, m.started_at, m.ended_at, m.details)
             for m in _LAST_FEEDS(ids=ids)]
    # A sleep or a cry lasts at most a day: starting a day before the window finds every
    # one that reaches into it, on the (child, started_at) indexes.
    reach = win.since - summary.LONGEST
    recent_feeds = [_feed(*row) for row in _RECENT_FEEDS(ids=ids, since=reach, until=now)]
    held = list(_SLEEPS(ids=ids, since=reach, until=now))
    sleeps = [summary.Stretch(child_id=c, started_at=s, ended_at=e)
              for kind, c, s, e in held if kind == "sleep"]
    skin = [summary.Stretch(child_id=c, started_at=s, ended_at=e)
            for kind, c, s, e in held if kind == "skin_to_skin"]
    night_from = min(reach, now - summary.NIGHTS)
    cue_rows = _DISTRESS(ids=ids, since=night_from, until=now)
    cries = [summary.Stretch(child_id=c, started_at=s, ended_at=e)
             for c, s, e, _r, _who in cue_rows if s >= reach]
    episodes = [Episode(started_at=s, responded_at=r, responder=who or "")
                for _c, s, _e, r, who in cue_rows if s >= now - summary.NIGHTS]
    nappy_rows = list(_NAPPIES(ids=ids, since=win.since, until=now))
    nappies = {c: n for c, n, _pale, _blood in nappy_rows}
    pale = {c: at for c, _n, at, _blood in nappy_rows if at is not None}
    blood = {c: at for c, _n, _pale, at in nappy_rows if at is not None}
    # A temperature and a dose given while she slept are hers to know in the morning.
    readings = [summary.Reading(child_id=c, taken_at=t, celsius=celsius, fever=fever.reading(
        celsius, birthdays.get(c), timezone.localtime(t, tz).date()))
        for c, t, celsius in _TEMPERATURES(ids=ids, since=win.since, until=now)]
    given = [summary.Given(child_id=c, medicine=name, given_at=t)
             for c, name, t in _DOSES(ids=ids, since=win.since, until=now)]
    card = summary.handover(children=children, win=win, feeds=feeds, sleeps=sleeps,
                            cries=cries, nappies=nappies,
                            night=summary.night_people(episodes, tz, _("someone")),
                            readings=readings, given=given, recent_feeds=recent_feeds,
                            pale=pale, blood=blood, skin=skin)
    if timers is None:
        timers = list(Moment.objects.running().readable_by(user)
                      .filter(household=household, child__died_on__isnull=True)
                      .select_related("child").only("kind", "started_at", "child__name")
                      .order_by("started_at"))
    return card, timers, notes_for(household, user)


def home_card(request, child):
    """The handover card on Today, for every member: added to the journal's home page."""
    # Today has read the household's running timers for its own card (the same ones, in
    # the same order) and its children for the switcher: not read twice.
    read = contributions.today_read(request)
    card, timers, notes = gather(request.household, request.user,
                                 timers=read.timers if read else None,
                                 children=read.children if read else None)
    # Shown the first time, and then whenever there is something new to tell; not on a
    # new account with nothing logged ("Got it" with nothing to get, Kayla's first look).
    logged = any(row.last_feed is not None or not row.quiet for row in card.children)
    shown = notes or timers or (card.children and (
        (card.window.first and logged) or card.news))
    return {"handover": card if shown else None,
            "handover_timers": timers, "handover_notes": notes,
            "handover_night_names": get_text_list(card.night_names, _("and")),
            "fever_threshold": fever.FEVER_C, "low_threshold": fever.LOW_C}


def text_error(text):
    """What is wrong with a note's (stripped) words, or None: the rule for the page, the API
    and an import alike."""
    if not text:
        return _("Write a few words for them.")
    if len(text) > NOTE_LIMIT:
        return _("Keep it to %(n)s characters.") % {"n": NOTE_LIMIT}
    if "\x00" in text:
        return _("This note has a character that cannot be kept.")
    return None


@transaction.atomic
def write_note(*, household, author, addressee_id: int | None, text):
    """A note for one other member of the household; refused with a message otherwise."""
    text = (text or "").strip()
    errors = {}
    problem = text_error(text)
    if problem:
        errors["text"] = problem
    addressee = (Membership.objects.filter(household=household, user_id=addressee_id)
                 .exclude(user=author).select_related("user").first()
                 if isinstance(addressee_id, int) else None)
    if addressee is None:
        errors["addressee"] = _("Choose someone in your household.")
    if errors:
        raise ValidationError(errors)
    return Note.objects.create(household=household, author=author, addressee=addressee.user,
                               text=text)


@transaction.atomic
def mark_read(*, household, user, note_id):
    """The person a note is for has read it; anyone else gets nothing (None)."""
    return Note.objects.filter(household=household, addressee=user, pk=note_id,
                               read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def take_back(*, household, user, note_id):
    """Its writer takes a note back (a mistake, or no longer true)."""
    return Note.objects.filter(household=household, author=user, pk=note_id).delete()[0]


def members_to_write_to(household, user):
    return list(Membership.objects.filter(household=household).exclude(user=user)
                .select_related("user").by_seniority())


def notes_written(household, user):
    return list(Note.objects.filter(household=household, author=user)
                .filter(Q(read_at__isnull=True) | Q(read_at__gte=timezone.now()
                                                    - summary.NIGHTS))
                .select_related("addressee")[:30])
