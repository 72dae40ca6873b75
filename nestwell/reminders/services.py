"""Which reminders are due for whom, and sending them: the one place the in-app list, the
settings page and the job share.

Finding what is due takes a fixed number of queries however many people and devices there
are (one per kind of reminder); ``due.py`` holds the time rules as pure functions.
"""

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.accounts import measures
from nestwell.accounts.models import Household
from nestwell.care.models import Cue, Source
from nestwell.children.models import Child
from nestwell.journal.kinds import KINDS, WRITTEN
from nestwell.journal.models import Moment
from nestwell.medicines import reminders as medicines
from nestwell.milk.models import PumpingSession
from nestwell.pregnancy import kangaroo
from nestwell.reminders import due, vapid
from nestwell.reminders.models import Occurrence, Preferences, PushSubscription, Repeat
from nestwell.wellbeing.models import CheckIn, ScreeningResponse
from nestwell.words import in_sentence

logger = logging.getLogger("nestwell.reminders")

# What every notification says: nothing about her, her baby or what was logged. The
# detail waits behind the app's sign-in.
PUSH_TITLE = gettext_lazy("Nestwell")
PUSH_BODY = gettext_lazy("A gentle reminder from Nestwell")
TEST_BODY = gettext_lazy("A test from Nestwell: notifications reach this device.")
# Crying heard by a listening device: it names nobody, and she turned it on for this.
CRYING_BODY = gettext_lazy("Crying heard in the nursery")
CRYING_PUSHED = timedelta(minutes=10)  # an unanswered detected cry is pushed while fresh
PUSH_TIMEOUT = 10  # seconds for one push service to answer
PUSH_TTL = 12 * 3600  # a reminder older than half a day is no help: the service may drop it
PARTNER_SHOWN = timedelta(hours=3)  # a partner's moment stays in the list this long
PARTNER_PUSHED = timedelta(minutes=15)  # and is sent only while it is fresh
REPEAT_AFTER = timedelta(days=14)
BACKOFF_LONGEST = timedelta(hours=6)
FORGET_AFTER = timedelta(days=30)


@dataclass
class Reminder:
    key: str
    kind: str
    text: str
    link: str
    since: datetime


@dataclass
class Person:
    prefs: Preferences
    zone: ZoneInfo
    reminders: list[Reminder] = field(default_factory=list)

    @property
    def ids(self):
        return (self.prefs.user_id, self.prefs.household_id)

    @property
    def quiet(self):
        return due.Quiet(self.prefs.quiet_on, self.prefs.quiet_start, self.prefs.quiet_end)


def preferences(user, household) -> Preferences:
    """Her choices, or the defaults (unsaved) when she has made none."""
    found = Preferences.objects.filter(user=user, household=household).first()
    return found or Preferences(user=user, household=household)


def _zone(household) -> ZoneInfo:
    try:
        return household.tz
    except Exception:  # a zone removed from the system's database: UTC, never a crash
        return ZoneInfo("UTC")


def _local(moment_time, zone, now):
    """Its time on her clock, with its day when that was not today ("3 Dec, 18:00"): a
    partner may add an entry from days before, which "at 18:00" placed in the future."""
    local = moment_time.astimezone(zone)
    if local.date() != now.astimezone(zone).date():
        return measures.at(local)
    return measures.clock(local)


def _duration(minutes):
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(h)s h %(m)s min") % {"h": hours, "m": rest}
    return _("%(h)s h") % {"h": hours} if hours else _("%(m)s min") % {"m": rest}


def gather(people: list[Person], now: datetime) -> None:
    """Fill each person's ``reminders`` with what is due for her now (newest last)."""
    if not people:
        return
    by_ids = {p.ids: p for p in people}
    users = {p.prefs.user_id for p in people}

    def households(flag):
        return {p.prefs.household_id for p in people if getattr(p.prefs, flag)}

    timer_homes = households("timer_on")
    if timer_homes:
        shortest = min(p.prefs.timer_minutes for p in people if p.prefs.timer_on)
        for moment in (Moment.objects.running().select_related("child")
                       .filter(household_id__in=timer_homes, created_by_id__in=users,
                               started_at__lte=now - timedelta(minutes=shortest),
                               child__died_on__isnull=True)
                       .order_by("started_at")[:500]):
            person = by_ids.get((moment.created_by_id, moment.household_id))
            if person and person.prefs.timer_on and due.timer_due(
                    moment.started_at, person.prefs.timer_minutes, now):
                kind = KINDS.get(moment.kind)
                person.reminders.append(Reminder(
                    f"timer:{moment.pk}", "timer",
                    _("The %(kind)s timer for %(child)s has been running since %(time)s.")
                    % {"kind": in_sentence(kind.label) if kind else moment.kind,
                       "child": moment.child.name,
                       "time": _local(moment.started_at, person.zone, now)},
                    f"{reverse('journal:home')}?child={moment.child_id}", moment.started_at))

    repeat_homes = households("repeat_on")
    if repeat_homes:
        answered = ScreeningResponse.objects.filter(
            author_id=OuterRef("user_id"), household_id=OuterRef("household_id"),
            instrument=OuterRef("instrument"), created_at__gt=OuterRef("created_at"))
        from nestwell.wellbeing import questionnaires

        still_offered = {}  # household id: the questionnaires it is offered now

        def offered(repeat):
            # One about the bond with a baby (the PBQ, the MAAS) is not asked for again
            # once the baby it was about has died.
            if repeat.instrument not in questionnaires.ABOUT_THE_BABY:
                return True
            if repeat.household_id not in still_offered:
                still_offered[repeat.household_id] = {
                    q["id"] for q in questionnaires.offered(repeat.household)}
            return repeat.instrument in still_offered[repeat.household_id]

        for repeat in (Repeat.objects.filter(user_id__in=users, household_id__in=repeat_homes,
                                             due_at__lte=now)
                       .annotate(answered=Exists(answered)).select_related("household")
                       .order_by("due_at")[:500]):
            person = by_ids.get((repeat.user_id, repeat.household_id))
            if person and person.prefs.repeat_on and not repeat.answered and offered(repeat):
                person.reminders.append(Reminder(
                    f"repeat:{repeat.pk}:{repeat.due_at:%Y%m%d}", "repeat",
                    _("You asked to be reminded to answer the %(name)s again, to see how "
                      "things change.") % {"name": questionnaires.short_name(repeat.instrument)},
                    reverse("wellbeing:questionnaire", args=[repeat.instrument]),
                    repeat.due_at))

    checkin_homes = households("checkin_on")
    if checkin_homes:
        last = {(row["author_id"], row["household_id"]): row["last"] for row in
                CheckIn.objects.filter(author_id__in=users, household_id__in=checkin_homes)
                .values("author_id", "household_id").annotate(last=Max("created_at"))
                .order_by()}
        for person in people:
            if not person.prefs.checkin_on:
                continue
            since = person.prefs.updated_at or now
            fell_due = due.checkin_due(last.get(person.ids), since, person.prefs.checkin_days,
                                       now)
            if fell_due:
                person.reminders.append(Reminder(
                    f"checkin:{fell_due:%Y%m%d%H%M}", "checkin",
                    _("A moment to check in with yourself, if you would like one."),
                    reverse("wellbeing:checkin"), fell_due))

    _kangaroo(people, households("kangaroo_on"), now)
    _pumping(people, households("pumping_on"), now)
    medicines.gather(people, now, Reminder)

    partner_homes = households("partner_on")
    if partner_homes:
        for moment in (Moment.objects.alive().exclude(kind__in=WRITTEN)
                       .filter(household_id__in=partner_homes,
                               created_at__gte=now - PARTNER_SHOWN, created_at__lte=now)
                       .exclude(created_by=None).select_related("child", "created_by")
                       .order_by("created_at")[:500]):
            for person in people:
                if (person.prefs.partner_on and person.prefs.household_id == moment.household_id
                        and person.prefs.user_id != moment.created_by_id):
                    kind = KINDS.get(moment.kind)
                    person.reminders.append(Reminder(
                        f"partner:{moment.pk}", "partner",
                        _("%(name)s logged %(kind)s with %(child)s at %(time)s.")
                        % {"name": moment.created_by.display_name,
                           "kind": in_sentence(kind.label) if kind else moment.kind,
                           "child": moment.child.name,
                           "time": _local(moment.started_at, person.zone, now)},
                        f"{reverse('journal:timeline')}?child={moment.child_id}",
                        moment.created_at))
    _crying(people, households("crying_on"), now)
    for person in people:
        person.reminders.sort(key=lambda r: r.since)


def _crying(people, homes, now):
    """Crying a listening device heard that nobody is answering yet (nor said was not)."""
    if not homes:
        return
    for cue in (Cue.objects.open_distress().filter(
            household_id__in=homes, source=Source.DETECTOR, responded_at__isnull=True,
            child__died_on__isnull=True,
            false_alarm=False, started_at__gte=now - CRYING_PUSHED, started_at__lte=now)
            .select_related("child").order_by("started_at")[:100]):
        for person in people:
            if person.prefs.crying_on and person.prefs.household_id == cue.household_id:
                person.reminders.append(Reminder(
                    f"crying:{cue.pk}", "crying",
                    _("Crying heard in the nursery: %(child)s, since %(time)s (heard by "
                      "%(device)s).") % {"child": cue.child.name,
                                         "time": _local(cue.started_at, person.zone, now),
                                         "device": cue.heard_by},
                    f"{reverse('journal:home')}?child={cue.child_id}", cue.started_at))


def _pumping(people, homes, now):
    """Her next pumping, ``pumping_hours`` after the last one she logged (one reminder per
    gap: a new session makes the next). None before her first session."""
    if not homes:
        return
    users = {p.prefs.user_id for p in people if p.prefs.pumping_on}
    last = {(row["created_by_id"], row["household_id"]): row["last"] for row in
            # Not after a loss: pumping for a baby who has died is asked for by no one.
            PumpingSession.objects.filter(created_by_id__in=users, household_id__in=homes,
                                          started_at__lte=now, child__died_on__isnull=True)
            .values("created_by_id", "household_id").annotate(last=Max("started_at"))
            .order_by()}
    for person in people:
        at = last.get(person.ids)
        if not person.prefs.pumping_on or at is None:
            continue
        fell_due = at + timedelta(hours=person.prefs.pumping_hours)
        # Not for ever: a mother who has stopped pumping with the reminder left on is not
        # told "748 h ago" each month (review).
        stale = at + max(timedelta(hours=24), 2 * timedelta(hours=person.prefs.pumping_hours))
        if fell_due <= now < stale:
            person.reminders.append(Reminder(
                f"pumping:{at:%Y%m%d%H%M}", "pumping",
                _("Your last pumping was at %(time)s, %(gap)s ago. Whenever it suits you.")
                % {"time": _local(at, person.zone, now),
                   "gap": _duration(int((now - at).total_seconds() // 60))},
                reverse("milk:pumping"), fell_due))


def _kangaroo(people, homes, now):
    """Skin-to-skin so far today, for babies born early or small, once her time is past."""
    waiting = {}
    for person in people:
        if person.prefs.kangaroo_on and person.prefs.household_id in homes:
            day = due.daily_due(now, person.zone, person.prefs.kangaroo_at)
            if day is not None:
                waiting[person.ids] = (person, day)
    if not waiting:
        return
    homes = {ids[1] for ids in waiting}
    children = [c for c in Child.objects.filter(household_id__in=homes, birth_at__isnull=False,
                                                birth_at__lte=now, died_on__isnull=True)
                if c.born_early_or_small]
    if not children:
        return
    earliest = min(datetime.combine(day, time(), person.zone)
                   for person, day in waiting.values()) - timedelta(days=1)
    intervals = {}
    for child_id, start, end in (Moment.objects.alive()
                                 .filter(child__in=children, kind="skin_to_skin",
                                         started_at__gte=earliest, started_at__lt=now)
                                 .values_list("child_id", "started_at", "ended_at")[:5000]):
        intervals.setdefault(child_id, []).append((start, end))
    for person, day in waiting.values():
        for child in children:
            if child.household_id != person.prefs.household_id:
                continue
            [today] = kangaroo.daily_minutes(intervals.get(child.pk, []), person.zone, day,
                                             day, now)
            if today.reached:
                continue
            person.reminders.append(Reminder(
                f"kangaroo:{child.pk}:{day.isoformat()}", "kangaroo",
                _("Skin-to-skin with %(child)s so far today: %(time)s. For babies born early "
                  "or small, WHO suggests %(goal)s hours or more a day, and every bit of time "
                  "together counts. This is not medical advice: your baby's nurses or midwife "
                  "can say what suits you both.")
                % {"child": child.name, "time": _duration(today.minutes),
                   "goal": kangaroo.WHO_HOURS_PER_DAY},
                f"{reverse('journal:kangaroo')}?child={child.pk}",
                datetime.combine(day, person.prefs.kangaroo_at, person.zone)))


# In the app ---------------------------------------------------------------------------

def due_for(user, household, now=None) -> list[Reminder]:
    """What is due for her now and not put away: the banner on Today and the list."""
    now = now or timezone.now()
    person = Person(preferences(user, household), _zone(household))
    gather([person], now)
    if not person.reminders:
        return []
    put_away = set(Occurrence.objects.filter(
        user=user, household=household, dismissed_at__isnull=False,
        key__in=[r.key for r in person.reminders]).values_list("key", flat=True))
    return [r for r in person.reminders if r.key not in put_away]


@transaction.atomic
def put_away(user, household, key, now=None) -> bool:
    """She has seen this one: it leaves the list and is never sent. False when the key is
    not one of hers that is due now."""
    now = now or timezone.now()
    if key not in {r.key for r in due_for(user, household, now)}:
        return False
    occurrence, _new = Occurrence.objects.get_or_create(user=user, household=household,
                                                        key=key)
    occurrence.dismissed_at = now
    occurrence.save(update_fields=["dismissed_at"])
    return True


def home_slot(request, child):
    """Today asks for the reminders banner after it has loaded (no queries of its own)."""
    return {"reminders_slot": reverse("reminders:banner")}


@transaction.atomic
def ask_to_repeat(user, household, instrument, now=None) -> Repeat:
    """Remind her to answer this questionnaire again in two weeks."""
    now = now or timezone.now()
    repeat, _new = Repeat.objects.update_or_create(
        user=user, household=household, instrument=instrument,
        defaults={"due_at": now + REPEAT_AFTER, "created_at": now})
    return repeat


# The choices her download holds; never a device's push address or keys, which work as a
# password to that device.
OWN_FIELDS = ("timer_on", "timer_minutes", "repeat_on", "checkin_on", "checkin_days",
              "kangaroo_on", "kangaroo_at", "pumping_on", "pumping_hours", "partner_on",
              "crying_on", "quiet_on", "quiet_start", "quiet_end", "updated_at")


def own_settings(user) -> list[dict]:
    """Her reminder choices, the questionnaires she asked to repeat and the names of her
    devices, one dict per household (for the download of her own data): three queries."""
    places = {}

    def place(row):
        name = row.household.name
        return places.setdefault(row.household_id, {
            "household": name, "preferences": None, "repeats": [], "devices": []})

    for prefs in Preferences.objects.filter(user=user).select_related("household") \
            .order_by("pk"):
        place(prefs)["preferences"] = {
            name: value.isoformat() if hasattr(value, "isoformat") else value
            for name in OWN_FIELDS for value in [getattr(prefs, name)]}
    for repeat in Repeat.objects.filter(user=user).select_related("household") \
            .order_by("due_at", "pk"):
        place(repeat)["repeats"].append({"instrument": repeat.instrument,
                                         "due_at": repeat.due_at.isoformat()})
    for device in PushSubscription.objects.filter(user=user).select_related("household"):
        place(device)["devices"].append({
            "label": device.label, "added_at": device.created_at.isoformat(),
            "last_success_at": device.last_success_at.isoformat()
            if device.last_success_at else None})
    return list(places.values())


@transaction.atomic
def save_preferences(prefs: Preferences) -> Preferences:
    prefs.save()
    return prefs


@transaction.atomic
def add_device(user, household, *, endpoint, p256dh, auth, label) -> PushSubscription:
    """This browser's subscription; the same endpoint again (a refresh) replaces it."""
    PushSubscription.objects.filter(endpoint=endpoint).delete()
    return PushSubscription.objects.create(user=user, household=household, endpoint=endpoint,
                                           p256dh=p256dh, auth=auth, label=label[:80])


def forget_devices(user_id, household_id=None) -> int:
    devices = PushSubscription.objects.filter(user_id=user_id)
    if household_id is not None:
        devices = devices.filter(household_id=household_id)
    return devices.delete()[0]


# Sending -------------------------------------------------------------------------------

def _contact():
    return settings.NESTWELL_PUSH_CONTACT


def payload(body) -> str:
    """What the push service carries, encrypted: the generic words and where to go."""
    return json.dumps({"title": str(PUSH_TITLE), "body": str(body),
                       "url": reverse("reminders:due"), "tag": "nestwell-reminder"})


def push(subscription: PushSubscription, body, now, session=None) -> bool:
    """Send one notification to one device. A device the push service no longer knows
    (404, 410) is removed; any other failure is logged and the device rests, longer
    each time (up to six hours), so a broken service is never hammered."""
    from pywebpush import WebPushException, webpush

    try:
        webpush(subscription.info(), data=payload(body),
                vapid_private_key=vapid.private_key(), vapid_claims={"sub": _contact()},
                timeout=PUSH_TIMEOUT, ttl=PUSH_TTL, requests_session=session)
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in (404, 410):
            logger.info("Push device %s is gone (%s); removed", subscription.pk, status)
            subscription.delete()
            return False
        return _rest(subscription, now, f"the push service answered {status}")
    except Exception as error:  # network, DNS, TLS: the device rests, the job goes on
        return _rest(subscription, now, type(error).__name__)
    subscription.failures = 0
    subscription.retry_after = None
    subscription.last_success_at = now
    subscription.save(update_fields=["failures", "retry_after", "last_success_at"])
    return True


def _rest(subscription, now, why) -> bool:
    subscription.failures = min(subscription.failures + 1, 30)
    wait = min(timedelta(minutes=2 ** min(subscription.failures, 10)), BACKOFF_LONGEST)
    subscription.retry_after = now + wait
    subscription.save(update_fields=["failures", "retry_after"])
    logger.warning("Push to device %s failed (%s); trying again after %s", subscription.pk,
                   why, subscription.retry_after.isoformat())
    return False


def send_test(user, household, now=None, session=None) -> int:
    """The "send a test notification" button: to every device of hers, quiet hours or not
    (she asked for it just now). Returns how many devices took it."""
    now = now or timezone.now()
    devices = list(PushSubscription.objects.filter(user=user, household=household))
    return sum(push(d, TEST_BODY, now, session) for d in devices)


def send_due(now=None, household_id=None, session=None) -> int:
    """The job: for everyone with a device that is not resting, send one notification when
    reminders fell due that were never sent or put away, outside her quiet hours. Returns
    how many notifications went out."""
    now = now or timezone.now()
    devices = PushSubscription.objects.filter(
        Q(retry_after__isnull=True) | Q(retry_after__lte=now)).order_by("pk")
    if household_id is not None:
        devices = devices.filter(household_id=household_id)
    by_person = {}
    for device in devices[:5000]:
        by_person.setdefault((device.user_id, device.household_id), []).append(device)
    if not by_person:
        return 0
    users = {u for u, _h in by_person}
    homes = {h for _u, h in by_person}
    found = list(Household.objects.filter(pk__in=homes).only("pk", "time_zone", "locale"))
    zones = {h.pk: _zone(h) for h in found}
    locales = {h.pk: h.locale for h in found}
    saved = {(p.user_id, p.household_id): p for p in
             Preferences.objects.filter(user_id__in=users, household_id__in=homes)}
    people = [Person(saved.get(ids) or Preferences(user_id=ids[0], household_id=ids[1]),
                     zones.get(ids[1], ZoneInfo("UTC"))) for ids in by_person]
    for person in people:
        if person.prefs.pk is None:
            person.prefs.updated_at = now
    gather(people, now)
    for person in people:
        person.reminders = [r for r in person.reminders
                            if r.kind != "partner" or now - r.since <= PARTNER_PUSHED]
    keys = {r.key for p in people for r in p.reminders}
    taken = set(Occurrence.objects.filter(user_id__in=users, household_id__in=homes,
                                          key__in=keys)
                .values_list("user_id", "household_id", "key")) if keys else set()
    sent = 0
    for person in people:
        fresh = [r for r in person.reminders if (*person.ids, r.key) not in taken]
        if fresh and due.in_quiet_hours(now, person.zone, person.quiet):
            # Quiet hours hold everything but the crying she asked to hear of at night.
            fresh = [r for r in fresh if r.kind == "crying"]
        if not fresh:
            continue
        claims = _claim(person, fresh, now)
        if not claims:
            continue
        with translation.override(locales.get(person.prefs.household_id)):
            body = CRYING_BODY if any(r.kind == "crying" for r in fresh) else PUSH_BODY
            took = [push(d, body, now, session) for d in by_person[person.ids]]
        if any(took):
            Occurrence.objects.filter(pk__in=[c.pk for c in claims]).update(pushed_at=now)
            sent += 1
        else:  # no device took it: let go, so it is tried again once a device has rested
            Occurrence.objects.filter(pk__in=[c.pk for c in claims],
                                      dismissed_at__isnull=True).delete()
    return sent


def _claim(person, reminders, now):
    claims = []
    for reminder in reminders:
        try:
            with transaction.atomic():
                claims.append(Occurrence.objects.create(
                    user_id=person.prefs.user_id, household_id=person.prefs.household_id,
                    key=reminder.key, created_at=now))
        except IntegrityError:  # another run claimed it first
            continue
    return claims


def forget_old(now=None) -> int:
    """Claims older than a month are no longer needed to keep anything from repeating."""
    now = now or timezone.now()
    return Occurrence.objects.filter(created_at__lt=now - FORGET_AFTER).delete()[0]
