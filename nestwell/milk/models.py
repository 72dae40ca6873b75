from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nestwell.children.models import Child
from nestwell.children.records import KeptRecord, household_field
from nestwell.milk import storage


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    BOTH = "both", _("Both")


class Place(models.TextChoices):
    """Where a bag of milk is kept, in the only order it moves (see storage.py)."""

    ROOM = storage.ROOM, _("At room temperature")
    FRIDGE = storage.FRIDGE, _("In the fridge")
    FREEZER = storage.FREEZER, _("In the freezer")
    THAWED = storage.THAWED, _("Thawed, in the fridge")


class State(models.TextChoices):
    KEPT = "kept", _("Kept")
    USED = "used", _("Used")
    DISCARDED = "discarded", _("Poured away")
    # Brought to the neonatal unit for the baby there: it leaves her store (Lena).
    TO_UNIT = "to_unit", _("Taken to the unit")


class PumpingSession(KeptRecord):
    """A time she expressed milk: when, for how long, which side, and how much."""

    household = household_field(db_index=False)  # (household, time) serves it
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="pumping",
                              db_index=False)
    started_at = models.DateTimeField(_("when"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), null=True, blank=True)
    side = models.CharField(_("side"), max_length=5, choices=Side.choices, blank=True)
    amount_ml = models.PositiveIntegerField(_("amount (ml)"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["child", "started_at"]),
                   # The household's list (the API without a child), newest first.
                   models.Index(fields=["household", "started_at"],
                                name="pumping_household_time")]
        constraints = [
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_pumping_external_id"),
        ]

    def __str__(self):
        return f"{self.amount_ml or '?'} ml"


class MilkBag(KeptRecord):
    """A bottle or bag of expressed milk in the store, with when it is best used by (worked
    out by storage.use_by whenever it is kept or moved)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="milk_bags",
                              db_index=False)
    session = models.ForeignKey(PumpingSession, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="bags")
    expressed_at = models.DateTimeField(_("expressed"))
    amount_ml = models.PositiveIntegerField(_("amount (ml)"))
    place = models.CharField(_("kept"), max_length=8, choices=Place.choices)
    thawed_at = models.DateTimeField(_("taken out of the freezer"), null=True, blank=True)
    use_by = models.DateTimeField(_("use by"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.KEPT)
    finished_at = models.DateTimeField(_("used, poured away or taken to the unit"), null=True,
                                       blank=True)

    class Meta:
        ordering = ["use_by", "pk"]
        indexes = [models.Index(fields=["child", "state", "use_by"]),
                   models.Index(fields=["child", "expressed_at"])]
        constraints = [
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_milk_bag_external_id"),
            models.CheckConstraint(condition=Q(amount_ml__gt=0), name="milk_bag_amount"),
            models.CheckConstraint(condition=~Q(place="thawed") | Q(thawed_at__isnull=False),
                                   name="milk_bag_thawed_has_time"),
        ]

    def __str__(self):
        return f"{self.amount_ml} ml"

    @property
    def kept(self):
        return self.state == State.KEPT
