from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.children.models import Child

MEASURED_BY = [
    ("parent", _("Us, at home")),
    ("midwife", _("Midwife")),
    ("health_visitor", _("Health visitor")),
    ("clinic", _("Clinic or baby weigh-in")),
    ("doctor", _("GP or paediatrician")),
    ("hospital", _("Hospital")),
    ("other", _("Someone else")),
]


class Measurement(models.Model):
    """Weight, length and head circumference on one day (any of them; at least one)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("measured on"))
    weight_grams = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    # Tenths of a centimetre, as the tape reads: 52.3 cm is kept as 523.
    length_mm = models.PositiveIntegerField(_("length (mm)"), null=True, blank=True)
    head_mm = models.PositiveIntegerField(_("head circumference (mm)"), null=True,
                                          blank=True)
    measured_by = models.CharField(_("measured by"), max_length=20, choices=MEASURED_BY,
                                   default="parent")
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    external_id = models.CharField(max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-measured_on", "-pk"]
        indexes = [models.Index(fields=["child", "measured_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(weight_grams__isnull=False) | Q(length_mm__isnull=False)
                           | Q(head_mm__isnull=False)),
                name="measurement_has_a_value"),
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_measurement_external_id"),
        ]

    def __str__(self):
        return f"{self.child} {self.measured_on}"

    @property
    def weight_kg(self):
        return None if self.weight_grams is None else self.weight_grams / 1000

    @property
    def length_cm(self):
        return None if self.length_mm is None else self.length_mm / 10

    @property
    def head_cm(self):
        return None if self.head_mm is None else self.head_mm / 10
