"""Realistic synthetic households for benchmarks, deterministic with a seed.

Profiles:
- ``baby-3m``: one baby over 3 months.
- ``twins-3y``: twins over 3 years, about 120,000 moments, cues, check-ins and
  screenings together, with the rhythms of real days: frequent feeds early on and fewer
  later, evening crying peaks, night wakings, daily skin-to-skin early on.
- ``hosted``: 500 small households (a month each), as an organisation would host.
- ``smoke``: a tiny household, for CI.

Every profile also has the care day: 5 to 8 nappies a day by age and a temperature now
and then, drawn from a generator of their own so the other rows stay as they were.
"""

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from nestwell.accounts.models import ApiToken, Household, Membership, User
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.children.models import Child
from nestwell.growth.models import Measurement
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment, Source
from nestwell.medicines.models import Dose, Medicine
from nestwell.milk import storage as milk_storage
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.wellbeing.instruments import load, score
from nestwell.wellbeing.models import CheckIn, ScreeningResponse

phq9 = load("phq9")

ZONE = ZoneInfo("Europe/London")
BATCH = 5000
PROFILES = {"smoke": (1, 1, 7), "baby-3m": (1, 1, 90), "twins-3y": (1, 2, 3 * 365),
            "hosted": (500, 1, 30)}


def _at(day, hour, minute, rng):
    """A local wall-clock time, as UTC: adding minutes to it is then plain arithmetic (an
    aware local time adds in wall-clock time, which runs backwards across a DST gap)."""
    local = datetime.combine(day, time(hour % 24, minute % 60), ZONE)
    return local.astimezone(UTC) + timedelta(seconds=rng.randint(0, 59))


def _day(child, mother, day, age_days, rng, household, now):
    """One day of one baby: feeds, sleep, closeness, talk, crying — thinning with age."""
    moments, cues = [], []

    def moment(kind, start, minutes, **details):
        end = start + timedelta(minutes=minutes)
        # Nothing before the birth (the first day starts at the hour of birth): the
        # import, which the benchmark runs on the exported data, refuses such a moment.
        if end < now and start >= child.birth_at:
            moments.append(Moment(household=household, child=child, kind=kind,
                                  started_at=start, ended_at=end, actor=mother,
                                  created_by=mother, details=details, source=Source.WEB))

    feeds = 10 if age_days < 60 else 7 if age_days < 180 else 5 if age_days < 365 else 3
    for i in range(feeds):
        hour = int(24 * i / feeds) + rng.randint(0, 1)
        if rng.random() < 0.7:
            moment("feeding", _at(day, hour, rng.randint(0, 59), rng), rng.randint(10, 30),
                   method="breast", side=rng.choice(("left", "right")))
        else:
            moment("feeding", _at(day, hour, rng.randint(0, 59), rng), rng.randint(10, 20),
                   method="bottle", amount_ml=rng.choice((60, 90, 120, 150)),
                   milk="formula")
    naps = 5 if age_days < 90 else 3 if age_days < 365 else 2
    for i in range(naps):
        moment("sleep", _at(day, 9 + i * 3, rng.randint(0, 59), rng), rng.randint(30, 110),
               place=rng.choice(("cot", "arms", "pram")))
    moment("sleep", _at(day, 19, rng.randint(30, 59), rng), 60 * rng.randint(4, 7),
           place="cot")
    if age_days < 120 or rng.random() < 0.4:
        moment("skin_to_skin", _at(day, rng.choice((7, 14, 21)), rng.randint(0, 59), rng),
               rng.randint(15, 60))
    # The small moments of closeness are what a bonding journal is mostly made of: several
    # chats, songs and cuddles a day (one tap each), a little fewer once a toddler.
    low, high = (5, 11) if age_days < 365 else (4, 9)
    for kind in ("talk", "sing", "read", "cuddle", "face_to_face"):
        for _ in range(rng.randint(low, high)):
            moment(kind, _at(day, rng.randint(7, 20), rng.randint(0, 59), rng), 0)
    for kind in ("bath", "play", "massage", "babywearing"):
        if rng.random() < 0.4:
            moment(kind, _at(day, rng.randint(9, 19), rng.randint(0, 59), rng),
                   rng.randint(5, 20))
    cries = 6 if age_days < 90 else 3 if age_days < 365 else 2
    for _ in range(cries):
        hour = rng.choice((17, 18, 19, 20, 21, 22, 2, 4, 11))  # evening peak, night waking
        start = _at(day, hour, rng.randint(0, 59), rng)
        if start + timedelta(minutes=30) < now and start >= child.birth_at:
            answered = start + timedelta(seconds=rng.randint(20, 400))
            cues.append(Cue(household=household, child=child, signal="cry",
                            need=rng.choice(("hunger", "comfort", "tiredness")),
                            started_at=start, responded_at=answered,
                            ways=[rng.choice(("picked_up", "fed", "rocked", "sang"))],
                            responder=mother, closed_at=answered + timedelta(
                                minutes=rng.randint(2, 25)), outcome="settled",
                            created_by=mother))
            if rng.random() < 0.5:
                moment("soothing", answered, rng.randint(2, 20))
    for _ in range(rng.randint(1, 4) if age_days > 42 else 0):
        start = _at(day, rng.randint(9, 18), rng.randint(0, 59), rng)
        if child.birth_at <= start < now:
            cues.append(Cue(household=household, child=child,
                            signal=rng.choice(("smile", "coo", "reach")), started_at=start,
                            responded_at=start, closed_at=start, ways=["smiled_back"],
                            responder=mother, created_by=mother))
    return moments, cues


def household_with(name, babies, days, rng, now, email):
    household = Household.objects.create(name=name, time_zone="Europe/London")
    mother = User.objects.create_user(email=email, password=None, display_name="Mother")
    Membership.objects.create(user=mother, household=household, role="parent")
    # ``days`` calendar days before today in London, on its wall clock: counted in UTC, a
    # week-old baby born before the autumn clock change had its seventh day tomorrow.
    born = now.astimezone(ZONE) - timedelta(days=days)
    children = [Child.objects.create(household=household, name=f"Baby {i + 1}",
                                     birth_at=born, gestation_weeks=38,
                                     sex=("female", "male")[i % 2])
                for i in range(babies)]
    for child in children:
        routine = Routine.objects.create(household=household, child=child, name="Bedtime")
        RoutineStep.objects.bulk_create([
            RoutineStep(routine=routine, position=0, kind="bath", at=time(18, 30)),
            RoutineStep(routine=routine, position=1, kind="feeding", at=time(19, 0))])
    moments, cues, checkins, screenings, measurements = [], [], [], [], []
    first_day = born.date()
    for offset in range(days + 1):
        day = first_day + timedelta(days=offset)
        for child in children:
            m, c = _day(child, mother, day, offset, rng, household, now)
            moments += m
            cues += c
        if offset % 7 == 0 and day <= now.astimezone(ZONE).date():
            # A weekly weigh-in (length and head every fourth), near the middle of the chart.
            for child in children:
                measurements.append(Measurement(
                    household=household, child=child, measured_on=day,
                    weight_grams=(3300 + min(offset, 120) * 28 + max(0, offset - 120) * 6
                                  + rng.randint(-150, 150)),
                    length_mm=500 + offset * 2 // 5 if offset % 28 == 0 else None,
                    head_mm=345 + min(offset, 730) // 5 if offset % 28 == 0 else None,
                    measured_by=rng.choice(("parent", "health_visitor", "clinic")),
                    created_by=mother))
        when = _at(day, 21, 0, rng)
        if when < now and rng.random() < 0.8:
            checkins.append(CheckIn(household=household, author=mother, created_at=when,
                                    mood=rng.randint(2, 5), connection=rng.randint(2, 5),
                                    sleep_hours=rng.choice((3, 4.5, 5, 6, 7)),
                                    energy=rng.randint(1, 5), stress=rng.randint(1, 5),
                                    support=rng.randint(2, 5), safety="safe"))
        if when < now and offset % 14 == 0:
            # Answers that score to their total (item 9 left at 0), so the data passes
            # the import's own check of every questionnaire.
            answers = [rng.choice((0, 0, 1, 1, 2)) for _ in range(8)] + [0]
            result = score(phq9, answers)
            screenings.append(ScreeningResponse(
                household=household, author=mother, instrument="phq9",
                version=result.version, answers=answers, total=result.total,
                subscales=dict(result.subscales), band=result.band.code if result.band else "",
                band_label=result.band.label if result.band else "", created_at=when))
        if len(moments) >= BATCH:
            Moment.objects.bulk_create(moments, batch_size=BATCH)
            moments = []
    Moment.objects.bulk_create(moments, batch_size=BATCH)
    Cue.objects.bulk_create(cues, batch_size=BATCH)
    _care_day(household, mother, children, first_day, days, now, random.Random(f"{name} care"))
    _pumping(household, mother, children[0], first_day, days, now,
             random.Random(f"{name} pumping"))
    _medicines(household, mother, children, first_day, days, now,
               random.Random(f"{name} medicines"))
    CheckIn.objects.bulk_create(checkins, batch_size=BATCH)
    ScreeningResponse.objects.bulk_create(screenings, batch_size=BATCH)
    Measurement.objects.bulk_create(measurements, batch_size=BATCH)
    return household, mother, children


def _care_day(household, mother, children, first_day, days, now, rng):
    """Nappies (more in the first months) and a temperature about once a fortnight."""
    nappies, temperatures = [], []
    for offset in range(days + 1):
        day = first_day + timedelta(days=offset)
        count = 8 if offset < 60 else 6 if offset < 365 else 5
        for child in children:
            for i in range(count):
                at = _at(day, int(24 * i / count), rng.randint(0, 59), rng)
                if child.birth_at <= at < now:  # nothing before the birth
                    kind = rng.choice(("wet", "wet", "wet", "both", "dirty", "dry"))
                    nappies.append(Nappy(
                        household=household, child=child, kind=kind, changed_at=at,
                        colour=rng.choice(("", "yellow", "green", "brown"))
                        if kind in ("both", "dirty") else "", created_by=mother))
            at = _at(day, 8, rng.randint(0, 59), rng)
            if child.birth_at <= at < now and rng.random() < 0.07:
                temperatures.append(Temperature(
                    household=household, child=child, taken_at=at, created_by=mother,
                    celsius=rng.choice(("36.6", "36.9", "37.2", "37.6", "38.1"))))
    Nappy.objects.bulk_create(nappies, batch_size=BATCH)
    Temperature.objects.bulk_create(temperatures, batch_size=BATCH)


def _pumping(household, mother, child, first_day, days, now, rng):
    """From the third week, pumping twice a day; the milk goes into the freezer and is used
    about a month later (the last month's bags are still kept)."""
    sessions, bags = [], []
    zone = timezone.get_current_timezone()
    for offset in range(14, days + 1):
        for hour in (7, 14):
            at = _at(first_day + timedelta(days=offset), hour, rng.randint(0, 30), rng)
            if not child.birth_at <= at < now:
                continue
            ml = rng.randrange(60, 160, 5)
            sessions.append(PumpingSession(household=household, child=child, started_at=at,
                                           minutes=rng.randint(10, 25), side="both",
                                           amount_ml=ml, created_by=mother))
            used = now - at > timedelta(days=30)
            bags.append(MilkBag(household=household, child=child, expressed_at=at,
                                amount_ml=ml, place="freezer",
                                use_by=milk_storage.use_by("freezer", at, zone),
                                state="used" if used else "kept",
                                finished_at=at + timedelta(days=30) if used else None,
                                created_by=mother))
    for session, bag in zip(PumpingSession.objects.bulk_create(sessions, batch_size=BATCH),
                            bags, strict=True):
        bag.session = session
    MilkBag.objects.bulk_create(bags, batch_size=BATCH)


def _medicines(household, mother, children, first_day, days, now, rng):
    """Vitamin D drops each morning (a day missed now and then), and paracetamol after the
    vaccinations at 8, 12 and 16 weeks: three doses at least four hours apart."""
    doses = []
    for child in children:
        vitamin = Medicine.objects.create(
            household=household, child=child, name="Vitamin D", dose=Decimal("1"), unit="ml",
            form="drops", schedule="daily", daily_at=time(8, 0), created_by=mother)
        relief = Medicine.objects.create(
            household=household, child=child, name="Paracetamol", dose=Decimal("2.5"),
            unit="ml", form="liquid", schedule="spaced", min_hours=Decimal("4"),
            most_per_day=4, created_by=mother)
        for offset in range(days + 1):
            at = _at(first_day + timedelta(days=offset), 8, rng.randint(0, 40), rng)
            if child.birth_at <= at < now and rng.random() < 0.95:
                doses.append(Dose(household=household, child=child, medicine=vitamin,
                                  given_at=at, amount=vitamin.dose, unit="ml",
                                  created_by=mother))
        for week in (8, 12, 16):
            for hours in (0, 5, 10):
                at = _at(first_day + timedelta(weeks=week), 11, 0, rng) + timedelta(
                    hours=hours)
                if child.birth_at <= at < now:
                    doses.append(Dose(household=household, child=child, medicine=relief,
                                      given_at=at, amount=relief.dose, unit="ml",
                                      created_by=mother))
    Dose.objects.bulk_create(doses, batch_size=BATCH)


def generate(profile, seed=7, now=None):
    """Fill the configured database with ``profile``; returns (household, mother, children)
    of the first household (the one the measurements use) and the counts."""
    households, babies, days = PROFILES[profile]
    rng = random.Random(seed)  # noqa: S311 (synthetic data, not security)
    now = now or timezone.now()
    first = None
    with transaction.atomic():
        for i in range(households):
            made = household_with(f"{profile} {i + 1}", babies, days, rng, now,
                                  f"mother{i + 1}@{profile}.bench.invalid")
            first = first or made
    household, mother, children = first
    token = ApiToken.issue(mother, household, "bench").token
    counts = {"moments": Moment.objects.count(), "cues": Cue.objects.count(),
              "checkins": CheckIn.objects.count(), "screenings": ScreeningResponse.objects.count(),
              "measurements": Measurement.objects.count(),
              "nappies": Nappy.objects.count(), "temperatures": Temperature.objects.count(),
              "pumping": PumpingSession.objects.count(), "milk": MilkBag.objects.count(),
              "doses": Dose.objects.count()}
    return household, mother, children, token, counts


def today():
    return date.today()
