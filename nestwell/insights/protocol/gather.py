"""Gathering one baby's protocol: two bounded queries (her moments and her cues of the
fourteen days), then the pure grid, then the words for the page, the PDF and the report."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nestwell.accounts import measures
from nestwell.care.cues import DISTRESS, POSITIVE
from nestwell.care.models import Cue
from nestwell.children.stages import TERM_DAYS, corrected_age_days
from nestwell.insights.protocol import chart, grid
from nestwell.insights.protocol.grid import AWAKE, CRYING, FEEDING, SKIN, SLEEP, Interval
from nestwell.journal.kinds import WRITTEN
from nestwell.journal.models import Moment

# Moments that say nothing about the baby's day: before the birth, and letters.
NOT_THE_BABYS_DAY = ("bump_talk", "bump_music", "movement_count", *sorted(WRITTEN))
# Moments that say nothing of whether the baby slept or was awake: hours of skin-to-skin
# (kangaroo care) are often slept through, and were drawn as "awake" for the nurse. They
# are not drawn; each row says how long they were.
STATE_NOT_KNOWN = ("skin_to_skin",)

NAMES = {
    CRYING: gettext_lazy("Crying or fussing"),
    FEEDING: gettext_lazy("Feeding"),
    SLEEP: gettext_lazy("Sleep"),
    AWAKE: gettext_lazy("Awake and content"),
    grid.UNKNOWN: gettext_lazy("Nothing logged"),
    grid.SKIPPED: gettext_lazy("Clocks went forward (this time did not happen)"),
    grid.OUTSIDE: gettext_lazy("Not yet, or before the birth"),
}
SHORT = {CRYING: gettext_lazy("crying"), FEEDING: gettext_lazy("feeding"),
         SLEEP: gettext_lazy("sleep"), AWAKE: gettext_lazy("awake")}
LEGEND = (SLEEP, CRYING, FEEDING, AWAKE, grid.UNKNOWN)


@dataclass
class Protocol:
    first: date
    last: date
    days: list  # grid.Day, each with .band (grid.Band | None) and .age_days set


def window(first: date, days: int = grid.DAYS):
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time(), zone)
    return zone, start, datetime.combine(first + timedelta(days=days), time(), zone)


def intervals(child, reader, start, end):
    """What was logged for ``child`` that may touch [start, end): two queries. A moment
    lasts at most a day and an open one is drawn for a day at most, so looking a day back
    finds every one that reaches into the window."""
    since = start - grid.MAX_OPEN
    out = []
    moments = (Moment.objects.alive().readable_by(reader)
               .filter(child=child, started_at__gte=since, started_at__lt=end)
               .exclude(kind__in=NOT_THE_BABYS_DAY).order_by()
               .values_list("kind", "started_at", "ended_at"))
    for kind, started, ended in moments:
        state = (FEEDING if kind == "feeding" else SLEEP if kind == "sleep"
                 else SKIN if kind in STATE_NOT_KNOWN else AWAKE)
        out.append(Interval(state, started, ended))
    cues = (Cue.objects.filter(child=child, started_at__gte=since, started_at__lt=end,
                               signal__in=DISTRESS + POSITIVE).order_by()
            .values_list("signal", "started_at", "closed_at"))
    for signal, started, closed in cues:
        if signal in DISTRESS:
            out.append(Interval(CRYING, started, closed))
        else:
            out.append(Interval(AWAKE, started, started))
    return out


def age_on(child, day: date, zone) -> int | None:
    """Days of age on ``day``, corrected for a baby born before 37 weeks (the review's
    figures follow the baby's development)."""
    if not child.birth_at:
        return None
    birth = timezone.localtime(child.birth_at, zone).date()
    gestation = child.gestation_total_days
    if gestation is not None and gestation < TERM_DAYS:
        return corrected_age_days(birth, gestation, day)
    return (day - birth).days


def gather(child, reader, first: date, now=None, days: int = grid.DAYS) -> Protocol:
    now = now or timezone.now()
    zone, start, end = window(first, days)
    rows = grid.build(intervals(child, reader, start, end), zone, first, now, days=days,
                      born_at=child.birth_at)
    reference = grid.reference()
    for day in rows:
        day.age_days = age_on(child, day.day, zone)
        day.band = grid.band_for(day.age_days, reference) if not day.outside else None
    return Protocol(first, first + timedelta(days=days - 1), rows)


def band_scale(protocol: Protocol) -> int:
    """Minutes at the right end of every row's crying bar: five hours, or more in whole
    hours when a day had more, so all rows share one scale."""
    most = max((d.minutes[CRYING] for d in protocol.days), default=0)
    return max(300, -(-most // 60) * 60)


def duration(minutes: int) -> str:
    """'45 min', '2 h 05 min', '0 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("%(m)s min") % {"m": rest}
    return _("%(h)s h %(m)02d min") % {"h": hours, "m": rest}


def logged(minutes: int, seen: bool = False) -> str:
    """A day's total as a table shows it: a dash when none of it was logged ("Sleep 0 min"
    on every day of a family that never logs sleep read as a baby who did not sleep);
    "0 min" when some was, for less than a minute (a cry of seconds, drawn in its box)."""
    return duration(minutes) if minutes or seen else "—"


def _said(minutes: int, seen: bool = False) -> str:
    """A day's total in a sentence: "none logged" rather than "0 min"."""
    return duration(minutes) if minutes or seen else _("none logged")


def _clock(cell: int) -> str:
    """The start of a quarter-hour on her clock ("00:30", or "12:30 AM"); 96, the end of
    the day, is midnight."""
    minutes = cell * grid.CELL_MINUTES % (24 * 60)
    return measures.clock(time(minutes // 60, minutes % 60))


def day_label(day) -> str:
    return measures.day(day.day, "D j M")


def notes(day) -> list[str]:
    """What a reader needs to know about a row beyond its colours."""
    out = []
    if day.outside:
        out.append(_("Not yet, or before the birth."))
        return out
    if day.minutes.get(SKIN):
        out.append(_("Skin-to-skin: %(time)s (not drawn; the colours show what else was "
                     "logged).") % {"time": duration(day.minutes[SKIN])})
    if day.little:
        out.append(_("Little logged this day."))
    if day.clock == "forward":
        out.append(_("The clocks went forward: a 23-hour day; the skipped hour is drawn "
                     "crossed."))
    elif day.clock == "back":
        out.append(_("The clocks went back: a 25-hour day; the repeated hour shows both "
                     "times in one."))
    return out


def short_note(day) -> str:
    """The one note a printed row has room for."""
    if day.clock:
        return (_("clocks forward: 23 h") if day.clock == "forward"
                else _("clocks back: 25 h"))
    if day.minutes.get(SKIN) and not day.outside:
        return _("skin-to-skin %(time)s") % {"time": duration(day.minutes[SKIN])}
    return _("little logged") if day.little and not day.outside else ""


def summary(day) -> str:
    """The row in words, for screen readers and the numbers table: the totals, then the
    stretches of each state in clock time."""
    if day.outside:
        return " ".join([day_label(day) + ":"] + notes(day))
    stretches = [f"{SHORT[state]} {_clock(first)}–{_clock(first + n)}"
                 for first, n, state in grid.runs(day.cells) if state in SHORT]
    totals = _("crying %(c)s, sleep %(s)s, feeding %(f)s") % {
        "c": _said(day.minutes[CRYING], CRYING in day.cells),
        "s": _said(day.minutes[SLEEP], SLEEP in day.cells),
        "f": _said(day.minutes[FEEDING], FEEDING in day.cells)}
    text = f"{day_label(day)}: {totals}. "
    text += (_("Logged: %(list)s.") % {"list": "; ".join(stretches)} if stretches
             else _("Nothing logged."))
    # A clock that ends in a point ("9:30 p. m." in Spanish) gave "p. m.." at the end.
    text = text.replace("..", ".")
    if day.band:
        text += " " + band_words(day.band)
    return " ".join([text] + notes(day))


def band_words(band) -> str:
    return _("Reference for %(ages)s: %(low)s–%(high)s min a day (average %(mean)s).") % {
        # the weeks in her language ("0–6 semanas"), not the data file's "0-6 weeks"
        "ages": _("%(first)s–%(last)s weeks") % {"first": band.from_week,
                                                  "last": band.to_week},
        "low": band.low, "high": band.high,
        "mean": (f"{band.mean_low}" if band.mean_low == band.mean_high
                 else f"{band.mean_low}–{band.mean_high}")}


def words(protocol: Protocol, child) -> dict:
    """Every sentence of the protocol, translated, for the page and the PDF."""
    source = grid.reference()["source"]
    # Past 12 weeks (or in weeks 7 to 9) no day has a band: the legend and the words say
    # so, where they had explained a band that was nowhere drawn.
    banded = any(day.band for day in protocol.days)
    hours = band_scale(protocol) // 60
    return {
        "title": _("24-hour protocol: %(name)s") % {"name": child.name},
        "period": ngettext("%(first)s to %(last)s (%(n)s day)",
                           "%(first)s to %(last)s (%(n)s days)", len(protocol.days)) % {
            "first": measures.day(protocol.first, "j M Y"),
            "last": measures.day(protocol.last, "j M Y"), "n": len(protocol.days)},
        "legend": [(state, str(NAMES[state])) for state in LEGEND],
        "skipped": str(NAMES[grid.SKIPPED]), "outside": str(NAMES[grid.OUTSIDE]),
        "how": _("Each row is a day from midnight to midnight, each box a quarter of an "
                 "hour, coloured by what was logged in it. When two things overlap, the "
                 "box shows the first of: crying, feeding, sleep, awake. The totals count "
                 "each on its own, so a cry during a feed counts in both.")
        + " " + _("A dash: none of it logged that day."),
        "band_heading": _("Crying beside a reference"),
        "band_text": _("Beside each day's crying is a shaded band: the range of daily "
                       "fussing and crying in many diary studies of babies the same age "
                       "(the average, marked, plus and minus one standard deviation). It is "
                       "a reference for reading the picture, not a measure of your baby: "
                       "babies differ a lot, and some cry much more or less than others. "
                       "There is no band for weeks 7 to 9 or after 12 weeks; the age is "
                       "corrected for a baby born early.") if banded else _(
            "The studies give a reference band for a baby's first 12 weeks only (not weeks "
            "7 to 9); none of these days falls in them, so none is drawn. Babies differ a "
            "lot in how much they cry."),
        "band_source": f"{source['citation']} doi:{source['doi']}",
        "head": [_("Day"), _("Crying"), _("Sleep"), _("Feeding")],
        "hours": [chart.hour_label(h, measures.current().clock) for h in range(0, 24, 3)],
        "band_scale": _("%(h)s h") % {"h": band_scale(protocol) // 60},
        "band_legend": (_("Crying that day (a bar from 0 to %(h)s hours) beside the "
                          "reference band") if banded else _(
            "Crying that day (a bar from 0 to %(h)s hours)")) % {"h": hours},
        "footer": _("Made with Nestwell from what the family logged; times are approximate "
                    "and a box only shows what someone noted."),
    }


def table_rows(protocol):
    """The table's rows: the pictures and the words of each day."""
    out, scale = [], band_scale(protocol)
    for day in protocol.days:
        out.append({
            "label": day_label(day), "iso": day.day.isoformat(),
            "notes": notes(day), "summary": summary(day), "short_note": short_note(day),
            "strip": chart.strip(day.cells), "outside": day.outside, "little": day.little,
            "crying": logged(day.minutes[CRYING], CRYING in day.cells),
            "sleep": logged(day.minutes[SLEEP], SLEEP in day.cells),
            "feeding": logged(day.minutes[FEEDING], FEEDING in day.cells),
            "band_svg": "" if day.outside else chart.band_bar(day.minutes["crying"], day.band,
                                                                 scale),
            "band": band_words(day.band) if day.band else "", "scale": scale,
        })
    return out
