"""The birth: one step that turns an expected baby into a newborn, and the first hour.

The child keeps its row, so everything logged in pregnancy stays on the same timeline.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.children.models import Child
from nestwell.journal import services
from nestwell.journal.models import Moment

FIRSTS = ("skin_to_skin", "feeding", "cuddle")  # the cuddle is the partner's first hold


@transaction.atomic
def record_birth(child, *, born_at, gestation_weeks=None, gestation_days=None,
                 weight_grams=None, notes="", neonatal_care=False, in_unit=False, name=None):
    """``name``, when given, replaces the name used in pregnancy ("Bean" becomes "Mila");
    left empty, the name stays."""
    locked = Child.objects.select_for_update().get(pk=child.pk)
    if locked.birth_at is not None:
        raise ValidationError(_("%(name)s's birth is already recorded.") % {"name": locked.name})
    services.check_time(born_at, "born_at")
    if name and name.strip():
        locked.name = name.strip()
    locked.birth_at = born_at
    locked.gestation_weeks = gestation_weeks
    locked.gestation_days = gestation_days if gestation_weeks is not None else None
    locked.birth_weight_grams = weight_grams
    locked.birth_notes = notes.strip()
    locked.neonatal_care = neonatal_care
    # Asked only once neonatal care is ticked: a box left ticked, then hidden, is not kept.
    locked.in_unit = in_unit and neonatal_care
    # A movement count still running ends at the birth.
    for session in Moment.objects.running().filter(child=locked, kind="movement_count"):
        services.stop_timer(moment=session, ended_at=max(session.started_at, min(
            born_at, timezone.now(), session.started_at + services.LONGEST_MOMENT)))
    locked.save()
    return locked


def firsts(child):
    """The first-hour moments already recorded, by kind."""
    found = {}
    for moment in (Moment.objects.alive().filter(child=child, kind__in=FIRSTS,
                                                 details__first=True)
                   .select_related("actor").order_by("started_at")):
        found.setdefault(moment.kind, moment)
    return found


@transaction.atomic
def record_firsts(child, *, user, entries):
    """Save the first skin-to-skin, first feed and first hold.

    ``entries`` maps a kind to (started_at, minutes, actor, details) or None to leave it
    alone; ``details`` (the first feed's method) is laid over the moment's own.
    Editing again updates the same moments instead of adding new ones.
    """
    if not child.is_born:
        raise ValidationError(_("The first hour comes after the birth."))
    existing = firsts(child)
    saved = {}
    for kind, entry in entries.items():
        if entry is None:
            continue
        started_at, minutes, actor, details = entry
        if started_at < child.birth_at:
            raise ValidationError({kind: _("This is before the birth.")})
        ended_at = started_at + timedelta(minutes=minutes or 0)
        moment = existing.get(kind)
        if moment is None:
            saved[kind] = services.log_moment(
                child=child, kind=kind, user=user, started_at=started_at, ended_at=ended_at,
                actor=actor or user, details={**details, "first": True})
        else:
            saved[kind] = services.update_moment(
                moment, version=moment.version, kind=kind, started_at=started_at,
                # Left unchosen, it stays whoever it was: her partner's first hold had
                # become hers when he was no longer a member to choose.
                ended_at=ended_at, actor=actor or moment.actor or user,
                details={**moment.details, **details, "first": True}, note=moment.note)
    return saved
