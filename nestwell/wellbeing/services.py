"""Her own entries, written in one place: the check-in form's rules hold for every path
that saves one (the offline sync today)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from nestwell.lib.times import time_error
from nestwell.wellbeing.forms import CheckInForm


@transaction.atomic
def record_checkin(*, household, author, answers, at=None):
    """Save a check-in from ``answers`` (the form's fields) made at ``at`` (default now);
    refuse it with the form's messages when something is missing or not valid."""
    form = CheckInForm(answers)
    if not form.is_valid():
        raise ValidationError({name if name != "__all__" else "request": list(errors)
                               for name, errors in form.errors.items()})
    entry = form.save(commit=False)
    if at is not None:
        if error := time_error(at):
            raise ValidationError({"created_at": error})
        entry.created_at = at
    entry.household, entry.author = household, author
    entry.save()
    return entry
