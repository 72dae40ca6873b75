from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.children.models import Child
from nestwell.milestones import kinds as milestone_kinds


class Milestone(models.Model):
    """A first worth remembering (a first smile, first steps), on the day it happened."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("what"), max_length=32, choices=milestone_kinds.CHOICES)
    title = models.CharField(_("in your words"), max_length=80, blank=True)
    happened_on = models.DateField(_("when"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    external_id = models.CharField(max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "journal_milestone"  # the table from before the split of journal
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["child", "happened_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="other") | ~Q(title=""),
                                   name="milestone_other_has_a_title"),
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_milestone_external_id"),
        ]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return milestone_kinds.label(self.kind, self.title)

    @property
    def icon(self):
        return milestone_kinds.icon(self.kind)
