from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.models import Household
from nestwell.children.models import Child
from nestwell.journal.kinds import KIND_CHOICES, KINDS, icon_for


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

    def same_id_space(self, *, kind, user):
        """The rows whose external ids a new moment of ``kind`` by ``user`` would clash
        with: every moment but letters, or for a letter her own letters (someone else's
        letters never clash, so they stay unseen)."""
        rows = self
        if kind == "letter":
            return rows.filter(kind="letter", created_by=user)
        return rows.exclude(kind="letter")

    def editable_by(self, user):
        """Letters are changed only by the one who wrote them."""
        return self.exclude(Q(kind="letter") & ~Q(created_by=user))


class Moment(models.Model):
    """One thing done together, on one timeline: instant (ended_at == started_at),
    timed, or a running timer (ended_at is null). Times are stored in UTC."""

    # No single-column indexes on household and child: the composite indexes below start
    # with them and serve every lookup (and the cascades) by either one.
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="moments",
                                  db_index=False)
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="moments",
                              db_index=False)
    kind = models.CharField(_("kind"), max_length=32, choices=KIND_CHOICES)
    started_at = models.DateTimeField(_("started"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # No index on who did or wrote it (actor, created_by): nothing looks moments up by
    # them; only removing a person's account does (once, SET_NULL), and reads the table.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("who"),
                              db_index=False)
    details = models.JSONField(default=dict, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.WEB)
    external_id = models.CharField(max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", db_index=False)
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
            # The running timers, oldest first (home, /timers/ polled by every device, the
            # API): a handful of rows, found and ordered without walking the history.
            models.Index(fields=["household", "started_at"], condition=Q(ended_at__isnull=True),
                         name="moment_running_time"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "kind"],
                condition=Q(ended_at__isnull=True, deleted_at__isnull=True),
                name="one_running_timer_per_kind",
            ),
            # A letter kept private is its author's alone, its id too: letters are unique
            # per author, so nobody learns from a refused id that someone else's exists.
            models.UniqueConstraint(
                fields=["household", "external_id"],
                condition=~Q(external_id="") & ~Q(kind="letter"),
                name="unique_external_id_per_household",
            ),
            models.UniqueConstraint(
                fields=["household", "created_by", "external_id"],
                condition=~Q(external_id="") & Q(kind="letter"),
                name="unique_letter_external_id_per_author",
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
    def icon(self):
        """The kind's icon; a feed's says how (a breastfeed 🤱, a bottle 🍼)."""
        return icon_for(self.kind, self.details)

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
