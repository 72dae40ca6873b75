from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nestwell.children.models import Child
from nestwell.children.records import KeptRecord, household_field
from nestwell.health import fever, nappies


class Nappy(KeptRecord):
    """A nappy change: wet, dirty, both or dry, with the stool's colour and texture."""

    household = household_field(db_index=False)  # (household, time) serves it
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="nappies",
                              db_index=False)
    changed_at = models.DateTimeField(_("when"))
    kind = models.CharField(_("what"), max_length=8, choices=nappies.KIND_CHOICES)
    colour = models.CharField(_("colour"), max_length=12, blank=True,
                              choices=nappies.COLOUR_CHOICES)
    consistency = models.CharField(_("texture"), max_length=12, blank=True,
                                   choices=nappies.CONSISTENCY_CHOICES)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["child", "changed_at"]),
                   # The household's list (the API without a child), newest first.
                   models.Index(fields=["household", "changed_at"],
                                name="nappy_household_time")]
        constraints = [
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_nappy_external_id"),
        ]

    def __str__(self):
        return str(self.label)

    @property
    def started_at(self):  # the timeline sorts every entry by when it began
        return self.changed_at

    @property
    def label(self):
        return nappies.KINDS[self.kind][0]

    @property
    def icon(self):
        return nappies.KINDS[self.kind][1]

    @property
    def pale(self):
        return nappies.is_pale(self.colour)

    @property
    def blood(self):
        return nappies.is_blood(self.colour)


class Temperature(KeptRecord):
    """A temperature taken, kept in °C: to 0.1 when typed in °C, to 0.01 when typed in °F
    (so that it reads back as typed)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="temperatures",
                              db_index=False)
    taken_at = models.DateTimeField(_("when"))
    # Two decimals: a reading typed in °F is kept to 0.01 °C and reads back as typed.
    celsius = models.DecimalField(_("temperature (°C)"), max_digits=4, decimal_places=2)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        indexes = [models.Index(fields=["child", "taken_at"])]
        constraints = [
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_temperature_external_id"),
            models.CheckConstraint(condition=Q(celsius__gte=30) & Q(celsius__lte=45),
                                   name="temperature_celsius_in_range"),
        ]

    def __str__(self):
        return f"{fever.as_typed(self.celsius)} °C"

    @property
    def started_at(self):
        return self.taken_at
