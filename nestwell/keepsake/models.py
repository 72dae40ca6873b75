"""What one person chose for one baby's keepsake book, and the notes she wrote for it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.children.models import Child

TITLE_LIMIT = 80
DEDICATION_LIMIT = 300
NOTE_LIMIT = 2000


class Paper(models.TextChoices):
    A4 = "a4", _("A4")
    LETTER = "letter", _("US Letter")


class Keepsake(models.Model):
    """One person's book for one baby: the cover's words, the dates, the paper, and the
    items she picked, as keys like ``letter-12`` (``keys.py``). A key whose item has gone
    (removed, or a letter made private again) is simply left out of the book."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=TITLE_LIMIT, blank=True)
    dedication = models.TextField(_("dedication"), max_length=DEDICATION_LIMIT, blank=True)
    first = models.DateField(_("from"), null=True, blank=True)
    last = models.DateField(_("to"), null=True, blank=True)
    paper = models.CharField(_("paper"), max_length=8, choices=Paper.choices, default=Paper.A4)
    picked = models.JSONField(default=list, blank=True)
    cover = models.CharField(_("photo on the cover"), max_length=32, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "child"],
                                               name="one_keepsake_per_person_and_baby")]

    def __str__(self):
        return f"keepsake of {self.user_id} for {self.child_id}"


class KeepsakeNote(models.Model):
    """A few words she wrote for the book, on a day she chooses: hers alone, never shown to
    anyone else in the household."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    written_on = models.DateField(_("for the day"))
    text = models.TextField(_("your words"), max_length=NOTE_LIMIT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_on", "pk"]
        indexes = [models.Index(fields=["author", "child", "written_on"],
                                name="keepsake_note_author_day")]

    def __str__(self):
        return f"keepsake note {self.pk} by {self.author_id}"
