"""An import started from the page: it runs as a job, and the page follows its progress."""

from django.conf import settings
from django.db import models

from nestwell.accounts.models import Household


class ImportJob(models.Model):
    """One import from the page, seen only by the person who started it, in her household.

    ``progress`` holds ``{"phase": "checking"|"saving", "done": n, "total": n,
    "kinds": {kind: [done, total]}}``; ``report`` the finished report (``Report.as_dict``
    with its lines); ``options`` how to read the file (format, zone, unit, baby). A check
    (``dry_run``) runs the same way and keeps its file for the write only if it may go
    ahead; a failed check keeps the reader's own message in ``message``."""

    class State(models.TextChoices):
        WAITING = "waiting"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    file_name = models.CharField(max_length=200)
    path = models.CharField(max_length=500)
    options = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    progress = models.JSONField(default=dict)
    report = models.JSONField(null=True, blank=True)
    message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # A check (dry run) of the file: its result offers "Import these", which starts the
    # write as a job of its own (``then``), reading the same file again.
    dry_run = models.BooleanField(default=False)
    then = models.OneToOneField("self", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")

    class Meta:
        indexes = [models.Index(fields=["household", "started_by", "-created_at"])]

    def __str__(self):
        return f"import of {self.file_name} ({self.state})"

    @property
    def finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)
