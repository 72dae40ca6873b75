"""The import job, run by the huey consumer (found by djhuey in this app's ``tasks``)."""

import logging

from huey.contrib.djhuey import db_task

from nestwell.transfer import jobs
from nestwell.transfer.models import ImportJob

logger = logging.getLogger("nestwell.transfer")


@db_task(retries=0)
def run_import(job_id):
    """Import a checked file (see ``transfer.jobs.run``)."""
    return jobs.run(job_id)


def start(household, user, pending):
    """Record an import of a checked file and queue it. Returns the job."""
    job = ImportJob.objects.create(
        household=household, started_by=user, file_name=pending["name"][:200],
        path=pending["path"], options={k: pending.get(k) for k in (
            "format", "child", "amount_unit", "time_zone", "rows", "created")},
        progress={"phase": "waiting", "done": 0, "total": pending.get("rows") or 0})
    try:
        run_import(job.pk)
    except Exception:
        # The queue itself could not be reached: nothing was imported; say so kindly.
        logger.exception("Could not queue import job %s", job.pk)
        jobs.fail(job, jobs.NOT_STARTED)
    return job
