from django.conf import settings
from django.db import models

from nestwell.accounts.models import Household


class Prefs(models.Model):
    """One person's choices about suggestions, in one household."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    suggestions = models.BooleanField(default=True)
    weekly_email = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "household"],
                                               name="one_prefs_per_person_and_household")]

    def __str__(self):
        return f"Suggestions {'on' if self.suggestions else 'off'} for {self.user_id}"


class PutAway(models.Model):
    """A suggestion she said "not now" to, until a date."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=40)
    until = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "household", "code"],
                                               name="one_put_away_per_code")]

    def __str__(self):
        return f"{self.code} put away until {self.until}"


class ShareLinkQuerySet(models.QuerySet):
    def usable(self):
        """Not revoked, not expired, and its maker still belongs to the household with
        the right to make it (a removed or demoted member's links stop at once)."""
        from django.utils import timezone

        from nestwell.accounts.models import Membership
        from nestwell.accounts.roles import SHARE_LINK_ROLE, roles_at_least

        makers = Membership.objects.filter(
            user=models.OuterRef("created_by"), household=models.OuterRef("household"),
            role__in=roles_at_least(SHARE_LINK_ROLE))
        return self.filter(models.Exists(makers), revoked_at__isnull=True,
                           expires_at__gt=timezone.now())


class ShareLink(models.Model):
    """A read-only, expiring link to a report, for a clinician without an account. Only a
    hash of the token is kept; every view is written to the audit log."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    label = models.CharField(max_length=60, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    first = models.DateField()
    last = models.DateField()
    include_wellbeing = models.BooleanField(default=False)
    include_protocol = models.BooleanField(default=False)  # the 24-hour protocol page
    # The report's language ("" from before languages: the household's).
    language = models.CharField(max_length=10, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    # How often it was opened, and when last: shown under the report to everyone who sees
    # the link (its maker alone has each opening under Who has looked).
    opened = models.PositiveIntegerField(default=0)
    last_opened_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report link for {self.child_id} until {self.expires_at:%Y-%m-%d}"


class WeeklyEmail(models.Model):
    """A weekly e-mail sent (or being sent) to one person about one baby, for one week: the
    job claims this row before sending, so a retry never mails anyone twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    week = models.DateField(help_text="The Monday of the week, in the household's zone.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "child", "week"],
                                               name="one_weekly_email_per_week")]

    def __str__(self):
        return f"Week of {self.week} to {self.user_id} about {self.child_id}"
