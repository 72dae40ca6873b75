"""Optimistic saving: an edit is written only if nobody saved the row since it was read.

Moments, cues and milestones carry a ``version``; a form or API call sends back the
version it showed, and a save from an older one is refused (the API answers 409, the app
shows the latest version with a message) rather than silently overwriting.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy

from nestwell.wellbeing.notes import notes_before_update, notes_updated

# Said on an edit page when the record changed since it was opened. Often it was her own
# save: she saved, went Back and saved again; "someone changed it" blamed a someone.
STALE = gettext_lazy("This was changed since you opened it: on another device, or by a save "
                     "you made before going back. Here is the latest version; make your "
                     "change again if it is still needed.")


def save_if_current(queryset, pk, version, stale_message, **fields):
    """Write ``fields`` to row ``pk`` if it is still at ``version`` (and in ``queryset``),
    moving it to the next version; otherwise raise a ``stale`` ValidationError."""
    fields.setdefault("updated_at", timezone.now())
    notes = notes_before_update(queryset.model, pk, fields)  # a note of harm opens support
    if not queryset.filter(pk=pk, version=version).update(version=F("version") + 1, **fields):
        raise ValidationError(stale_message, code="stale")
    notes_updated(notes)


def is_stale(error):
    return getattr(error, "code", None) == "stale"
