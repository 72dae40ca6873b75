"""Scheduled jobs, run by the huey consumer that ``nestwell serve`` starts (``nestwell jobs``).

The daily backup: every day at ``NESTWELL_BACKUP_HOUR`` (server local time, 3 by default), one
backup into ``NESTWELL_BACKUP_DIR``, encrypted when ``NESTWELL_BACKUP_PASSPHRASE`` is set, then
all but the newest ``NESTWELL_BACKUP_KEEP`` removed.
"""

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import lock_task, periodic_task

from nestwell.ops.backup import BackupError, create_backup, prune
from nestwell.reminders import tasks as reminder_tasks  # noqa: F401 (registers the reminders)

logger = logging.getLogger("nestwell.ops.backup")


@periodic_task(crontab(minute="0", hour="8", day_of_week="1"), retries=1, retry_delay=30 * 60)
@lock_task("nestwell-weekly-summary")
def weekly_summary():
    """Monday 8:00 (server time): "your week together" by e-mail, when e-mail is set up."""
    from nestwell.insights.week import send_weekly

    sent = send_weekly()
    logger.info("Weekly summaries sent: %s", sent)
    return sent


@periodic_task(crontab(minute="0", hour=str(settings.NESTWELL_BACKUP_HOUR)),
               retries=2, retry_delay=15 * 60)
@lock_task("nestwell-daily-backup")
def daily_backup():
    directory = settings.NESTWELL_BACKUP_DIR
    try:
        path = create_backup(directory, passphrase=settings.NESTWELL_BACKUP_PASSPHRASE)
        removed = prune(directory, settings.NESTWELL_BACKUP_KEEP)
    except BackupError as error:
        logger.error("The daily backup failed: %s", error)
        raise
    logger.info("Daily backup written to %s%s", path,
                f"; removed {len(removed)} older" if removed else "")
    return str(path)


@periodic_task(crontab(minute="17"))
@lock_task("nestwell-import-sweep")
def sweep_imports():
    """Every hour: remove files checked for an import but never imported."""
    from nestwell.transfer import uploads

    removed = uploads.sweep(settings.NESTWELL_IMPORT_KEEP_HOURS * 3600)
    if removed:
        logger.info("Removed %s abandoned import files", removed)
    return removed


@periodic_task(crontab(minute="30", hour="4"))
@lock_task("nestwell-forget-form-keys")
def forget_form_keys():
    """Daily: forget the one-time keys of create forms saved more than a week ago."""
    from nestwell.accounts.idempotency import forget_old

    return forget_old()
