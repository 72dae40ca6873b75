from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone

SIZES = ("small", "full")
CAPTION_LIMIT = 200


class Photo(models.Model):
    """One picture kept with one moment (a letter is a moment too) or one first.

    Two plain nullable keys rather than a generic relation: the database keeps them true
    (a check that exactly one is set, cascades that remove the photo with its owner) and a
    timeline reads its photos with a join. Files live in the ``photos`` storage under
    ``name``, a random token nobody can guess; they are only ever served by ``views.serve``.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    moment = models.OneToOneField(Moment, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="photo")
    milestone = models.OneToOneField(Milestone, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="photo")
    name = models.CharField(max_length=64, unique=True)
    extension = models.CharField(max_length=8)
    content_type = models.CharField(_("type"), max_length=32)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    bytes = models.PositiveIntegerField(help_text=_("size of the full copy"))
    caption = models.CharField(_("caption"), max_length=CAPTION_LIMIT, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["household", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(moment__isnull=False, milestone__isnull=True)
                           | Q(moment__isnull=True, milestone__isnull=False)),
                name="photo_has_one_owner"),
        ]

    def __str__(self):
        return f"photo {self.pk} of household {self.household_id}"

    def file_name(self, size):
        return f"{self.name[:2]}/{self.name}.{size}.{self.extension}"

    def file_names(self):
        return [self.file_name(size) for size in SIZES]
