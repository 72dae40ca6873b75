"""The one rule for a time a person, a script or a file gives us: web forms, the API, the
command line and imports all ask here (``journal.services.check_times`` adds what is
particular to moments: an end after the start, at most a day long)."""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# How far ahead of the server clock a time may be (phones' clocks drift a little).
FUTURE_SLACK = timedelta(minutes=5)
# Nothing in a family's journal happened before this. It also keeps every stored time far
# from the ends of the calendar, where moving it into a time zone overflows.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)


def time_error(at, now=None):
    """Why ``at`` cannot be a time something happened, or None."""
    now = now or timezone.now()
    if at < EARLIEST:
        return _("This date is too far in the past.")
    if at > now + FUTURE_SLACK:
        return _("This time is in the future.")
    return None


def check_time(at, field, now=None):
    """Raise ValidationError on ``field`` when ``at`` cannot be right."""
    error = time_error(at, now)
    if error:
        raise ValidationError({field: error})
