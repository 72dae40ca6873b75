"""Medicines and supplements a household gives a baby, with the schedule the parent typed
in from the label, her pharmacist or her doctor, and each dose given."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from nestwell.accounts import measures
from nestwell.children.models import Child
from nestwell.children.records import KeptRecord, household_field

UNITS = [("ml", _("ml")), ("mg", _("mg")), ("mcg", _("µg")), ("iu", _("IU")),
         ("drops", _("drops")), ("tablet", _("tablet")), ("sachet", _("sachet")),
         ("puff", _("puff")), ("dose", _("dose"))]
# Units that are counted, as words that change with the number (the choices above name
# the unit, as on a label).
COUNTED = {"drops": lambda n: npgettext("dose unit", "drop", "drops", n),
           "tablet": lambda n: npgettext("dose unit", "tablet", "tablets", n),
           "sachet": lambda n: npgettext("dose unit", "sachet", "sachets", n),
           "puff": lambda n: npgettext("dose unit", "puff", "puffs", n),
           "dose": lambda n: npgettext("dose unit", "dose", "doses", n)}
FORMS = [("liquid", _("Liquid")), ("drops", _("Drops")), ("tablet", _("Tablet")),
         ("sachet", _("Sachet or powder")), ("cream", _("Cream or ointment")),
         ("spray", _("Spray or inhaler")), ("other", _("Other"))]

AS_NEEDED, DAILY, SPACED = "", "daily", "spaced"
SCHEDULES = [(AS_NEEDED, _("No schedule: when needed")),
             (DAILY, _("Once a day, at a time")),
             (SPACED, _("No sooner than a number of hours apart"))]


class Medicine(KeptRecord):
    """A medicine or supplement given to one baby, with the schedule she entered (never
    one Nestwell suggests); its note is hers (what the pharmacist said…)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="medicines",
                              db_index=False)
    name = models.CharField(_("name"), max_length=80)
    dose = models.DecimalField(_("usual dose"), max_digits=7, decimal_places=2, null=True,
                               blank=True)
    unit = models.CharField(_("unit"), max_length=8, choices=UNITS, blank=True)
    form = models.CharField(_("form"), max_length=8, choices=FORMS, blank=True)
    schedule = models.CharField(_("schedule"), max_length=8, choices=SCHEDULES, blank=True)
    daily_at = models.TimeField(_("each day at"), null=True, blank=True)
    min_hours = models.DecimalField(_("no sooner than (hours)"), max_digits=4,
                                    decimal_places=1, null=True, blank=True)
    most_per_day = models.PositiveSmallIntegerField(_("at most (doses in 24 hours)"),
                                                    null=True, blank=True)
    remind = models.BooleanField(_("remind me"), default=False)
    remind_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    stopped = models.BooleanField(_("no longer given"), default=False)

    class Meta:
        ordering = ["stopped", "name", "pk"]
        indexes = [models.Index(fields=["child", "stopped"])]
        constraints = [
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_medicine_external_id"),
            models.CheckConstraint(condition=Q(dose__isnull=True) | Q(dose__gt=0),
                                   name="medicine_dose_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def daily(self):
        return self.schedule == DAILY

    @property
    def spaced(self):
        return self.schedule == SPACED

    @property
    def usual(self):
        return amount(self.dose, self.unit)


class Dose(KeptRecord):
    """One dose given."""

    household = household_field(db_index=False)  # (household, time) serves it
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="doses",
                              db_index=False)
    medicine = models.ForeignKey(Medicine, on_delete=models.CASCADE, related_name="doses",
                                 db_index=False)
    given_at = models.DateTimeField(_("when"))
    amount = models.DecimalField(_("dose"), max_digits=7, decimal_places=2, null=True,
                                 blank=True)
    unit = models.CharField(_("unit"), max_length=8, choices=UNITS, blank=True)

    class Meta:
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["child", "given_at"]),
                   models.Index(fields=["medicine", "given_at"]),
                   # The household's list (the API without a child), newest first.
                   models.Index(fields=["household", "given_at"], name="dose_household_time")]
        constraints = [
            models.UniqueConstraint(fields=["household", "external_id"],
                                    condition=~Q(external_id=""),
                                    name="unique_dose_external_id"),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0),
                                   name="dose_amount_positive"),
        ]

    def __str__(self):
        return f"{self.medicine_id} at {self.given_at:%Y-%m-%d %H:%M}"

    @property
    def started_at(self):  # the timeline sorts every entry by when it began
        return self.given_at

    @property
    def how_much(self):
        return amount(self.amount, self.unit)


def amount(number, unit):
    """'2.5 ml', '400 IU', '1 tablet': a dose as written (the number and its unit kept
    together on one line), or '' when none was noted."""
    if number is None:
        return ""
    text = measures.decimal(number)  # as her language writes it: "0,3 ml" in German
    if unit in COUNTED:
        # "1 drop", "2 drops"; a part of one ("1.5 tablets") reads as many in English,
        # and as each language's "other" form (100 stands for it).
        count = Decimal(str(number))
        whole = int(count) if count == count.to_integral_value() else 100
        return f"{text}\u00a0{COUNTED[unit](whole)}"
    label = dict(UNITS).get(unit, unit)
    return f"{text}\u00a0{label}" if label else text
