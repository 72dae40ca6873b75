from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.care import cues
from nestwell.children.models import Child
from nestwell.journal.kinds import KIND_CHOICES
from nestwell.journal.models import Moment


class Outcome(models.TextChoices):
    OPEN = "", _("Open")
    SETTLED = "settled", _("Settled")
    UNSETTLED = "unsettled", _("Still unsettled")


class Source(models.TextChoices):
    TAPPED = "", _("Tapped")
    DETECTOR = "detector", _("Heard by a listening device")


class CueQuerySet(models.QuerySet):
    def open_distress(self):
        return self.filter(signal__in=("cry", "fuss"), closed_at__isnull=True)

    def counted(self):
        """What charts and insights count: everything but detections marked "not crying"
        (those are kept only as feedback for tuning the detector)."""
        return self.filter(false_alarm=False)


class Cue(models.Model):
    """Something the baby signalled, and how (and how fast) someone answered.

    Crying and fussing are episodes that stay open until the baby settles (or someone
    notes that they are still unsettled); smiles, coos and reaches are instants."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="cues",
                                  db_index=False)  # "cue_household_time" starts with it
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="cues",
                              db_index=False)  # "cue_child_time" starts with it
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
    # No index on who answered or wrote it (responder, created_by), as on moments: the
    # pages find cues by baby or household and time; only removing a person's account
    # looks cues up by them (once, SET_NULL), and reads the table.
    responder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("who answered"), db_index=False)
    closed_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True, default="")
    moment = models.ForeignKey(Moment, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="answered_cues")
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # A crying episode opened by a listening device in the nursery (not a tap): which device
    # (its name when it heard the cry), when the room was quiet again (the episode stays
    # open until a person says the baby settled), and "not crying", one tap that keeps the
    # detection as feedback and takes it out of every chart.
    source = models.CharField(max_length=16, choices=Source.choices, blank=True, default="")
    heard_by = models.CharField(_("heard by"), max_length=60, blank=True, default="")
    quiet_at = models.DateTimeField(_("quiet again at"), null=True, blank=True)
    false_alarm = models.BooleanField(_("not crying"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", db_index=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = CueQuerySet.as_manager()

    class Meta:
        db_table = "journal_cue"  # the table from before the split of journal
        ordering = ["-started_at", "-pk"]
        indexes = [
            models.Index(fields=["child", "started_at"], name="cue_child_time"),
            # The household's episodes by time (the wondering card's "settled today").
            models.Index(fields=["household", "started_at"], name="cue_household_time"),
            # The episodes still open, newest first: a handful of rows, whatever the
            # history. "one_open_distress_episode" holds the same rows, but its condition
            # lists the signals, and SQLite does not match that list against the query's
            # `IN (?, ?)`, whose values Django binds as parameters (tests/test_query_plans.py).
            models.Index(fields=["child", "started_at"], name="cue_open_time",
                         condition=Q(closed_at__isnull=True)),
        ]
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
    def detected(self):
        return self.source == Source.DETECTOR

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
        db_table = "journal_routine"  # the table from before the split of journal
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
        db_table = "journal_routinestep"  # the table from before the split of journal
        ordering = ["position", "at", "pk"]

    def __str__(self):
        return f"{self.kind} at {self.at:%H:%M}"
