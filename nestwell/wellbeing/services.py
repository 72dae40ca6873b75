"""Her own entries, written in one place: the check-in form's rules hold for every path
that saves one (the offline sync today)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.lib.times import time_error
from nestwell.wellbeing.forms import checkin_form
from nestwell.wellbeing.models import (
    CheckIn,
    CheckInKind,
    ScreeningResponse,
    Share,
    asks_closeness,
)

# How long a shared safety answer is said to the one she shares with: at the head of his
# page of what she shares, and on his Today and "For you".
SHARED_FLAG_DAYS = 28


def _asked(form, name, message):
    field = form.fields.get(name)
    label = str(field.label) if field is not None and field.label else ""
    if not label:
        return message
    return f"{label} {message}" if label.endswith(("?", "؟")) else f"{label}: {message}"


@transaction.atomic
def record_checkin(*, household, author, answers, at=None):
    """Save a check-in from ``answers`` (the form's fields, and ``kind``: "full" unless
    said) made at ``at`` (default now); refuse it with the form's messages when something
    is missing or not valid."""
    form = checkin_form(answers.get("kind") or CheckInKind.FULL, answers,
                        closeness=answered_closeness(answers, household))
    if form is None:
        raise ValidationError({"kind": _("Choose a full or a short check-in.")})
    # A list or an object where one answer goes (from a script, or a damaged queue) is
    # refused by name: a note of ["…"] had been kept as its Python spelling.
    odd = {name: _("Send one value here, not a list or an object.")
           for name in form.fields if isinstance(answers.get(name), (list, dict))}
    if odd:
        raise ValidationError(odd)
    if not form.is_valid():
        # Each message names its question: sent from a phone, the answer is read away
        # from the form ("This field is required." alone did not say which).
        raise ValidationError({name if name != "__all__" else "request":
                               [_asked(form, name, message) for message in errors]
                               for name, errors in form.errors.items()})
    entry = form.save(commit=False)
    if at is not None:
        if error := time_error(at):
            raise ValidationError({"created_at": error})
        entry.created_at = at
    entry.household, entry.author = household, author
    entry.save()
    return entry


def answered_closeness(answers, household):
    """Whether a check-in sent from elsewhere (the offline queue, the API) asks how close
    she feels to her baby: when she answered it, or when her household would ask it now.
    So an answer is never dropped, and one left out after a loss is not missing."""
    given = answers.get("connection")
    return (given is not None and given != "") or asks_closeness(household)


def checkin_of(author, pk):
    """Her own check-in with this id, or None (another person's is never found)."""
    return CheckIn.objects.filter(author=author, pk=pk).first()


def shared_flags(household, member, now=None):
    """For each person who shares her questionnaires with ``member``: her newest
    questionnaire of the last four weeks that signals a risk of harm (one query). He reads
    it on the page of what she shares; his Today and "For you" point him there, since a
    partner working nights may not go looking."""
    since = (now or timezone.now()) - timedelta(days=SHARED_FLAG_DAYS)
    rows = (ScreeningResponse.objects.filter(
        household=household, created_at__gte=since,
        author__in=Share.objects.filter(household=household, member=member,
                                        screenings=True).values("owner"))
        .select_related("author").only("author__display_name", "author_id", "safety",
                                       "created_at", "instrument")
        .order_by("-created_at"))
    newest = {}
    for response in rows:
        if response.safety and response.author_id not in newest:
            newest[response.author_id] = response
    return list(newest.values())
