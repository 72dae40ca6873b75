"""What the care day adds to the journal: nappies and temperatures on the one timeline, and
the one-tap nappy buttons with today's counts on the home page. Registered in
``HealthConfig.ready()``."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.health import nappies, services
from nestwell.health.fever import FEVER_C, LOW_C, URGENT
from nestwell.health.models import Nappy, Temperature
from nestwell.journal import contributions
from nestwell.journal.rows import TimelineRow, short_note


def nappy_entries(child, start, end):
    return Nappy.objects.filter(child=child, changed_at__gte=start, changed_at__lt=end)


def temperature_entries(child, start, end):
    return (Temperature.objects.filter(child=child, taken_at__gte=start, taken_at__lt=end)
            .select_related("child"))


def nappy_meta(nappy):
    parts = []
    if nappy.colour:
        parts.append(str(nappies.STOOL_COLOURS[nappy.colour].label))
    if nappy.consistency:
        parts.append(str(nappies.CONSISTENCIES[nappy.consistency]).lower())
    if nappy.pale:
        parts.append(_("pale: call your midwife, health visitor or GP today"))
    elif nappy.blood:
        parts.append(str(nappies.BLOOD_ROW))
    return " · ".join(parts)


def care_rows(url_name, can_write, what, meta, icon, code, when):
    mark = "999999999"
    url = reverse(url_name, args=[mark]) if can_write else ""
    edit = _("Edit %(kind)s")

    def row(entry, tz):
        label = what(entry)
        at = when(entry)
        return TimelineRow(
            is_cue=False, code=code, pk=entry.pk, iso=at.isoformat(),
            clock=measures.clock(timezone.localtime(at, tz)), icon=icon(entry),
            what=label, live="", meta=meta(entry), note=short_note(entry.note),
            edit_url=url.replace(mark, str(entry.pk)), edit_label=edit % {"kind": label})

    return row


def nappy_rows(can_write):
    return care_rows("health:nappy_edit", can_write,
                 what=lambda n: _("Nappy: %(kind)s") % {"kind": str(n.label).lower()},
                 meta=nappy_meta, icon=lambda n: "🧷", code="nappy",
                 when=lambda n: n.changed_at)


def temperature_meta(temperature):
    found = services.temperature_reading(temperature)
    if found == "call_now":
        return _("%(threshold)s or more under 3 months: call for advice now") % {
            "threshold": measures.temperature(FEVER_C)}
    if found == "low":
        return _("under %(threshold)s: call for advice now") % {
            "threshold": measures.temperature(LOW_C)}
    if found == "raised":
        return _("raised")
    return ""


def temperature_rows(can_write):
    return care_rows("health:temperature_edit", can_write,
                 what=lambda t: _("Temperature %(temperature)s") % {
                     "temperature": measures.temperature(t.celsius)},
                 meta=temperature_meta, icon=lambda t: "🌡️", code="temperature",
                 when=lambda t: t.taken_at)


def home(request, child):
    """Today's nappies so far, for the one-tap buttons, and a temperature that asks for a
    call (``urgent_temperature``): on Today as on the night screen. It had been on Today
    only inside the handover card, and *Got it* there took it away."""
    if not child.is_born:
        return {}
    read = contributions.read_today(request, Nappy, child)
    return {"nappies_today": services.nappies_today(child, read),
            "nappy_kinds": nappies.KIND_CHOICES, **urgent_temperature(request, child)}


FEVER_SHOWN_FOR = 12  # hours: a high temperature stays at the top of the night screen


def urgent_temperature(request, child):
    """A temperature that asks for a call (38 °C or more under three months, or under
    36 °C) taken in the last hours, with the numbers to call; else nothing. One query."""
    from datetime import timedelta

    from nestwell.wellbeing import crisis

    latest = (Temperature.objects.filter(
        child=child, taken_at__gte=timezone.now() - timedelta(hours=FEVER_SHOWN_FOR))
        .select_related("child").order_by("-taken_at").first())
    reading = services.temperature_reading(latest) if latest is not None else None
    if reading not in URGENT:
        return {}
    return {"fever_now": latest, "fever_reading": reading, "fever_threshold": FEVER_C,
            "low_threshold": LOW_C, "emergency": crisis.emergency_number(request.household)}


def night(request, child):
    """The night screen's care: as Today's (the night screen, the one a partner uses at
    night, had not shown a temperature that asks for a call)."""
    return home(request, child)
