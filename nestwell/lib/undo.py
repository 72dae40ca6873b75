"""Undo of a one-tap record (a nappy, a dose given now): taken back by whoever kept it,
within the same short while as a moment; after that, from the record's own page."""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.journal.services import UNDO_WINDOW


def take_back(request, record, *, remove, too_late):
    """Remove ``record`` (``remove(record)``) when it was kept within the undo window and
    say so; else say ``too_late`` (where it can still be deleted) and keep it."""
    if timezone.now() - record.created_at > UNDO_WINDOW:
        messages.error(request, too_late)
        return False
    remove(record)
    messages.success(request, _("Taken back."))
    return True
