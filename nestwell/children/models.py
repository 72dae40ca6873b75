from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household


class Child(models.Model):
    """A baby, born or still expected. The life stage is derived from these dates."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="children")
    name = models.CharField(_("name"), max_length=60)
    birth_at = models.DateTimeField(_("born"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    gestation_weeks = models.PositiveSmallIntegerField(
        _("weeks of pregnancy at birth"), null=True, blank=True)
    gestation_days = models.PositiveSmallIntegerField(
        _("and days"), null=True, blank=True)
    # Optional: only the growth charts need it (the WHO standards differ for girls and boys).
    sex = models.CharField(_("sex (for the growth charts)"), max_length=6, blank=True,
                           choices=[("female", _("Girl")), ("male", _("Boy"))])
    birth_weight_grams = models.PositiveIntegerField(_("birth weight (g)"), null=True, blank=True)
    birth_notes = models.TextField(_("notes on the birth"), max_length=2000, blank=True)
    neonatal_care = models.BooleanField(_("stayed in neonatal care"), default=False)
    # Still in a neonatal unit now: Today leads with what she can do there (kangaroo care,
    # her milk) rather than a nursery at home, until a parent says the baby came home.
    in_unit = models.BooleanField(_("in a neonatal unit now"), default=False)
    home_on = models.DateField(_("came home on"), null=True, blank=True)
    # Adopted, fostered or born through surrogacy (Rachel): no one here is recovering from
    # this birth, so the support page leaves out a birth mother's warning signs, and
    # Today offers the bottle before the breast.
    born_to_another = models.BooleanField(_("born to someone else"), default=False)
    # Set by a parent when the baby has died, in pregnancy or after the birth: Nestwell stops
    # looking ahead for this baby (no reminders, ages, birthdays, pregnancy weeks, one-tap
    # logging or suggestions) and keeps all that was kept. Cleared again if set by mistake.
    died_on = models.DateField(_("the day your baby died"), null=True, blank=True)
    medical_notes = models.TextField(_("medical notes"), max_length=2000, blank=True,
                                     help_text=_("Anything about your baby's health you "
                                                 "would like to keep in one place."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "journal_child"  # the table from before the split of journal
        ordering = ["created_at", "pk"]
        verbose_name_plural = "children"
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_at__isnull=False) | Q(due_date__isnull=False),
                name="child_has_birth_or_due_date",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_born(self):
        return self.birth_at is not None

    @property
    def is_remembered(self):
        """The baby has died: remembered here, no longer looked ahead for."""
        return self.died_on is not None

    @property
    def is_in_unit(self):
        """Born, here, and still cared for in a neonatal unit (``in_unit``)."""
        return self.in_unit and self.is_born and not self.is_remembered

    @property
    def gestation_total_days(self):
        """Days of pregnancy at birth, when known."""
        if self.gestation_weeks is None:
            return None
        return self.gestation_weeks * 7 + (self.gestation_days or 0)

    @property
    def born_early_or_small(self):
        from nestwell.children.stages import early_or_small

        return self.is_born and early_or_small(self.gestation_total_days,
                                               self.birth_weight_grams)
