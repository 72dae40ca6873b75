"""Her reminder choices, her devices, the questionnaires she asked to repeat, and each
reminder's one occurrence (claimed before it is sent, so it is never sent twice)."""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household


# The default times are given by functions: a fixed time as a default makes Django's
# system check warn (fields.W161) whenever the clock is within ten seconds of it.
def five_in_the_evening():
    return time(17, 0)


def ten_at_night():
    return time(22, 0)


def seven_in_the_morning():
    return time(7, 0)


class Preferences(models.Model):
    """Which reminders one person wants in one household, and when to keep quiet."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    timer_on = models.BooleanField(_("a timer still running"), default=True)
    timer_minutes = models.PositiveSmallIntegerField(_("after (minutes)"), default=90)
    repeat_on = models.BooleanField(_("a questionnaire you chose to repeat"), default=True)
    checkin_on = models.BooleanField(_("a check-in with yourself"), default=False)
    checkin_days = models.PositiveSmallIntegerField(_("every (days)"), default=7)
    kangaroo_on = models.BooleanField(_("skin-to-skin for a baby born early or small"),
                                      default=False)
    kangaroo_at = models.TimeField(_("each day at"), default=five_in_the_evening)
    # Her milk for a baby in a neonatal unit, or for bottles at home: a reminder some hours
    # after her last pumping session (Lena pumped every three hours, day and night).
    pumping_on = models.BooleanField(_("pumping, some hours after the last time"),
                                     default=False)
    pumping_hours = models.PositiveSmallIntegerField(_("after (hours)"), default=3)
    partner_on = models.BooleanField(_("a moment logged by someone else"), default=False)
    crying_on = models.BooleanField(
        _("crying heard by a listening device in the nursery (even in quiet hours)"),
        default=False)
    quiet_on = models.BooleanField(_("quiet hours"), default=True)
    quiet_start = models.TimeField(_("from"), default=ten_at_night)
    quiet_end = models.TimeField(_("until"), default=seven_in_the_morning)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "household"],
                                               name="one_reminder_prefs_per_member")]

    def __str__(self):
        return f"Reminders of {self.user_id} in {self.household_id}"


class PushSubscription(models.Model):
    """One device (browser) of one person that receives Web Push for one household."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    # Push services' addresses run to a few hundred characters; 1000 leaves room.
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    label = models.CharField(_("device"), max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_success_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)
    retry_after = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["user", "household"], name="push_sub_person")]

    def __str__(self):
        return self.label or f"Device {self.pk}"

    def info(self):
        """The subscription as pywebpush takes it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class Repeat(models.Model):
    """A questionnaire she asked to be reminded to answer again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=20)
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "household", "instrument"],
                                               name="one_repeat_per_questionnaire")]

    def __str__(self):
        return f"{self.instrument} again after {self.due_at:%Y-%m-%d}"


class Occurrence(models.Model):
    """One reminder, once: the job claims this row before sending, and putting a reminder
    away in the app makes it too, so nothing is sent or shown twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now)
    pushed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "household", "key"],
                                               name="one_occurrence_per_reminder")]
        indexes = [models.Index(fields=["created_at"], name="occurrence_age")]

    def __str__(self):
        return self.key
