"""Writing milestones: the one place their rules are checked (forms and API alike), each
change in one transaction, an edit refused when someone saved in between."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.journal.versioned import STALE, save_if_current
from nestwell.milestones import kinds as milestones
from nestwell.milestones.models import Milestone


def _check(child, kind, title, happened_on, note):
    errors = {}
    if kind not in milestones.KINDS:
        errors["kind"] = _("Choose one of the milestones, or “Something else”.")
    title = (title or "").strip()
    if kind == "other" and not title:
        errors["title"] = _("Give it a few words, for example “First time in the sea”.")
    if len(title) > 80:
        errors["title"] = _("A short title, please: up to 80 characters.")
    if "\x00" in title or "\x00" in (note or ""):
        errors["note"] = _("This text contains a character that cannot be saved.")
    if len(note or "") > 2000:
        errors["note"] = _("A note can be up to 2000 characters.")
    born = timezone.localtime(child.birth_at).date() if child.birth_at else None
    problem = milestones.date_problem(happened_on, born, timezone.localdate())
    if problem:
        errors["happened_on"] = problem
    if errors:
        raise ValidationError(errors)
    return title if kind == "other" else "", (note or "").strip()


@transaction.atomic
def add_milestone(*, child, kind, happened_on, user, title="", note="", external_id=""):
    title, note = _check(child, kind, title, happened_on, note)
    return Milestone.objects.create(household=child.household, child=child, kind=kind,
                                    title=title, happened_on=happened_on, note=note,
                                    created_by=user, external_id=external_id)


@transaction.atomic
def update_milestone(milestone, *, version, kind, happened_on, title="", note=""):
    title, note = _check(milestone.child, kind, title, happened_on, note)
    save_if_current(
        Milestone.objects.all(), milestone.pk, version,
        STALE,
        kind=kind, title=title, happened_on=happened_on, note=note)
    milestone.refresh_from_db()
    return milestone


@transaction.atomic
def delete_milestone(milestone):
    Milestone.objects.filter(pk=milestone.pk).delete()
