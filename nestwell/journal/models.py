from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.journal import cues
from nestwell.journal import milestones as milestone_kinds
from nestwell.journal.kinds import KIND_CHOICES, KINDS


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
    birth_weight_grams = models.PositiveIntegerField(_("birth weight (g)"), null=True, blank=True)
    birth_notes = models.TextField(_("notes on the birth"), max_length=2000, blank=True)
    neonatal_care = models.BooleanField(_("stayed in neonatal care"), default=False)
    medical_notes = models.TextField(_("medical notes"), max_length=2000, blank=True,
                                     help_text=_("Anything about your baby's health you "
                                                 "would like to keep in one place."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
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
    def gestation_total_days(self):
        """Days of pregnancy at birth, when known."""
        if self.gestation_weeks is None:
            return None
        return self.gestation_weeks * 7 + (self.gestation_days or 0)

    @property
    def born_early_or_small(self):
        from nestwell.journal.stages import early_or_small

        return self.is_born and early_or_small(self.gestation_total_days,
                                               self.birth_weight_grams)


class Source(models.TextChoices):
    WEB = "web", _("App")
    API = "api", _("API")
    CLI = "cli", _("Command line")
    IMPORT = "import", _("Import")
    DETECTOR = "detector", _("Detector")


class MomentQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def running(self):
        return self.alive().filter(ended_at__isnull=True)

    def readable_by(self, user):
        """Everything but letters someone else wrote and kept to themselves."""
        return self.exclude(Q(kind="letter") & ~Q(created_by=user)
                            & ~Q(details__shared=True))

    def editable_by(self, user):
        """Letters are changed only by the one who wrote them."""
        return self.exclude(Q(kind="letter") & ~Q(created_by=user))


class Moment(models.Model):
    """One thing done together, on one timeline: instant (ended_at == started_at),
    timed, or a running timer (ended_at is null). Times are stored in UTC."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="moments")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="moments")
    kind = models.CharField(_("kind"), max_length=32, choices=KIND_CHOICES)
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("who"))
    details = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.WEB)
    external_id = models.CharField(max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = MomentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["child", "started_at"], name="moment_child_time"),
            # "The last feed", "the last skin-to-skin": found at once, however long ago.
            models.Index(fields=["child", "kind", "started_at"], name="moment_child_kind_time"),
            models.Index(fields=["household", "started_at"], name="moment_household_time"),
            models.Index(fields=["household"], condition=Q(ended_at__isnull=True),
                         name="moment_running"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "kind"],
                condition=Q(ended_at__isnull=True, deleted_at__isnull=True),
                name="one_running_timer_per_kind",
            ),
            models.UniqueConstraint(
                fields=["household", "external_id"], condition=~Q(external_id=""),
                name="unique_external_id_per_household",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="moment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.kind_label} for {self.child_id} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def kind_spec(self):
        return KINDS.get(self.kind)

    @property
    def kind_label(self):
        spec = self.kind_spec
        return spec.label if spec else self.kind

    @property
    def is_running(self):
        return self.ended_at is None

    @property
    def is_instant(self):
        return self.ended_at is not None and self.ended_at == self.started_at

    @property
    def duration(self):
        if self.ended_at is None:
            return None
        return self.ended_at - self.started_at


class Outcome(models.TextChoices):
    OPEN = "", _("Open")
    SETTLED = "settled", _("Settled")
    UNSETTLED = "unsettled", _("Still unsettled")


class CueQuerySet(models.QuerySet):
    def open_distress(self):
        return self.filter(signal__in=("cry", "fuss"), closed_at__isnull=True)


class Cue(models.Model):
    """Something the baby signalled, and how (and how fast) someone answered.

    Crying and fussing are episodes that stay open until the baby settles (or someone
    notes that they are still unsettled); smiles, coos and reaches are instants."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="cues")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cues")
    signal = models.CharField(_("what your baby did"), max_length=20,
                              choices=cues.SIGNAL_CHOICES)
    intensity = models.PositiveSmallIntegerField(_("how strongly"), null=True, blank=True,
                                                 choices=[(1, _("Softly")), (2, _("Clearly")),
                                                          (3, _("Strongly"))])
    need = models.CharField(_("what they seemed to need"), max_length=16, blank=True,
                            choices=cues.NEED_CHOICES)
    started_at = models.DateTimeField(_("started"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    ways = models.JSONField(_("how"), default=list, blank=True)
    responder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("who answered"))
    closed_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True, default="")
    moment = models.ForeignKey(Moment, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="answered_cues")
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CueQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["child", "started_at"], name="cue_child_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(signal__in=("cry", "fuss"), closed_at__isnull=True),
                name="one_open_distress_episode"),
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True) | Q(responded_at__gte=F("started_at")),
                name="cue_answered_after_start"),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("started_at")),
                name="cue_closed_after_start"),
        ]

    def __str__(self):
        return f"{self.signal} for {self.child_id} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def signal_label(self):
        return cues.SIGNALS.get(self.signal, (self.signal, ""))[0]

    @property
    def icon(self):
        return cues.SIGNALS.get(self.signal, ("", "•"))[1]

    @property
    def is_open(self):
        return self.signal in cues.DISTRESS and self.closed_at is None

    @property
    def way_labels(self):
        return [str(cues.WAYS.get(w, w)) for w in self.ways]


class Routine(models.Model):
    """A comforting rhythm for part of the day (bedtime, morning …), for one child."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="routines")
    name = models.CharField(_("name"), max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class RoutineStep(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("what"), max_length=32, choices=KIND_CHOICES)
    at = models.TimeField(_("at about"))
    tolerance_minutes = models.PositiveSmallIntegerField(_("give or take (minutes)"),
                                                         default=45)

    class Meta:
        ordering = ["position", "at", "pk"]

    def __str__(self):
        return f"{self.kind} at {self.at:%H:%M}"


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
