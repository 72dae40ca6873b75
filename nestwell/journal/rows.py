"""Timeline rows, worked out in Python once per entry so the template only prints them.

A busy day holds 50 to 80 moments and cues; resolving a dozen lookups, filters and URL
reversals per row in the template language cost most of the timeline's time (measured in
docs/performance.md). The markup itself stays in ``_moment_list.html``.
"""

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts import measures
from nestwell.journal import contributions
from nestwell.journal.durations import duration_label
from nestwell.journal.kinds import describe, icon_for


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
    photo: object = None   # the moment's photo (nestwell.photos), or None
    photo_url: str = ""
    photo_alt: str = ""


def _moment_meta(moment):
    parts = []
    if moment.ended_at is not None and moment.ended_at != moment.started_at:
        parts.append(duration_label(moment.ended_at - moment.started_at))
    line = describe(moment.kind, moment.details or {})
    if line:
        parts.append(str(line))
    if moment.actor_id:
        parts.append(moment.actor.display_name)
    return " · ".join(parts)


def short_note(text):
    return text if len(text) <= 280 else text[:279] + "…"


def photo_alt(what, note):
    """A photo's alternative text, from what it was kept with."""
    if note:
        return _("Photo: %(what)s, %(note)s") % {"what": what, "note": short_note(note)[:120]}
    return _("Photo: %(what)s") % {"what": what}


def timeline_rows(entries, can_write):
    """Moments and other apps' entries (as ``_day_entries`` returns them) as rows to print;
    the other apps make their own rows (``contributions.timeline``)."""
    tz = timezone.get_current_timezone()
    moment_edit = _("Edit %(kind)s")
    # Reverse each URL once, then put the ids in: the same URLs, without a reverse per row.
    mark = "999999999"
    moment_url = reverse("journal:moment_edit", args=[mark]) if can_write else ""
    photo_url = reverse("photos:serve", args=[mark, "small"])
    others = {model: source.rows(can_write)
              for model, source in contributions.timeline_sources.items()}
    rows = []
    for entry in entries:
        if type(entry) in others:
            rows.append(others[type(entry)](entry, tz))
            continue
        local = timezone.localtime(entry.started_at, tz)
        label = str(entry.kind_label)
        photo = getattr(entry, "photo", None)  # joined by the query (select_related)
        rows.append(TimelineRow(
            is_cue=False, code=entry.kind, pk=entry.pk, iso=entry.started_at.isoformat(),
            clock=measures.clock(local), icon=icon_for(entry.kind, entry.details),
            what=label,
            live=_("running") if entry.ended_at is None else "",
            meta=_moment_meta(entry), note=short_note(entry.note),
            edit_url=moment_url.replace(mark, str(entry.pk)),
            edit_label=moment_edit % {"kind": label},
            photo=photo, photo_url=photo_url.replace(mark, str(photo.pk)) if photo else "",
            photo_alt=photo_alt(label, entry.note) if photo else ""))
    return rows


def with_birth(rows, child, start, end, can_edit):
    """The day's rows with the birth among them when it fell in [start, end): when, the
    weeks and the weight, at its place in time (rows are newest first). The baby's row is
    already read, so this costs no query."""
    born = child.birth_at
    if born is None or not start <= born < end:
        return rows
    parts = []
    if child.gestation_weeks:
        parts.append(_("%(weeks)s+%(days)s weeks") % {"weeks": child.gestation_weeks,
                                                      "days": child.gestation_days or 0})
    if child.birth_weight_grams:
        parts.append(measures.weight(child.birth_weight_grams))
    if child.neonatal_care:
        parts.append(_("cared for in a neonatal unit"))
    what = _("%(name)s is born") % {"name": child.name}
    row = TimelineRow(
        is_cue=False, code="birth", pk=child.pk, iso=born.isoformat(),
        clock=measures.clock(timezone.localtime(born)), icon="👶", what=what, live="",
        meta=" · ".join(str(p) for p in parts), note="",
        edit_url=reverse("journal:child_edit", args=[child.pk]) if can_edit else "",
        edit_label=_("Edit %(name)s's details") % {"name": child.name})
    at = next((i for i, r in enumerate(rows) if datetime.fromisoformat(r.iso) < born),
              len(rows))
    return [*rows[:at], row, *rows[at:]]
