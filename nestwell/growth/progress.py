"""How a baby's measurements read on the WHO standards, for the page, the report and the
API. The numbers come from ``who`` (pure); this module gives them words and draws nothing:
the SVG is drawn by insights, which owns the chart code and sits above growth, and which
registers its drawer here from its ``AppConfig.ready()`` (``drawers``)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from nestwell.growth import who

# drawers["chart"](title, description, chart_id, curves, points, x_ticks, unit, x_max,
# series_name) -> svg; drawers["table"](caption, head, rows, summary) -> html.
drawers: dict = {}

INDICATOR_NAMES = {
    who.WEIGHT_FOR_AGE: gettext_lazy("Weight for age"),
    who.LENGTH_FOR_AGE: gettext_lazy("Length for age"),
    who.HEAD_FOR_AGE: gettext_lazy("Head circumference for age"),
    who.WEIGHT_FOR_LENGTH: gettext_lazy("Weight for length"),
}
REGAIN_SOURCE = ("NHS, “Your baby's weight and height” (nhs.uk/baby/babys-development/"
                 "height-weight-and-reviews/baby-weight-and-height/)")


@dataclass
class Row:
    measurement: object
    age_days: int          # real age, in days
    reading: who.Reading

    def centile(self, indicator):
        score = self.reading.scores.get(indicator)
        return score.centile_words if score else ""

    def z(self, indicator):
        score = self.reading.scores.get(indicator)
        return f"{score.z:+.2f}" if score else ""


def birth_day(child):
    from django.utils import timezone

    return timezone.localtime(child.birth_at).date() if child.birth_at else None


def rows_for(child, measurements) -> list[Row]:
    """One ``Row`` per measurement (newest first, as given)."""
    born = birth_day(child)
    rows = []
    for m in measurements:
        days = (m.measured_on - born).days
        rows.append(Row(m, days, who.read(child.sex or None, days, child.gestation_total_days,
                                           weight_kg=m.weight_kg, length_cm=m.length_cm,
                                           head_cm=m.head_cm)))
    return rows


@dataclass(frozen=True)
class BirthWeighing:
    """The birth weight kept with the baby, read as the first measurement: where the
    weight chart begins, and the first line of the list and of the report. Not a row of
    its own: it is edited with the birth (the baby's details)."""

    measured_on: date
    weight_grams: int
    pk = None
    length_mm = head_mm = length_cm = head_cm = None
    note = ""
    at_birth = True

    @property
    def weight_kg(self):
        return self.weight_grams / 1000

    def get_measured_by_display(self):
        return _("at birth")


def with_birth(child, rows: list[Row]) -> list[Row]:
    """``rows`` (newest first) and, last, the birth weight, unless a weight measured on
    the day of the birth is among them already (the same weighing, kept twice)."""
    born = birth_day(child)
    if not child.birth_weight_grams or born is None:
        return rows
    if any(r.measurement.measured_on == born and r.measurement.weight_grams is not None
           for r in rows):
        return rows
    return rows + rows_for(child, [BirthWeighing(born, child.birth_weight_grams)])


def ordinal(text: str) -> str:
    """'40' -> '40th' (English-style ordinal words through gettext)."""
    if not text or not text[-1].isdigit() or "." in text:
        return text
    n = int(text)
    if n == 1:  # French writes 1er but 21e, 51e: the one of "one" alone has its own words
        return pgettext("ordinal of the number one alone", "%(n)sst") % {"n": n}
    if 10 <= n % 100 <= 20:
        return _("%(n)sth") % {"n": n}
    return {1: _("%(n)sst"), 2: _("%(n)snd"), 3: _("%(n)srd")}.get(
        n % 10, _("%(n)sth")) % {"n": n}


def birth_weight_regain(birth_grams: int | None, born: date | None,
                        weights: list[tuple[date, int]]) -> dict | None:
    """Whether, and when, the weights came back to the birth weight. Pure. ``weights`` are
    (day, grams); a weighing on the day of the birth is the birth weight itself, so the
    count starts the day after. Only for the first six weeks; None when there is nothing
    to say."""
    if not birth_grams or born is None:
        return None
    early = sorted((d, g) for d, g in weights if 1 <= (d - born).days <= 42)
    if not early:
        return None
    back = next(((d - born).days for d, g in early if g >= birth_grams), None)
    lowest = min(g for _d, g in early)
    # Back at the very first weighing after the birth: it may have been days earlier,
    # and "back by day 34" read as a verdict on a baby nobody weighed before day 34.
    first = (early[0][0] - born).days
    return {"back_on_day": back, "at_first_weighing": back is not None and back == first,
            "latest_day": (early[-1][0] - born).days,
            "latest_grams": early[-1][1],
            "lowest_percent": max(0.0, round((birth_grams - lowest) / birth_grams * 100, 1))}


def _x_axis(x_max: int) -> tuple[int, list]:
    """The age axis: weeks in the first four months, then months."""
    if x_max <= 17 * 7:
        x_max = max(x_max, 8 * 7)
        step = 2 if x_max <= 10 * 7 else 4
        x_max = -(-x_max // (7 * step)) * 7 * step
        return x_max, [(w * 7, _("%(n)s wk") % {"n": w})
                       for w in range(0, x_max // 7 + 1, step)]
    months = -(-x_max * 12 // 365)
    step = 1 if months <= 6 else 2 if months <= 12 else 3 if months <= 24 else 6
    months = -(-months // step) * step
    x_max = min(round(months * 365.25 / 12), who.LAST_DAY)
    return x_max, [(round(m * 365.25 / 12), _("%(n)s m") % {"n": m})
                   for m in range(0, months + 1, step) if round(m * 365.25 / 12) <= x_max]


def chart_data(child, rows: list[Row], indicator: str) -> dict | None:
    """What a chart of one indicator by age shows (curves, the child's points, the axis),
    for the page's SVG and the report's PDF alike; None without a sex or values."""
    if child.sex not in who.SEXES:
        return None
    attr = {who.WEIGHT_FOR_AGE: "weight_kg", who.LENGTH_FOR_AGE: "length_cm",
            who.HEAD_FOR_AGE: "head_cm"}[indicator]
    plotted = sorted(((r.reading.age_days, getattr(r.measurement, attr), r)
                      for r in rows if getattr(r.measurement, attr) is not None
                      and 0 <= r.reading.age_days <= who.LAST_DAY), key=lambda p: p[:2])
    if not plotted:
        return None
    x_max, x_ticks = _x_axis(plotted[-1][0] + 14)
    step = max(1, x_max // 60)
    days = list(range(0, x_max + 1, step))
    if days[-1] != x_max:
        days.append(x_max)
    curves = [(ordinal(str(c)), [(d, who.curve_value(indicator, child.sex, d, z))
                                 for d in days], c == 50)
              for c, z in who.CENTILE_LINES]
    unit = {"weight_kg": _("kg"), "length_cm": _("cm"), "head_cm": _("cm")}[attr]
    name = str(INDICATOR_NAMES[indicator])
    corrected = any(r.reading.corrected for _d, _v, r in plotted)
    description = ngettext(
        "%(name)s on the WHO Child Growth Standards for %(sex)s: the 3rd, 15th, 50th, "
        "85th and 97th centile lines, and %(child)s's %(count)s measurement.",
        "%(name)s on the WHO Child Growth Standards for %(sex)s: the 3rd, 15th, 50th, "
        "85th and 97th centile lines, and %(child)s's %(count)s measurements.",
        len(plotted)) % {
        "name": name, "sex": _("girls") if child.sex == "female" else _("boys"),
        "child": child.name, "count": len(plotted)}
    if corrected:
        description += " " + _("Plotted at corrected age (counted from the due date).")
    return {"indicator": indicator, "name": name, "description": description,
            "curves": curves, "points": [(d, v) for d, v, _r in plotted],
            "x_ticks": x_ticks, "unit": unit, "x_max": x_max, "series_name": child.name,
            "corrected": corrected, "plotted": plotted}


def chart(child, rows: list[Row], indicator: str) -> dict | None:
    """The SVG and the table for one indicator by age; None without a sex or values."""
    from nestwell.accounts import measures  # her numbers (Django's; this module is pure)

    data = chart_data(child, rows, indicator) if "chart" in drawers else None
    if data is None:
        return None
    svg = drawers["chart"](
        data["name"], data["description"], f"growth-{indicator}", data["curves"],
        data["points"], data["x_ticks"], data["unit"], data["x_max"], data["series_name"])
    table = drawers["table"](
        data["name"], [_("Measured on"),
                       _("Corrected age (days)") if data["corrected"] else _("Age (days)"),
                       data["unit"], _("Centile"), _("z-score")],
        # The day and the z-score as her language writes them (Chloé read "2026-11-01"
        # and "+0.40" beside "3,42 kg"); the CSV keeps ISO days and points.
        [(measures.day(r.measurement.measured_on, "j M Y"),
          [d, measures.decimal(v), ordinal(r.centile(indicator)),
           _z_in_words(r.z(indicator), measures)])
         for d, v, r in data["plotted"]],
        _("The numbers in a table"))
    return {"indicator": indicator, "name": data["name"], "svg": svg, "table": table,
            "corrected": data["corrected"]}


def _z_in_words(z: str, measures) -> str:
    """"+0.40" as her language writes it ("+0,4" in French); "" stays ""."""
    return z[0] + measures.decimal(z[1:], 2) if z else ""


def _imperial(m, indicator, metric, measures):
    if indicator == who.WEIGHT_FOR_AGE:
        return _("%(value)s (%(metric)s)") % {"value": measures.weight(m.weight_grams),
                                              "metric": metric}
    mm = m.length_mm if indicator == who.LENGTH_FOR_AGE else m.head_mm
    shown = _("%(value)s (%(metric)s)") % {"value": measures.length(mm), "metric": metric}
    return (_("%(length)s long") if indicator == who.LENGTH_FOR_AGE
            else _("head %(length)s")) % {"length": shown}


def describe(row: Row) -> str:
    """One measurement in a line, with its centiles: for the report."""
    from nestwell.accounts import measures  # her units (Django's; this module is pure)

    m, parts = row.measurement, []
    imperial = measures.current().weight == "imperial"
    for value, unit, indicator in ((m.weight_kg, _("kg"), who.WEIGHT_FOR_AGE),
                                   (m.length_cm, _("cm long"), who.LENGTH_FOR_AGE),
                                   (m.head_cm, _("cm head"), who.HEAD_FOR_AGE)):
        if value is None:
            continue
        text = f"{measures.decimal(value)}\u00a0{unit}"
        if imperial:  # hers first, the metric a clinic reads beside it
            text = _imperial(m, indicator, f"{measures.decimal(value)}\u00a0{unit.split()[0]}",
                             measures)
        if indicator in row.reading.scores:
            text += " (" + _("%(c)s centile") % {"c": ordinal(row.centile(indicator))} + ")"
        elif indicator in row.reading.outside and row.reading.age_days < 0:
            # before the due date the charts have no line yet: nothing is wrong (a mother
            # read "outside the WHO tables" on every line as something being wrong)
            text += " (" + _("the WHO charts begin at the due date") + ")"
        elif indicator in row.reading.outside:
            text += " (" + _("outside the WHO tables") + ")"
        parts.append(text)
    if who.WEIGHT_FOR_LENGTH in row.reading.scores:
        parts.append(_("weight for length: %(c)s centile") % {
            "c": ordinal(row.centile(who.WEIGHT_FOR_LENGTH))})
    parts.append(str(m.get_measured_by_display()))
    return " · ".join(parts)
