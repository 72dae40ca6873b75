"""When each person last looked at the handover card, and short notes for one person."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household

NOTE_LIMIT = 280


class Seen(models.Model):
    """The moment one person said "got it" on the handover card in one household: the
    card then tells what happened after it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "household"],
                                               name="one_seen_per_person_and_household")]

    def __str__(self):
        return f"{self.user_id} looked at {self.seen_at:%Y-%m-%d %H:%M}"


class NoteQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Note(models.Model):
    """A line written for one member of the household ("the bottle in the fridge is from
    6 pm"). It shows on that person's handover card until they mark it read; only its
    writer and the person it is for ever see it."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="notes_written")
    addressee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notes_received", verbose_name=_("for"))
    text = models.CharField(_("note"), max_length=NOTE_LIMIT)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["household", "addressee", "created_at"],
                                name="note_for_person_time")]

    def __str__(self):
        return f"Note from {self.author_id} for {self.addressee_id}"
