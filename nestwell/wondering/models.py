"""What she wondered about her baby, and when she wants to be asked."""

from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.journal.models import Moment


class Occasion(models.TextChoices):
    FEED = "feed", _("After a feed")
    SETTLE = "settle", _("After a cry settled")
    DAILY = "daily", _("Once a day")


class Wondering(models.Model):
    """One prompt she answered (``answered``) or put away (not answered: it still counts
    towards the day's prompts). Hers alone, like a check-in: when the household or the baby
    is deleted it stays hers, on her account page, until she deletes it."""

    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="wonderings")
    child = models.ForeignKey(Child, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    occasion = models.CharField(max_length=8, choices=Occasion.choices)
    # "moment:12", "cue:5" or "daily:2026-12-02": what she was asked about, once.
    key = models.CharField(max_length=40)
    moment = models.ForeignKey(Moment, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    cue = models.ForeignKey(Cue, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
    about_at = models.DateTimeField(_("the moment"))
    prompt_id = models.CharField(max_length=20, blank=True)
    prompt = models.CharField(_("the question"), max_length=300, blank=True)
    feelings = models.JSONField(_("what you noticed"), default=list, blank=True)
    note = models.TextField(_("in your words"), max_length=500, blank=True)
    answered = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-about_at", "-pk"]
        indexes = [models.Index(fields=["author", "about_at"], name="wondering_author_time")]
        constraints = [models.UniqueConstraint(fields=["author", "key"],
                                               name="one_wondering_per_moment")]

    def __str__(self):
        return f"Wondering by {self.author_id} about {self.key}"


def eight_in_the_evening():
    """The default time to be asked (a function: see reminders.models)."""
    return time(20, 0)


class Choices(models.Model):
    """When one person wants to be asked, in one household."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    after_feed = models.BooleanField(_("after a feed you gave"), default=True)
    after_settle = models.BooleanField(_("after a cry you answered has settled"),
                                       default=True)
    daily = models.BooleanField(_("once a day"), default=False)
    daily_at = models.TimeField(_("at"), default=eight_in_the_evening)
    per_day = models.PositiveSmallIntegerField(_("at most, each day"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "household"],
                                               name="one_wondering_choice_per_member")]

    def __str__(self):
        return f"Wondering choices of {self.user_id} in {self.household_id}"
