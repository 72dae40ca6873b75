"""Demo households, so a newcomer sees a living app: a baby of about ten weeks, and a
couple expecting. Deterministic: the same data every time, relative to today."""

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.accounts.models import Household, Membership, User
from nestwell.accounts.roles import Role
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment, Source
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones.models import Milestone
from nestwell.milk import storage as milk_storage
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.wellbeing.models import CheckIn
from nestwell.wondering import library
from nestwell.wondering.models import Wondering

DEMO_PASSWORD = "nestwell-demo"  # noqa: S105 (printed for the demo households only)
DEMO_DOMAIN = "demo.nestwell.invalid"
PARENTS_EMAIL = f"maya@{DEMO_DOMAIN}"
EXPECTING_EMAIL = f"amira@{DEMO_DOMAIN}"


def _user(email, name):
    return User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name)


def _at(day, hour, minute, tz):
    """That time of day on her clock, as an instant (in UTC): a duration added to it is
    real time. Added on her wall clock, a feed at 01:50 on the night the clocks go forward
    ended "before" it began, and the demo failed for weeks after each spring change."""
    return datetime.combine(day, time(hour % 24, minute), tzinfo=tz).astimezone(UTC)


@transaction.atomic
def real_accounts() -> int:
    """How many accounts of real people this data directory holds (0 before the first
    migration): the demo's accounts share a published password, so they are not added
    beside real ones unless the operator says so."""
    from django.db import DatabaseError

    try:
        return User.objects.exclude(email__endswith=DEMO_DOMAIN).count()
    except DatabaseError:  # a new data directory: no tables yet
        return 0


def fill_demo(stdout=None, reset=False, today=None):
    """Create the demo households; with ``reset``, replace them. Returns them."""
    existing = Household.objects.filter(memberships__user__email__endswith=DEMO_DOMAIN).distinct()
    if existing.exists() and not reset:
        if stdout:
            stdout.write(_("The demo households are already there.") + "\n")
            _print_logins(stdout)
        return list(existing)
    existing.delete()
    User.objects.filter(email__endswith=DEMO_DOMAIN).delete()

    tz_name = "Europe/London"
    tz = ZoneInfo(tz_name)
    now = timezone.now()
    today = today or now.astimezone(tz).date()
    rng = random.Random(20261122)  # noqa: S311 (demo data, not security)

    family = Household.objects.create(name="Maya & Sam", time_zone=tz_name)
    maya = _user(PARENTS_EMAIL, "Maya")
    sam = _user(f"sam@{DEMO_DOMAIN}", "Sam")
    nana = _user(f"nana@{DEMO_DOMAIN}", "Nana Rose")
    Membership.objects.bulk_create([
        Membership(user=maya, household=family, role=Role.PARENT),
        Membership(user=sam, household=family, role=Role.PARENT),
        Membership(user=nana, household=family, role=Role.VIEWER),
    ])
    birth_day = today - timedelta(days=70)
    leo = Child.objects.create(household=family, name="Leo",
                               birth_at=_at(birth_day, 4, 12, tz), gestation_weeks=39,
                               gestation_days=2, birth_weight_grams=3420, sex="male")

    moments = []

    def add(kind, start, minutes=0, who=maya, **details):
        end = start + timedelta(minutes=minutes)
        if end > now or start > now:
            return
        moments.append(Moment(household=family, child=leo, kind=kind, started_at=start,
                              ended_at=end, actor=who, created_by=who, details=details,
                              source=Source.WEB))

    # The first hour: skin-to-skin and a first feed.
    add("skin_to_skin", _at(birth_day, 4, 15, tz), 65)
    add("feeding", _at(birth_day, 4, 50, tz), 20, method="breast", side="left",
        eye_contact=True)
    for offset in range(1, 71):
        day = birth_day + timedelta(days=offset)
        age_weeks = offset / 7
        gap = 2.6 + age_weeks * 0.12  # feeds spread out as Leo grows
        hour = rng.uniform(0.5, 2.0)
        side = "left"
        while hour < 24:
            minutes = rng.randint(12, 35)
            if rng.random() < 0.15:
                add("feeding", _at(day, int(hour), rng.randint(0, 59), tz), minutes, who=sam,
                    method="bottle", amount_ml=rng.choice([90, 100, 120, 130, 150]),
                    milk="breast_milk", eye_contact=rng.random() < 0.7)
            else:
                add("feeding", _at(day, int(hour), rng.randint(0, 59), tz), minutes,
                    method="breast", side=side, eye_contact=rng.random() < 0.8)
                side = "right" if side == "left" else "left"
            hour += gap + rng.uniform(-0.5, 0.7)
        if rng.random() < 0.75:
            add("skin_to_skin", _at(day, rng.choice([9, 10, 14, 21]), rng.randint(0, 59), tz),
                rng.randint(20, 60), who=rng.choice([maya, maya, sam]))
        for _time in range(rng.randint(1, 3)):
            add("talk", _at(day, rng.randint(8, 19), rng.randint(0, 59), tz),
                who=rng.choice([maya, sam]), eye_contact=rng.random() < 0.6)
        if rng.random() < 0.6:
            add("sing", _at(day, rng.choice([18, 19, 20]), rng.randint(0, 59), tz),
                song=rng.choice(["Twinkle, twinkle", "You are my sunshine", "Hush little baby"]))
        if offset > 14 and rng.random() < 0.4:
            add("read", _at(day, 19, rng.randint(0, 40), tz), who=sam,
                book=rng.choice(["Guess How Much I Love You", "Goodnight Moon"]))
        if offset % 2 == 0:
            add("bath", _at(day, 18, rng.randint(30, 55), tz), rng.randint(8, 15), who=sam)
        if rng.random() < 0.5:
            add("soothing", _at(day, rng.choice([17, 18, 22, 23]), rng.randint(0, 59), tz),
                rng.randint(10, 40), ways=rng.sample(["rocking", "shushing", "walking",
                                                      "holding", "singing"], 2))
        if offset > 35:
            add("face_to_face", _at(day, rng.randint(9, 17), rng.randint(0, 59), tz),
                eye_contact=True, smiled_back=rng.random() < 0.8)
            if rng.random() < 0.5:
                add("play", _at(day, rng.randint(10, 16), rng.randint(0, 59), tz),
                    rng.randint(5, 20), who=rng.choice([maya, sam]))
        if rng.random() < 0.5:
            add("cuddle", _at(day, rng.randint(7, 21), rng.randint(0, 59), tz),
                who=rng.choice([maya, sam]))
    Moment.objects.bulk_create(moments)

    # Crying in the evenings and at night, and how it was answered; smiles from week six.
    episodes = []
    for offset in range(1, 71):
        day = birth_day + timedelta(days=offset)
        for _time in range(rng.choice([0, 1, 1, 2, 2, 3])):
            hour = rng.choice([2, 3, 17, 18, 18, 19, 19, 20, 22, 23])
            start = _at(day, hour, rng.randint(0, 59), tz)
            if start > now - timedelta(hours=1):
                continue
            need = rng.choice(["hunger", "hunger", "tiredness", "comfort", "", "pain"])
            ways = {"hunger": ["fed"], "tiredness": ["rocked", "sang"],
                    "comfort": ["picked_up"], "pain": ["walked", "rocked"]}.get(
                        need, [rng.choice(["picked_up", "skin_to_skin", "walked"])])
            responded = start + timedelta(seconds=rng.randint(20, 300))
            settled = rng.random() < 0.85
            who = sam if hour in (2, 3) and rng.random() < 0.5 else maya
            episodes.append(Cue(
                household=family, child=leo, signal="cry", need=need, started_at=start,
                responded_at=responded, ways=ways, responder=who, created_by=who,
                closed_at=responded + timedelta(minutes=rng.randint(4, 35)),
                outcome="settled" if settled else "unsettled"))
        if offset > 40:
            for signal in rng.sample(["smile", "smile", "coo", "reach"], rng.randint(1, 3)):
                at = _at(day, rng.randint(8, 18), rng.randint(0, 59), tz)
                if at < now:
                    episodes.append(Cue(
                        household=family, child=leo, signal=signal, started_at=at,
                        closed_at=at, responded_at=at, created_by=maya, responder=maya,
                        ways=[{"smile": "smiled_back", "coo": "talked"}.get(signal,
                                                                           "cuddled")]))
    Cue.objects.bulk_create(episodes)
    bedtime = Routine.objects.create(household=family, child=leo, name="Bedtime")
    RoutineStep.objects.bulk_create([
        RoutineStep(routine=bedtime, position=0, kind="bath", at=time(18, 40)),
        RoutineStep(routine=bedtime, position=1, kind="sing", at=time(19, 10)),
        RoutineStep(routine=bedtime, position=2, kind="feeding", at=time(19, 20)),
    ])
    Routine.objects.filter(pk=bedtime.pk).update(created_at=now - timedelta(days=30))
    born_on = timezone.localtime(leo.birth_at, tz).date()
    for kind, days_old, note in (("knows_voice", 9, "Turned his head when Maya sang"),
                                 ("first_smile", 44, "A real one, at the morning feed"),
                                 ("first_coo", 52, "")):
        if born_on + timedelta(days=days_old) <= today:
            Milestone.objects.create(household=family, child=leo, kind=kind, note=note,
                                     happened_on=born_on + timedelta(days=days_old),
                                     created_by=maya)
    # Weigh-ins: at birth, the midwife's visits, then the health visitor's clinic; a little
    # lost in the first days and back by day 12, then along the 50th centile.
    for days_old, grams, length, head, who in (
            (0, 3420, 505, 345, "hospital"), (5, 3250, None, None, "midwife"),
            (12, 3450, None, None, "midwife"), (28, 4180, 540, 370, "health_visitor"),
            (42, 4850, None, None, "clinic"), (56, 5420, 585, 391, "health_visitor")):
        if born_on + timedelta(days=days_old) <= today:
            Measurement.objects.create(household=family, child=leo,
                                       measured_on=born_on + timedelta(days=days_old),
                                       weight_grams=grams, length_mm=length, head_mm=head,
                                       measured_by=who, created_by=maya)
    for offset in range(13, 0, -1):
        at = _at(today - timedelta(days=offset), 21, rng.randint(0, 50), tz)
        CheckIn.objects.create(household=family, author=maya, created_at=at,
                               mood=rng.choice([2, 3, 3, 4]), connection=rng.choice([3, 4, 4, 5]),
                               sleep_hours=rng.choice([3.5, 4, 4.5, 5, 6]),
                               energy=rng.choice([2, 2, 3]), stress=rng.choice([2, 3, 4]),
                               support=rng.choice([3, 4, 4]), safety="safe")

    care_day = _care_day(family, leo, maya, sam, born_on, today, now, tz)
    pumped = _pumping(family, leo, maya, today, now, tz)
    _wonderings(family, leo, maya, born_on, today, tz, rng, (
        ["content", "sleepy"], ["wanting_you"], ["curious"], ["hungry", "uncomfortable"],
        ["content"], ["overwhelmed", "wanting_you"], ["curious", "content"]), (
        "He kept looking at the window light", "", "Calmer once he heard my voice", "",
        "He curled his fingers round mine", "", ""))
    doses = _medicines(family, leo, maya, sam, born_on, today, now, tz)

    expecting = Household.objects.create(name="Amira & Jo", time_zone=tz_name)
    amira = _user(EXPECTING_EMAIL, "Amira")
    jo = _user(f"jo@{DEMO_DOMAIN}", "Jo")
    Membership.objects.bulk_create([
        Membership(user=amira, household=expecting, role=Role.PARENT),
        Membership(user=jo, household=expecting, role=Role.CAREGIVER),
    ])
    bump = Child.objects.create(household=expecting, name="Little one",
                                due_date=today + timedelta(weeks=10))
    bump_moments = []
    for offset in range(28, 0, -1):
        day = today - timedelta(days=offset)
        for kind, hour, who, extra in (
            ("bump_talk", 21, amira, {}), ("bump_music", 20, jo, {"music": "Clair de lune"}),
        ):
            if rng.random() < 0.6:
                at = _at(day, hour, rng.randint(0, 59), tz)
                bump_moments.append(Moment(household=expecting, child=bump, kind=kind,
                                           started_at=at, ended_at=at, actor=who,
                                           created_by=who, details=extra))
        at = _at(day, 19, rng.randint(0, 30), tz)
        bump_moments.append(Moment(household=expecting, child=bump, kind="movement_count",
                                   started_at=at, ended_at=at + timedelta(
                                       minutes=rng.randint(12, 40)),
                                   actor=amira, created_by=amira, details={"count": 10}))
    at = _at(today - timedelta(days=12), 22, 5, tz)
    bump_moments.append(Moment(
        household=expecting, child=bump, kind="letter", started_at=at, ended_at=at,
        actor=amira, created_by=amira,
        note="Dear little one, tonight you kicked every time Jo laughed. "
             "We painted your room a soft green today. We can't wait to meet you."))
    Moment.objects.bulk_create(bump_moments)
    _wonderings(expecting, bump, amira, None, today, tz, rng, (
        ["listening"], ["stretching", "active"], ["cosy", "calm"], ["hiccups"]), (
        "Kicks every time Jo sings", "", "Quiet after my bath", ""))

    if stdout:
        stdout.write(_("Demo ready.") + "\n  " + ngettext(
            "For Leo (10 weeks): %(moments)s moment, %(cues)s cues, %(care)s nappies and "
            "temperatures, %(pumped)s pumping sessions and %(doses)s doses.",
            "For Leo (10 weeks): %(moments)s moments, %(cues)s cues, %(care)s nappies and "
            "temperatures, %(pumped)s pumping sessions and %(doses)s doses.", len(moments))
            % {"moments": len(moments), "cues": len(episodes), "care": care_day,
               "pumped": pumped, "doses": doses} + "\n  " + ngettext(
            "For a baby due in 10 weeks: %(moments)s moment.",
            "For a baby due in 10 weeks: %(moments)s moments.", len(bump_moments))
            % {"moments": len(bump_moments)} + "\n")
        _print_logins(stdout)
    return [family, expecting]


def _wonderings(household, child, author, born_on, today, tz, rng, feelings, notes):
    """A few weeks of her answers to the daily wondering question, one every few days."""
    rows = []
    for i, (chosen, note) in enumerate(zip(feelings, notes, strict=True)):
        day = today - timedelta(days=3 * (len(feelings) - i))
        key = f"daily:{day.isoformat()}"
        prompt = library.choose(library.band_for(born_on, day), library.DAILY, key)
        rows.append(Wondering(household=household, author=author, child=child,
                              occasion="daily", key=key,
                              about_at=_at(day, 20, rng.randint(0, 40), tz),
                              prompt_id=prompt.id, prompt=prompt.asked(child.name),
                              feelings=chosen, note=note))
    Wondering.objects.bulk_create(rows)


def _care_day(family, leo, maya, sam, born_on, today, now, tz):
    """Leo's nappies (fewer in the first days, as usual) and a few temperatures, one a
    little raised after his 8-week jabs. A random generator of its own, so the rest of
    the demo stays as it was."""
    rng = random.Random(20261202)  # noqa: S311 (demo data, not security)
    nappies = []
    for offset in range((today - born_on).days + 1):
        day = born_on + timedelta(days=offset)
        wet = min(1 + offset, rng.randint(6, 9))
        dirty = 1 if offset < 2 else rng.randint(2, 4) if offset < 42 else rng.randint(0, 2)
        kinds = ["wet"] * max(wet - dirty, 0) + ["both"] * min(wet, dirty) + \
            ["dirty"] * max(dirty - wet, 0)
        rng.shuffle(kinds)
        for i, kind in enumerate(kinds):
            at = _at(day, min(23, 1 + i * 24 // max(len(kinds), 1)), rng.randint(0, 59), tz)
            if at > now or at < leo.birth_at:
                continue
            colour = "" if kind == "wet" else (
                "meconium" if offset < 3 else rng.choice(["yellow", "yellow", "green"]))
            nappies.append(Nappy(household=family, child=leo, kind=kind, changed_at=at,
                                 colour=colour, created_by=rng.choice([maya, sam])))
    Nappy.objects.bulk_create(nappies)
    temperatures = [Temperature(household=family, child=leo, celsius=celsius,
                                taken_at=_at(born_on + timedelta(days=day), hour, 10, tz),
                                note=note, created_by=maya)
                    for day, hour, celsius, note in (
                        (3, 9, "36.8", ""), (56, 18, "37.9", "Evening after his jabs"),
                        (57, 8, "37.2", ""))
                    if born_on + timedelta(days=day) < today]
    Temperature.objects.bulk_create(temperatures)
    return len(nappies) + len(temperatures)


def _pumping(family, leo, maya, today, now, tz):
    """Maya pumps in the mornings of the last three weeks, getting ready to go back to work:
    the milk goes into the fridge or the freezer, a bag is thawing, older ones were used.
    A random generator of its own, so the rest of the demo stays as it was."""
    rng = random.Random(20261203)  # noqa: S311 (demo data, not security)
    sessions, bags = [], []
    for offset in range(21, -1, -1):
        day = today - timedelta(days=offset)
        for hour in (7, 10) if offset % 3 == 0 else (7,):
            at = _at(day, hour, rng.randint(0, 40), tz)
            if at > now - timedelta(minutes=30):
                continue
            ml = rng.randrange(70, 150, 5)
            sessions.append(PumpingSession(
                household=family, child=leo, started_at=at, minutes=rng.randint(12, 25),
                side=rng.choice(["both", "both", "left", "right"]), amount_ml=ml,
                created_by=maya))
            place = "freezer" if offset > 4 else "fridge"
            state, finished = ("used", at + timedelta(days=2)) if offset in (12, 15, 18) \
                else ("kept", None)
            thawed = None
            if offset == 9:
                place, thawed = "thawed", now - timedelta(hours=3)
            bags.append(MilkBag(
                household=family, child=leo, expressed_at=at, amount_ml=ml, place=place,
                thawed_at=thawed, use_by=milk_storage.use_by(place, at, tz, thawed_at=thawed),
                state=state, finished_at=finished, created_by=maya))
    made = PumpingSession.objects.bulk_create(sessions)
    for session, bag in zip(made, bags, strict=True):
        bag.session = session
    MilkBag.objects.bulk_create(bags)
    return len(made)


def _medicines(family, leo, maya, sam, born_on, today, now, tz):
    """Vitamin D drops each morning since his second week (a reminder at 08:00 for Maya),
    and paracetamol after his 8-week jabs on the schedule the pharmacist gave."""
    vitamin_d = Medicine.objects.create(
        household=family, child=leo, name="Vitamin D drops", dose="0.5", unit="ml",
        form="drops", schedule="daily", daily_at=time(8, 0), remind=True, remind_user=maya,
        created_by=maya, note="400 IU a day, as the health visitor said.")
    paracetamol = Medicine.objects.create(
        household=family, child=leo, name="Infant paracetamol", dose="2.5", unit="ml",
        form="liquid", schedule="spaced", min_hours=4, most_per_day=4, created_by=maya,
        note="After the jabs, as the pharmacist said. Check the label for his age.")
    doses = []
    for offset in range(14, (today - born_on).days + 1):
        at = _at(born_on + timedelta(days=offset), 8, 5 + offset % 20, tz)
        if at < now - timedelta(hours=1):
            doses.append(Dose(household=family, child=leo, medicine=vitamin_d, given_at=at,
                              amount=vitamin_d.dose, unit="ml",
                              created_by=maya if offset % 3 else sam))
    for hour in (11, 16, 21):
        at = _at(born_on + timedelta(days=56), hour, 30, tz)
        if at < now:
            doses.append(Dose(household=family, child=leo, medicine=paracetamol,
                              given_at=at, amount=paracetamol.dose, unit="ml",
                              created_by=maya, note="After the jabs" if hour == 11 else ""))
    Dose.objects.bulk_create(doses)
    return len(doses)


def _print_logins(stdout):
    stdout.write("  " + _("Sign in as %(parents)s (a baby of ten weeks) or %(expecting)s "
                          "(expecting), password: %(password)s")
                 % {"parents": PARENTS_EMAIL, "expecting": EXPECTING_EMAIL,
                    "password": DEMO_PASSWORD} + "\n")
