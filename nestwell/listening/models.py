"""Listening devices (a spare phone left in the nursery) and what they detected.

No sound is ever stored or sent: a device sends only events (crying started, quiet again,
a happy sound, still here), and with the person's consent the last ten seconds' scores
of a detection, kept as feedback for tuning the detector."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.care.models import Cue
from nestwell.children.models import Child


class ListeningDevice(models.Model):
    """One listening session of one device, for one child: made when the listening screen
    starts, heard from at every event, stopped when the screen stops."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE,
                                  related_name="listening_devices")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=60)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField()
    last_heard_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)
    # Its microphone stopped hearing (lost, muted, silent): said at once, not a minute
    # later, and never taken for a quiet room (Grace, who cannot hear her baby cry).
    deaf_at = models.DateTimeField(null=True, blank=True)
    # Its page was closed rather than stopped with its button: every open page says so
    # until someone taps "Got it" or a device listens again.
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-last_heard_at", "-pk"]
        indexes = [models.Index(fields=["household", "last_heard_at"],
                                name="listening_device_heard")]

    def __str__(self):
        return self.name


class Detection(models.Model):
    """The detection that opened a crying episode: which device, how sure, and (only with
    consent) the scores of the last ten seconds."""

    cue = models.OneToOneField(Cue, on_delete=models.CASCADE, related_name="detection")
    device = models.ForeignKey(ListeningDevice, on_delete=models.SET_NULL, null=True,
                               related_name="detections")
    confidence = models.FloatField(null=True, blank=True)
    scores = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()

    def __str__(self):
        return f"Detection of cue {self.cue_id}"
