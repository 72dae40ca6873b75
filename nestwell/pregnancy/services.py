"""Pregnancy services: counting movements (one running session per baby) and letters.

Each function is one transaction; the rules are the same for the web, the API and the
command line.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.journal import services
from nestwell.journal.models import Moment

MOVEMENT = "movement_count"
MAX_TAPS = 500


def running_session(child):
    return Moment.objects.running().filter(child=child, kind=MOVEMENT).first()


def start_counting(*, child, user):
    if child.is_born:
        raise ValidationError(_("Movement counting is for pregnancy."))
    return services.start_timer(child=child, kind=MOVEMENT, user=user,
                                details={"count": 0, "taps": []})


def _locked_session(session):
    locked = Moment.objects.select_for_update().get(pk=session.pk)
    if locked.deleted_at is not None or locked.ended_at is not None or locked.kind != MOVEMENT:
        raise ValidationError(_("This counting session has already finished."))
    return locked


def _save(locked, taps):
    locked.details = services.checked_details(MOVEMENT, {**locked.details, "taps": taps,
                                                         "count": len(taps)})
    locked.version = F("version") + 1
    locked.save(update_fields=["details", "version", "updated_at"])
    locked.refresh_from_db()
    return locked


@transaction.atomic
def tap(session, at=None):
    """One movement felt, now."""
    locked = _locked_session(session)
    taps = list(locked.details.get("taps", []))
    if len(taps) >= MAX_TAPS:
        raise ValidationError(_("That is a lot of movements: this session is full."))
    seconds = int(((at or timezone.now()) - locked.started_at).total_seconds())
    taps.append(max(seconds, taps[-1] if taps else 0))
    return _save(locked, taps)


@transaction.atomic
def untap(session):
    """Take back the last tap (a mis-tap)."""
    locked = _locked_session(session)
    taps = list(locked.details.get("taps", []))[:-1]
    return _save(locked, taps)


def finish(session):
    """End a counting session; one left running past a day ends a day after it began."""
    end = min(timezone.now(), session.started_at + services.LONGEST_MOMENT)
    return services.stop_timer(moment=session, ended_at=max(end, session.started_at))


def letters_for(user, household):
    """Letters this person may read: their own, and those shared with the household."""
    return (Moment.objects.alive().filter(household=household, kind="letter")
            .filter(Q(created_by=user) | Q(details__shared=True))
            .select_related("child", "created_by", "photo"))
