"""Her own entries, written in one place: the check-in form's rules hold for every path
that saves one (the offline sync today)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nestwell.lib.times import time_error
from nestwell.wellbeing.forms import checkin_form
from nestwell.wellbeing.models import CheckInKind


@transaction.atomic
def record_checkin(*, household, author, answers, at=None):
    """Save a check-in from ``answers`` (the form's fields, and ``kind``: "full" unless
    said) made at ``at`` (default now); refuse it with the form's messages when something
    is missing or not valid."""
    form = checkin_form(answers.get("kind") or CheckInKind.FULL, answers)
    if form is None:
        raise ValidationError({"kind": _("Choose a full or a short check-in.")})
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
