"""The import job, run by the huey consumer (found by djhuey in this app's ``tasks``)."""

import logging

from django.db import transaction
from django.utils import translation
from huey.contrib.djhuey import db_task

from nestwell.transfer import jobs, uploads
from nestwell.transfer.models import ImportJob

logger = logging.getLogger("nestwell.transfer")


@db_task(retries=0)
def run_import(job_id):
    """Check an uploaded file, or import a checked one (see ``transfer.jobs.run``)."""
    return jobs.run(job_id)


def record(household, user, pending, dry_run=False):
    """Record a check (``dry_run``) of an uploaded file, or an import of a checked one."""
    return ImportJob.objects.create(
        household=household, started_by=user, file_name=pending["name"][:200],
        path=pending["path"], dry_run=dry_run, options={k: pending.get(k) for k in (
            "format", "child", "amount_unit", "weight_unit", "length_unit", "time_zone",
            "language", "rows", "created")},
        progress={"phase": "waiting", "done": 0, "total": pending.get("rows") or 0})


def start(household, user, pending, dry_run=False, job=None):
    """Record a job (unless given) and queue it. Returns the job."""
    job = job or record(household, user, pending, dry_run=dry_run)
    try:
        run_import(job.pk)
    except Exception:
        # The queue itself could not be reached: nothing was imported; say so kindly.
        logger.exception("Could not queue import job %s", job.pk)
        jobs.fail(job, jobs.NOT_STARTED)
        if job.dry_run:
            uploads.remove(job.path)
    return job


def start_write(request, check_pk):
    """Start the write of her checked file as a job of its own (once). Returns the job, or
    None when the check is not hers, not importable, or its file has gone."""
    if not str(check_pk or "").isdigit() or len(str(check_pk)) > 18:
        return None
    check = jobs.visible(request, int(check_pk))
    if check is None or not jobs.may_import(check):
        return None
    report = check.report or {}
    # The import reports in the language of whoever presses "Import these".
    pending = {**check.options, "language": translation.get_language(),
               "name": check.file_name, "path": check.path,
               "rows": report.get("rows") or 0, "created": dict(report.get("created") or {})}
    with transaction.atomic():
        job = record(request.household, request.user, pending)
        # Pressed twice: only the first starts a write.
        if not ImportJob.objects.filter(pk=check.pk, then__isnull=True).update(then=job):
            transaction.set_rollback(True)
            return None
    return start(request.household, request.user, pending, job=job)
