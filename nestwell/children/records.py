"""What every record kept about a baby's day shares (nappies, temperatures, medicines,
pumping, the milk store): whose household, a note, who wrote it, the id it had in the file
it came from, and a version for optimistic saving. Abstract: each record has its own table.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household


def household_field(db_index=True):
    """The record's household. A record with a (household, time) index gives
    ``db_index=False``: that index serves every read by household, and a one-column one
    would only cost space and every write."""
    return models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+",
                             db_index=db_index)


class KeptRecord(models.Model):
    household = household_field()
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    external_id = models.CharField(max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def moved_to(record, child):
    """The baby a kept record (a moment, a nappy, a temperature) is to be for after an
    edit: ``child`` when given, another baby of its household (logged for the wrong
    twin), otherwise its own. Refused for a baby of another household."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext

    if child is None:
        return record.child
    if child.household_id != record.household_id:
        raise ValidationError({"child": gettext("This baby is not in your household.")})
    return child
