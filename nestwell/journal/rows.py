"""Timeline rows, worked out in Python once per entry so the template only prints them.

A busy day holds 50 to 80 moments and cues; resolving a dozen lookups, filters and URL
reversals per row in the template language cost most of the timeline's time (measured in
docs/performance.md). The markup itself stays in ``_moment_list.html``.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.journal.kinds import describe
from nestwell.journal.timeutil import format_duration


@dataclass(frozen=True, slots=True)
class TimelineRow:
    is_cue: bool
    code: str          # the kind of moment, or the cue's signal
    pk: int
    iso: str
    clock: str
    icon: str
    what: str
    live: str          # "running" or "now", or ""
    meta: str
    note: str
    edit_url: str      # "" when the person cannot edit
    edit_label: str


def _cue_meta(cue):
    parts = []
    if cue.responded_at:
        if cue.responded_at != cue.started_at:
            answered = _("answered after %(d)s") % {
                "d": format_duration(cue.responded_at - cue.started_at)}
        else:
            answered = _("answered")
        if cue.ways:
            answered += ": " + ", ".join(cue.way_labels)
        parts.append(answered)
        if cue.responder_id:
            parts.append(cue.responder.display_name)
    if cue.outcome == "settled" and cue.closed_at:
        parts.append(_("settled after %(d)s") % {
            "d": format_duration(cue.closed_at - cue.started_at)})
    elif cue.outcome == "unsettled":
        parts.append(_("still unsettled"))
    if cue.need and cue.need != "unknown":
        parts.append(str(cue.get_need_display()).lower())
    return " · ".join(parts)


def _moment_meta(moment):
    parts = []
    if moment.ended_at is not None and moment.ended_at != moment.started_at:
        parts.append(format_duration(moment.ended_at - moment.started_at))
    line = describe(moment.kind, moment.details or {})
    if line:
        parts.append(str(line))
    if moment.actor_id:
        parts.append(moment.actor.display_name)
    return " · ".join(parts)


def _note(text):
    return text if len(text) <= 280 else text[:279] + "…"


def timeline_rows(entries, can_write):
    """Moments and cues (as ``_day_entries`` returns them) as rows to print."""
    tz = timezone.get_current_timezone()
    moment_edit = _("Edit %(kind)s")
    # Reverse each URL once, then put the ids in: the same URLs, without a reverse per row.
    mark = "999999999"
    moment_url = reverse("journal:moment_edit", args=[mark]) if can_write else ""
    cue_url = reverse("journal:cue_edit", args=[mark]) if can_write else ""
    rows = []
    for entry in entries:
        local = timezone.localtime(entry.started_at, tz)
        if hasattr(entry, "signal"):
            label = str(entry.signal_label)
            rows.append(TimelineRow(
                is_cue=True, code=entry.signal, pk=entry.pk, iso=entry.started_at.isoformat(),
                clock=local.strftime("%H:%M"), icon=entry.icon, what=label,
                live=_("now") if entry.is_open else "", meta=_cue_meta(entry),
                note=_note(entry.note),
                edit_url=cue_url.replace(mark, str(entry.pk)),
                edit_label=moment_edit % {"kind": label}))
        else:
            label = str(entry.kind_label)
            spec = entry.kind_spec
            rows.append(TimelineRow(
                is_cue=False, code=entry.kind, pk=entry.pk, iso=entry.started_at.isoformat(),
                clock=local.strftime("%H:%M"), icon=spec.icon if spec else "•", what=label,
                live=_("running") if entry.ended_at is None else "",
                meta=_moment_meta(entry), note=_note(entry.note),
                edit_url=moment_url.replace(mark, str(entry.pk)),
                edit_label=moment_edit % {"kind": label}))
    return rows
