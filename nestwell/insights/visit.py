"""Gathering a report for a visit: a few bounded queries for one baby and one period, then
the pure summary, then words, PDF and CSV."""

import io
from datetime import datetime, time, timedelta
from types import MappingProxyType

from django.db.models import Case, TextField, Value, When
from django.db.models.fields.json import KT
from django.utils import formats, timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.care import cues as cue_words
from nestwell.care.models import Cue
from nestwell.children.current import age_label
from nestwell.children.stages import age_words
from nestwell.french import elide
from nestwell.growth import progress
from nestwell.growth.models import Measurement
from nestwell.health import fever, nappies
from nestwell.health.models import Nappy, Temperature
from nestwell.insights import drawing
from nestwell.insights import report as summary
from nestwell.insights.analytics import Span
from nestwell.journal.durations import duration_label
from nestwell.journal.kinds import KINDS, MILKS, SIDES
from nestwell.journal.models import Moment
from nestwell.lib import fastrows, spreadsheet
from nestwell.lib.measures import fahrenheit
from nestwell.medicines import report as medicines
from nestwell.milestones.models import Milestone
from nestwell.milk import services as milk
from nestwell.wellbeing import bands, questionnaires
from nestwell.wellbeing.harm_words import mentions_harm
from nestwell.wellbeing.models import CheckIn, Entry, ScreeningResponse
from nestwell.wellbeing.names import baby_names
from nestwell.wellbeing.questionnaires import no_risk_note, short_name, unanswered_note
from nestwell.words import in_sentence, listed

MAX_DAYS = 92
_NO_DETAILS = MappingProxyType({})
GROWTH_ROWS = 12  # the latest measurements up to the report's last day: the trend


def _n(value):
    """A number as the report's language writes it (0.4, 0,4)."""
    return formats.number_format(value)


def build(child, first, last, *, reader, author=None, include_wellbeing=False):
    """The report for ``child`` from ``first`` to ``last`` (dates, inclusive). ``reader``
    decides which letters count; ``author``'s check-ins and questionnaires are included
    only when ``include_wellbeing``."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time(), zone)
    end = datetime.combine(last + timedelta(days=1), time(), zone)
    moments = Moment.objects.alive().filter(child=child, started_at__gte=start - timedelta(
        days=1), started_at__lt=end)
    if reader is not None:
        moments = moments.readable_by(reader)
    # Only the four details a feed is summed by, as text from the database: decoding
    # every moment's JSON was a fifth of the report. Read for feeds only (each key costs
    # SQLite two looks into the JSON), and column by column.
    kinds, starts, ends, methods, sides, amounts, milks = fastrows.columns(
        moments.values_list("kind", "started_at", "ended_at", *(
            _for_feeds(KT(f"details__{key}"))
            for key in ("method", "side", "amount_ml", "milk"))), times=(1, 2))
    spans = list(map(Span, kinds, starts, ends))
    # Only a feed has details that count; every other moment shares one empty, read-only
    # mapping (the summary only reads them).
    details = [{"method": m, "side": side, "amount_ml": ml, "milk": milk} if k == "feeding"
               else _NO_DETAILS
               for k, m, side, ml, milk in zip(kinds, methods, sides, amounts, milks,
                                               strict=True)]
    cue_rows = [summary.CueRow(s, r, c, sig, tuple(w or ())) for s, r, c, sig, w in
                fastrows.values(Cue.objects.counted().filter(
                    child=child, started_at__gte=start, started_at__lt=end).values_list(
                    "started_at", "responded_at", "closed_at", "signal", "ways"),
                    times=(0, 1, 2), json=(4,))]
    checkins = screenings = None
    if include_wellbeing and author is not None:
        rows = list(CheckIn.objects.filter(household=child.household, author=author,
                                           created_at__gte=start, created_at__lt=end)
                    .order_by("created_at")
                    .values_list("created_at", "mood", "connection", "sleep_hours",
                                 "support", "safety", "note"))
        # Her own words of harm count as a safety answer does (Sofía's report read "not
        # feeling safe: 0" after five notes that had opened the support page); the note
        # itself is never shown.
        names = baby_names(child.household) if any(row[-1] for row in rows) else []
        checkins = [summary.CheckInRow(c, m, cn, float(sl) if sl is not None else None, sp,
                                       sf, bool(note) and mentions_harm(note, names))
                    for c, m, cn, sl, sp, sf, note in rows]
        screenings = [summary.ScreeningRow(c, i, t, b, tuple(s or ()), tuple(u or ()),
                                           entry == Entry.APP, _above(i, parts))
                      for c, i, t, b, s, u, entry, parts in ScreeningResponse.objects.filter(
                          household=child.household, author=author, created_at__gte=start,
                          created_at__lt=end).order_by("created_at")
                      .values_list("created_at", "instrument", "total", "band_label",
                                   "safety", "safety_unanswered", "entry", "subscales")]
    now = timezone.now()
    if child.died_on is not None:
        # For a baby who has died, the report's "now" is the end of that day, and a timer
        # left running counts no time (it has no end anyone gave): Ben's sleep, running
        # since the night he died, read 23.7 hours a day on the report.
        now = min(now, datetime.combine(child.died_on + timedelta(days=1), time(), zone))
        spans = [Span(s.kind, s.started_at, s.started_at if s.ended_at is None
                      else s.ended_at) for s in spans]
    report = summary.build(spans, details, cue_rows, zone, first, last, now,
                           checkins=checkins, screenings=screenings,
                           born=timezone.localtime(child.birth_at, zone).date()
                           if child.birth_at else None)
    if checkins is not None:
        # Whoever made the report shares her own: the mother, or an aunt who helps.
        report.wellbeing_of = author.display_name or author.email.split("@")[0]
    if child.is_born:
        report.growth = progress.with_birth(child, progress.rows_for(
            child, Measurement.objects.filter(child=child, measured_on__lte=last)
            .order_by("-measured_on", "-pk")[:GROWTH_ROWS]))
    # The firsts of the period (standing, first steps, a first word): what a check-up
    # asks about, and Elena's 12-month report had none of them.
    report.firsts = [(m.happened_on, str(m.label)) for m in Milestone.objects.filter(
        child=child, household=child.household, happened_on__gte=first,
        happened_on__lte=last).order_by("happened_on", "pk")[:GROWTH_ROWS * 4]]
    report.care_day = care_day(child, start, end, first, report.days, zone)
    report.pumping = milk.pumping_days(child, start, end, first, report.days, zone)
    # One query from before the period: the doses before it only measure the first ones'
    # gap and 24 hours.
    given = medicines.doses(child, start - medicines.LOOKBACK, end, zone)
    report.care_day["doses"] = [d for d in given if d.at >= start]
    report.care_day["doses_before"] = [d for d in given if d.at < start]
    return report


def _above(instrument_id, parts) -> tuple[str, ...]:
    """The names of a result's parts at or above their published cut-offs (the PBQ's
    impaired bonding at 12 or more), from the scores kept with it."""
    instrument = questionnaires.get(instrument_id)
    if instrument is None or not isinstance(parts, dict):
        return ()
    return tuple(p.name for p in instrument.subscales if p.cutoff is not None
                 and isinstance(parts.get(p.code), int) and parts[p.code] >= p.cutoff)


def _for_feeds(detail):
    """A detail of a feed; nothing for any other moment (not looked for)."""
    return Case(When(kind="feeding", then=detail), default=Value(None),
                output_field=TextField())


def _corrected(days, on):
    """A corrected age on the day ``on``, in the words of the real one ("5 weeks
    corrected"; "40 corrected" had no unit); before the due date, said so ("-14
    corrected" read as a mistake)."""
    if days < 0:
        return ngettext("%(n)s day before the due date", "%(n)s days before the due date",
                        -days) % {"n": -days}
    return _("%(age)s corrected") % {
        "age": age_label(*age_words(days, on - timedelta(days=days), on))}


def _growth_words(report, child):
    born = timezone.localtime(child.birth_at).date() if child.birth_at else None

    def age(r):
        # "11 months (day 360)": a doctor reads months; the day stays for the exact count.
        words = age_words(r.age_days, born, r.measurement.measured_on) if born else None
        if words is None or words[0] == "days":
            # "9 days old", not "day 9": the nappies page counts the birth day as day 1
            # of life, and a midwife read "day 9" as the ninth (Anna's walk).
            if r.age_days == 0:
                return _("on the day of the birth")
            return ngettext("%(n)s day old", "%(n)s days old", r.age_days) % {"n": r.age_days}
        return _("%(age)s (day %(n)s)") % {"age": age_label(*words), "n": r.age_days}

    def corrected(r):
        if not r.reading.corrected:
            return ""
        return " (" + _corrected(r.reading.age_days, r.measurement.measured_on) + ")"

    rows = [[f"{measures.day(r.measurement.measured_on, 'j M Y')} · " + age(r) + corrected(r),
             progress.describe(r)] for r in report.growth]
    if not rows:
        note = _("No measurements kept yet.")
    elif child.sex not in ("female", "male"):
        note = _("No centiles: the baby's sex is not given, and the WHO standards differ "
                 "for girls and boys.")
    else:
        # How many are shown, not how many could be (it said "the latest 12" of one).
        note = ngettext(
            "Centiles on the WHO Child Growth Standards (2006), at corrected age for a baby "
            "born before 37 weeks, until two years. The latest measurement up to the end "
            "of the period.",
            "Centiles on the WHO Child Growth Standards (2006), at corrected age for a baby "
            "born before 37 weeks, until two years. The latest %(n)s measurements up to "
            "the end of the period.", len(rows)) % {"n": len(rows)}
    data = progress.chart_data(child, report.growth, "wfa") if report.growth else None
    return {"growth_heading": _("Growth"), "growth_rows": rows, "growth_note": note,
            "growth_lines": _("WHO centile lines: 3rd, 15th, 50th, 85th, 97th"),
            "growth_chart": data}


def care_day(child, start, end, first, days, zone, *, temperatures=True):
    """Nappies per day (wet, dirty, all, pale, red or black) and every temperature of the
    period, with what each one reads as: two queries (one without the temperatures)."""
    counts = [{"wet": 0, "dirty": 0, "total": 0, "pale": 0, "blood": 0} for _ in range(days)]
    for kind, colour, at in fastrows.values(Nappy.objects.filter(
            child=child, changed_at__gte=start, changed_at__lt=end).values_list(
            "kind", "colour", "changed_at"), times=(2,)):
        index = (at.astimezone(zone).date() - first).days
        if 0 <= index < days:
            day = counts[index]
            day["total"] += 1
            day["wet"] += nappies.is_wet(kind)
            day["dirty"] += nappies.is_dirty(kind)
            day["pale"] += nappies.is_pale(colour)
            day["blood"] += nappies.is_blood(colour)
    birth = timezone.localtime(child.birth_at, zone).date() if child.birth_at else None
    if not temperatures:
        return {"days": counts, "temperatures": []}
    temperatures = []
    for at, celsius in Temperature.objects.filter(
            child=child, taken_at__gte=start, taken_at__lt=end).order_by(
            "taken_at").values_list("taken_at", "celsius"):
        local = timezone.localtime(at, zone)
        temperatures.append((local, celsius, fever.reading(celsius, birth, local.date())))
    return {"days": counts, "temperatures": temperatures}


def _bottles(report) -> str:
    """How many bottles, and the milk in them where an amount was noted: a bottle with no
    amount never reads as "0 ml"."""
    n, measured = report.bottles, report.bottles_measured
    if not n:
        return _("none noted in this period")
    return _with_milks(_bottle_amounts(n, measured, report), report.bottle_milks)


def _with_milks(said, milks_given):
    # What milk: expressed breast milk or formula is what a health visitor asks first.
    milks = dict(MILKS)
    kinds = listed(_("%(milk)s: %(n)s") % {"milk": milks.get(k, k), "n": v}
                   for k, v in sorted(milks_given.items()))
    return f"{said} · {kinds}" if kinds else said


def _tubes(report) -> str:
    """The tube feeds, said as the bottles are (a baby in a neonatal unit)."""
    n, measured = report.tubes, report.tubes_measured
    words = {"n": n, "amount": measures.volume(report.tube_ml), "measured": measured}
    if not measured:
        said = ngettext("%(n)s tube feed, no amount noted",
                        "%(n)s tube feeds, no amounts noted", n) % words
    elif measured == n:
        said = ngettext("%(n)s tube feed, %(amount)s in all",
                        "%(n)s tube feeds, %(amount)s in all", n) % words
    else:
        said = ngettext("%(n)s tube feed, %(amount)s in all (amount noted for %(measured)s)",
                        "%(n)s tube feeds, %(amount)s in all (amount noted for %(measured)s)",
                        n) % words
    return _with_milks(said, report.tube_milks)


def _bottle_amounts(n, measured, report):
    # the milk in her unit ("148 ml", or "5 fl oz" where she reads fluid ounces)
    words = {"n": n, "amount": measures.volume(report.bottle_ml), "measured": measured}
    if not measured:
        return ngettext("%(n)s bottle, no amount noted", "%(n)s bottles, no amounts noted",
                        n) % words
    if measured == n:
        return ngettext("%(n)s bottle, %(amount)s in all", "%(n)s bottles, %(amount)s in all",
                        n) % words
    return ngettext("%(n)s bottle, %(amount)s in all (amount noted for %(measured)s)",
                    "%(n)s bottles, %(amount)s in all (amount noted for %(measured)s)",
                    n) % words


def _minutes(value):
    """Minutes to one decimal; under a minute, in seconds ("8 s", not "0.1 min")."""
    if value is None:
        return "—"
    if value < 1:
        return duration_label(timedelta(seconds=max(1, round(value * 60))))
    return _("%(n)s min") % {"n": _n(round(value, 1))}


def birth_words(child) -> str:
    """The birth as a clinician reads it first for a baby born early or cared for in a
    neonatal unit: "Born at 31+4 weeks · neonatal care" (the birth weight is the growth
    section's first row). The report had given only the age. "" when nothing is known."""
    if not child.is_born:
        return ""
    parts = []
    if child.gestation_weeks is not None:
        parts.append(_("born at %(weeks)s+%(days)s weeks") % {
            "weeks": child.gestation_weeks, "days": child.gestation_days or 0})
    if child.neonatal_care:
        parts.append(_("neonatal care"))
    if child.is_in_unit:
        parts.append(_("in a neonatal unit now"))
    elif child.home_on is not None:
        parts.append(_("home since %(day)s") % {"day": measures.day(child.home_on, "j M Y")})
    if not parts:
        return ""
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def _french(text):
    return elide(text) if (get_language() or "").startswith("fr") else text


def words(report, child):
    """Every sentence of the report, translated, for the page and the PDF."""
    side_names = dict(SIDES)
    # Translators: a breast side and how many feeds began on it ("Left: 3").
    sides = listed(_("%(side)s: %(n)s") % {"side": side_names.get(k, k), "n": v}
                   for k, v in sorted(report.breast_sides.items())) or "—"
    period = ngettext("%(first)s to %(last)s (%(n)s day)", "%(first)s to %(last)s (%(n)s days)",
                      report.days) % {
        "first": measures.day(report.first, "j M Y"),
        "last": measures.day(report.last, "j M Y"), "n": report.days}
    care_rows = [
        [_("Feeds"), _feeds(report)],
        [_("Breastfeeds by side"), sides],
        [_("Bottles"), _bottles(report)],
        *([[_("Tube feeds"), _tubes(report)]] if report.tubes else []),
        *([[_("Solids"), ngettext("%(n)s of these feeds", "%(n)s of these feeds",
                                  report.solids) % {"n": report.solids}]]
          if report.solids else []),
        [_("Sleep logged"), "—" if report.sleep_hours_per_day is None else
         _("%(h)s hours a day on average") % {"h": _n(report.sleep_hours_per_day)}
         + _over_days(report.sleep_days, report, report.sleep_logged_hours,
                      lambda n: ngettext("averaged over %(n)s full day with sleep noted",
                                         "averaged over %(n)s full days with sleep noted",
                                         n))],
        # In hours and minutes, as the kangaroo-care page says it ("151.7 minutes").
        [_("Skin-to-skin"), _skin_a_day(report)],
        [_("Moments logged"), _("%(n)s a day on average") % {"n": _n(report.moments_per_day)}],
    ]
    helped = listed(f"{cue_words.WAYS.get(w, w)} ({n})" for w, n in report.what_helped)
    crying_rows = [
        [_("Crying or fussing episodes"), str(report.cries)],
        [_("Time until answered (median)"), _minutes(report.median_answer_minutes)],
        [_("Length of an episode (median)"), _minutes(report.median_cry_minutes)],
        [_("Answered with"), helped or "—"],
    ]
    health_rows = _health_rows(report)
    mother_rows, flags, scores = [], "", []
    if report.checkins is not None:
        if report.checkins:
            moods = [c.mood for c in report.checkins]
            sleeps = [c.sleep_hours for c in report.checkins if c.sleep_hours is not None]
            words = {"n": len(report.checkins), "avg": _n(round(sum(moods) / len(moods), 1))}
            mother_rows.append([_("Check-ins"), _(
                "%(n)s; mood %(avg)s of 5 on average; sleep %(sleep)s hours on average") % {
                **words, "sleep": _n(round(sum(sleeps) / len(sleeps), 1))} if sleeps else _(
                # "sleep — hours on average" read oddly (Ben's walk): no sleep was given.
                "%(n)s; mood %(avg)s of 5 on average; no hours of sleep given") % words])
        else:
            mother_rows.append([_("Check-ins"), _("none in this period")])
        for s in report.screenings or []:
            text = f"{s.total}" + (f" · {bands.label(s.band_label)}" if s.band_label else "")
            if s.safety:
                # First, and in plain words: after "few or no signs of low mood", "answered
                # a safety question" read as reassurance (Aoife's walk).
                text = _("a safety question (item %(items)s) answered with a sign of risk") % {
                    "items": ", ".join(map(str, s.safety))} + " · " + text
            elif s.safety_unanswered:
                # Its answer is unknown, never a 0: the one reading it can ask.
                text += " · " + unanswered_note(s.safety_unanswered)
            elif s.answered_here and no_risk_note(s.instrument):
                text += " · " + no_risk_note(s.instrument)
            mother_rows.append([f"{short_name(s.instrument)} · "
                                f"{measures.day(timezone.localtime(s.created_at), 'j M')}",
                                text])
        # A total at or above the usual cut-off is said first, with her safety answers.
        scores = [_("%(name)s of %(day)s: %(total)s, %(band)s") % {
            "name": short_name(s.instrument),
            "day": measures.day(timezone.localtime(s.created_at), "j M"), "total": s.total,
            "band": in_sentence(bands.label(s.band_label))}
            for s in report.screenings or [] if bands.worth_attention(s.band_label)]
        scores += [_("%(name)s of %(day)s: %(total)s, at or above a published cut-off "
                     "(%(parts)s)") % {
            "name": short_name(s.instrument),
            "day": measures.day(timezone.localtime(s.created_at), "j M"), "total": s.total,
            "parts": listed(s.above)} for s in report.screenings or [] if s.above]
        # Once each: five of the same questionnaire on one day with one total said it
        # five times (Aoife's walk).
        scores = list(dict.fromkeys(scores))
        unsafe = sum(c.safety != "safe" for c in report.checkins)
        in_words = sum(c.note_of_harm for c in report.checkins)
        counts = {"name": report.wellbeing_of, "n": unsafe, "w": in_words,
                  "s": sum(1 for s in report.screenings or [] if s.safety)}
        if report.safety_flags and in_words:
            flags = _("Please note: in this period %(name)s answered a question about "
                      "safety or harm in a way that asks for a conversation (check-ins not "
                      "sure of feeling safe, or not feeling safe: %(n)s; check-ins whose own "
                      "words spoke of ending a life, of self-harm or of harming the baby: "
                      "%(w)s; questionnaires with a safety answer: %(s)s).") % counts
        elif report.safety_flags:
            # Named: a father, or a partner, shares his own (Daniel read "she").
            flags = _("Please note: in this period %(name)s answered a question about "
                      "safety or harm in a way that asks for a conversation (check-ins not "
                      "sure of feeling safe, or not feeling safe: %(n)s; questionnaires "
                      "with a safety answer: %(s)s).") % counts
    return {
        "title": _("Report for a visit: %(name)s") % {"name": child.name},
        "period": period, "birth": birth_words(child),
        "averaged_note": _averaged_note(report, child),
        "care_heading": _("Care and closeness"), "care_rows": care_rows,
        "chart_heading": _("Minutes together each day, by kind"),
        "chart": {"days": drawing.day_labels(report.first, report.days),
                  "series": drawing.minutes_series(report.minutes_by_kind),
                  "unit": _("min")},
        "crying_heading": _("Crying and how it was answered"), "crying_rows": crying_rows,
        "health_heading": _("Nappies and temperatures"), "health_rows": health_rows,
        "pumping_heading": _("Pumping"), "pumping_rows": _pumping_rows(report),
        "medicine_heading": _("Medicines and supplements"),
        "medicine_rows": medicines.rows((report.care_day or {}).get("doses", []),
                                        _days_of_life(report),
                                        (report.care_day or {}).get("doses_before", [])),
        # Her name in our line: "Le bien-être d’Alice" in French, in the PDF too (the
        # pages are elided as they are sent; a PDF is not a page).
        "mother_heading": _french(_("%(name)s's own wellbeing, shared by choice")
                                  % {"name": report.wellbeing_of}) if report.wellbeing_of else "",
        "mother_rows": mother_rows, "flags": flags, **_growth_words(report, child),
        "firsts_heading": _("Firsts in this period"), "firsts_rows": _firsts_rows(report, child),
        # What a clinician with ten minutes reads first: it was at the end, below crying.
        "attention_heading": _("Worth attention first"),
        "attention": _attention(report), "scores_attention": scores,
        # Questionnaires are named only when the report holds one (Rosa's walk).
        "footer": _("Made with Nestwell from what the family logged; times are approximate. "
                    "Questionnaires are screenings, not diagnoses.") if report.screenings
        else _("Made with Nestwell from what the family logged; times are approximate."),
    }


def _skin_a_day(report):
    """Skin-to-skin a day; a few seconds a day (a timer stopped at once) is "under a
    minute", never "0 s" beside skin-to-skin that was logged (Daniel's report)."""
    if not report.minutes_by_kind.get("skin_to_skin"):
        return _("none noted in this period")
    if report.skin_minutes_per_day < 1:
        return _("under a minute a day on average")
    return _("%(time)s a day on average") % {
        "time": duration_label(timedelta(minutes=report.skin_minutes_per_day))}


def _firsts_rows(report, child):
    """Each first of the period with its day and the age then: ("3 Nov 2026 · 11 months",
    "First steps")."""
    born = timezone.localtime(child.birth_at).date() if child.birth_at else None
    rows = []
    for on, what in report.firsts:
        when = measures.day(on, "j M Y")
        if born is not None and on == born:
            when += " · " + _("on the day of the birth")
        elif born is not None and on > born:
            when += " · " + age_label(*age_words((on - born).days, born, on))
        rows.append([when, what])
    return rows


def _attention(report):
    """The baby's signs that asked for a call, each with its day and time: a temperature of
    38 °C or more under three months, one under 36 °C, a pale stool, a red or black one.
    (Her own safety
    answers are the report's ``flags``, said just after these.)"""
    care = report.care_day or {"days": [], "temperatures": []}
    lines = []
    for local, celsius, reading in care["temperatures"]:
        what = {"call_now": _("%(value)s, under 3 months"),
                "low": _("%(value)s, low")}.get(reading)
        if what:
            lines.append(_("%(when)s: %(what)s") % {
                "when": measures.at(local, "j M"),
                "what": what % {"value": measures.temperature(celsius)}})
    pale = [report.first + timedelta(days=i) for i, d in enumerate(care["days"]) if d["pale"]]
    if pale:
        lines.append(_("A pale stool noted: %(days)s") % {
            "days": listed([measures.day(day, "j M") for day in pale])})
    blood = [report.first + timedelta(days=i) for i, d in enumerate(care["days"])
             if d.get("blood")]
    if blood:
        lines.append(_("A red or black stool noted: %(days)s") % {
            "days": listed([measures.day(day, "j M") for day in blood])})
    return lines


def _days_of_life(report):
    """The days of the period a medicine could have been given on: from the birth (or the
    period's first day) to today (or its last). "On 5 of 14 days" for a baby five days
    old read as doses missed."""
    since = max(report.first, report.born) if report.born else report.first
    to = min(report.last, max(report.averaged_to or report.last, since))
    return max(1, (to - since).days + 1)


def _feeds(report) -> str:
    if not report.feeds:
        return _("none noted in this period")
    if report.feeds_per_day is None:
        return ngettext("%(n)s feed (too little logged yet for a figure a day)",
                        "%(n)s feeds (too little logged yet for a figure a day)",
                        report.feeds) % {"n": report.feeds}
    return ngettext("%(n)s feed, about %(per)s a day", "%(n)s feeds, about %(per)s a day",
                    report.feeds) % {"n": report.feeds, "per": _n(report.feeds_per_day)} \
        + _over_days(report.feed_days, report, report.logged_hours,
                     lambda n: ngettext("averaged over %(n)s full day with feeds noted",
                                        "averaged over %(n)s full days with feeds noted", n))


def _over_days(n, report, hours, words):
    """What a figure a day is over, when not the report's days: " (averaged over 13 full
    days with feeds noted)", or with no full day yet " (a rate over the 14 hours
    logged)", ``hours`` since the first of its kind; else nothing."""
    if n == 0:
        h = hours
        return " (" + ngettext("a rate over the %(h)s hour logged",
                               "a rate over the %(h)s hours logged", h) % {"h": h} + ")"
    if n >= report.averaged:
        return ""
    return " (" + words(n) % {"n": n} + ")"


def _averaged_note(report, child):
    """Said when a figure "a day" is not averaged over the whole period; else empty."""
    n = report.averaged
    if not n or n == report.days:
        return ""
    note = _averaged_over(report, child, n)
    if any(0 < k < n for k in (report.feed_days, report.sleep_days)):
        # "about 8.0 a day (averaged over 3 full days with feeds noted)" above "averaged
        # over 5 days" read as a contradiction (Aoife's and Chloé's walks).
        note += " " + _("Feeds and sleep a day are averaged over the full days they were "
                        "noted on, given beside each.")
    return note


def _averaged_over(report, child, n):
    if child.died_on is not None and report.last > child.died_on:
        return ngettext(
            "%(name)s died on %(died)s, so figures a day are averaged over %(n)s day.",
            "%(name)s died on %(died)s, so figures a day are averaged over %(n)s days.",
            n) % {"name": child.name, "died": measures.day(child.died_on, "j M"), "n": n}
    if report.born is not None and report.averaged_from == report.born > report.first:
        return ngettext(
            "%(name)s was born on %(born)s, so figures a day are averaged over %(n)s day.",
            "%(name)s was born on %(born)s, so figures a day are averaged over %(n)s days.",
            n) % {"name": child.name, "born": measures.day(report.born, "j M"), "n": n}
    if report.averaged_from > report.first:
        # Not "nothing was logged before": a first kept for an earlier day may be listed
        # below (Daniel's, on the day his son came home).
        return ngettext(
            "Day-to-day logging began on %(first)s, so figures a day are averaged over "
            "%(n)s day.",
            "Day-to-day logging began on %(first)s, so figures a day are averaged over "
            "%(n)s days.", n) % {"first": measures.day(report.averaged_from, "j M"), "n": n}
    return ngettext("The period runs past today, so figures a day are averaged over "
                    "%(n)s day.",
                    "The period runs past today, so figures a day are averaged over "
                    "%(n)s days.", n) % {"n": n}


TEMPERATURES_LISTED = 10  # up to this many in a period, each reading has its line


def _health_rows(report):
    care = report.care_day or {"days": [], "temperatures": []}
    days = care["days"]
    kept = [d for d in days if d["total"]]
    rows = []
    if kept:
        wet, dirty = sum(d["wet"] for d in days), sum(d["dirty"] for d in days)
        # The counts as "wet 5": no word has to agree with each number.
        rows.append([_("Nappies"), ngettext(
            "wet %(wet)s, dirty %(dirty)s, on %(n)s day with nappies noted (a day, about: "
            "wet %(w)s, dirty %(d)s)",
            "wet %(wet)s, dirty %(dirty)s, on %(n)s days with nappies noted (a day, about: "
            "wet %(w)s, dirty %(d)s)", len(kept)) % {
            "wet": wet, "dirty": dirty, "n": len(kept),
            "w": _n(round(wet / len(kept), 1)), "d": _n(round(dirty / len(kept), 1))}])
        pale = sum(d["pale"] for d in days)
        if pale:
            rows.append([_("Pale stools noted"), str(pale)])
        blood = sum(d.get("blood", 0) for d in days)
        if blood:
            rows.append([_("Red or black stools noted"), str(blood)])
    else:
        rows.append([_("Nappies"), _("none noted in this period")])
    temperatures = care["temperatures"]
    if temperatures:
        highest = max(temperatures, key=lambda t: t[1])
        rows.append([_("Temperatures"), ngettext(
            "%(n)s taken: %(value)s on %(when)s",
            "%(n)s taken; the highest %(value)s on %(when)s", len(temperatures)) % {
            "n": len(temperatures), "value": measures.temperature(highest[1]),
            "when": measures.at(highest[0], "j M")}])
        # A few readings are each listed, so that a fever's course can be read (37.9 in the
        # evening, 38.4 at night, 37.6 in the morning); many, only the ones that ask for a
        # call, every reading being in the CSV.
        every = len(temperatures) <= TEMPERATURES_LISTED
        for local, celsius, reading in temperatures:
            value = measures.temperature(celsius)
            if reading == "call_now":
                rows.append([measures.at(local, "j M"), _(
                    "%(value)s, under 3 months") % {"value": value}])
            elif reading == "low":
                rows.append([measures.at(local, "j M"), _("%(value)s, low") % {"value": value}])
            elif every:
                rows.append([measures.at(local, "j M"), value])
        if not every:
            rows.append(["", _("Every reading is in the CSV.")])
    else:
        rows.append([_("Temperatures"), _("none noted in this period")])
    return rows


PUMPING_DAYS_SHOWN = 31  # longer periods: the total here, each day in the CSV


def _pumping_rows(report):
    """Pumping per day, only when there was any."""
    days = getattr(report, "pumping", None) or []
    kept = [(i, d) for i, d in enumerate(days) if d["sessions"]]
    if not kept:
        return []
    sessions, ml = sum(d["sessions"] for _i, d in kept), sum(d["ml"] for _i, d in kept)
    # In her unit ("10.1 fl oz" where she reads fluid ounces; it was ml for everyone), and
    # "a day" said as what it is: a day she pumped on.
    rows = [[_("Pumping"), ngettext(
        "%(amount)s in all on %(days)s day (about %(per)s on each day pumped); sessions: "
        "%(n)s",
        "%(amount)s in all on %(days)s days (about %(per)s on each day pumped); sessions: "
        "%(n)s",
        len(kept)) % {"n": sessions, "amount": measures.volume(ml), "days": len(kept),
                      "per": measures.volume(round(ml / len(kept)))}]]
    if len(days) <= PUMPING_DAYS_SHOWN:
        for i, d in kept:
            rows.append([measures.day(report.first + timedelta(days=i), "D j M"),
                         ngettext("%(n)s time, %(amount)s", "%(n)s times, %(amount)s",
                                  d["sessions"]) % {"n": d["sessions"],
                                                    "amount": measures.volume(d["ml"])}])
    return rows


def csv_bytes(report, child):
    """The same data as CSV: the summary, then minutes per day by kind."""
    text = io.StringIO()
    writer = spreadsheet.writer(text)
    content = words(report, child)
    writer.writerow([content["title"], content["period"]])
    # What the page and the PDF say first, first here too.
    for line in (list(content["attention"]) + ([content["flags"]] if content["flags"] else [])
                 + list(content["scores_attention"])):
        writer.writerow([content["attention_heading"], line])
    if content["averaged_note"]:
        writer.writerow(["", content["averaged_note"]])
    for row in (content["care_rows"] + content["firsts_rows"] + content["health_rows"]
                + content["pumping_rows"]
                + content["medicine_rows"] + content["crying_rows"]
                + content["mother_rows"]):
        writer.writerow(row)
    if report.growth:
        writer.writerow([])
        writer.writerow([_("Measured on"), _("Age (days)"),
                         _("Age on the charts (days, corrected if born early)"),
                         _("Weight (g)"), _("Weight-for-age centile"), _("z"),
                         _("Length (cm)"), _("Length-for-age centile"), _("z"),
                         _("Head (cm)"), _("Head-for-age centile"), _("z"),
                         _("Weight-for-length centile"), _("z"), _("Measured by")])
        for r in report.growth:
            m = r.measurement
            writer.writerow([
                m.measured_on.isoformat(), r.age_days, r.reading.age_days,
                m.weight_grams if m.weight_grams is not None else "",
                r.centile("wfa"), r.z("wfa"),
                m.length_cm if m.length_cm is not None else "",
                r.centile("lfa"), r.z("lfa"),
                m.head_cm if m.head_cm is not None else "",
                r.centile("hcfa"), r.z("hcfa"), r.centile("wfl"), r.z("wfl"),
                str(m.get_measured_by_display())])
    writer.writerow([])
    kinds = sorted(k for k, v in report.minutes_by_kind.items() if sum(v))
    # Each kind in her language ("Hautkontakt (min)"), not its code ("skin_to_skin (min)").
    writer.writerow([_("Date")] + [_("%(kind)s (min)") % {
        "kind": KINDS[k].label if k in KINDS else k} for k in kinds])
    for i in range(report.days):
        day = report.first + timedelta(days=i)
        minutes = [report.minutes_by_kind[k][i] for k in kinds]
        # A day with nothing logged is empty, not 0: nobody noted it (the protocol's —).
        if day not in report.logged_days and not any(minutes):
            minutes = [""] * len(kinds)
        writer.writerow([day.isoformat()] + minutes)
    care = report.care_day or {"days": [], "temperatures": []}
    if any(d["total"] for d in care["days"]):
        writer.writerow([])
        writer.writerow([_("Date"), _("Wet nappies"), _("Dirty nappies"), _("All nappies"),
                         _("Pale stools"), _("Red or black stools")])
        for i, d in enumerate(care["days"]):
            # No nappy noted is a day not noted (a baby has nappies every day): empty.
            counts = [d["wet"], d["dirty"], d["total"], d["pale"], d["blood"]] \
                if d["total"] else [""] * 5
            writer.writerow([(report.first + timedelta(days=i)).isoformat(), *counts])
    if any(d["sessions"] for d in getattr(report, "pumping", None) or []):
        writer.writerow([])
        writer.writerow([_("Date"), _("Pumping sessions"), _("Pumped (ml)")])
        for i, d in enumerate(report.pumping):
            writer.writerow([(report.first + timedelta(days=i)).isoformat(), d["sessions"],
                             d["ml"]])
    if care["temperatures"]:
        writer.writerow([])
        # °C for any clinic; °F beside it where she reads °F (a US family's paediatrician).
        in_f = measures.current().temperature == "F"
        writer.writerow([_("Temperature taken"), "°C", *(["°F"] if in_f else [])])
        for local, celsius, _reading in care["temperatures"]:
            writer.writerow([local.isoformat(timespec="minutes"), str(fever.as_typed(celsius)),
                             *([str(fahrenheit(celsius))] if in_f else [])])
    if care.get("doses"):
        writer.writerow([])
        writer.writerow([_("Dose given"), _("Medicine"), _("Dose")])
        for dose in care["doses"]:
            writer.writerow([dose.at.isoformat(timespec="minutes"), dose.name,
                             dose.amount.replace(" ", " ")])
    return text.getvalue().encode("utf-8-sig")
