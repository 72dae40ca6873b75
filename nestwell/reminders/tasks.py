"""The reminder jobs, run by the huey consumer (registered through ``nestwell.ops.tasks``)."""

import logging

from django.core.cache import cache
from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

logger = logging.getLogger("nestwell.reminders")


@db_periodic_task(crontab(minute="*"))
@lock_task("nestwell-reminders")
def send_reminders():
    """Every minute: the reminders that fell due, to the devices that want them."""
    from nestwell.reminders.services import send_due

    sent = send_due()
    if sent:
        logger.info("Reminders sent to %s people", sent)
    return sent


@db_task()
def send_household(household_id):
    """Straight after a moment is logged: a partner's moment reaches whoever asked."""
    from nestwell.reminders.services import send_due

    return send_due(household_id=household_id)


@db_periodic_task(crontab(minute="40", hour="4"))
@lock_task("nestwell-reminders-forget")
def forget_old_occurrences():
    """Daily: forget which reminders were sent more than a month ago."""
    from nestwell.reminders.services import forget_old

    return forget_old()


def partner_moment_logged(moment):
    """Registered with the journal: a moment saved live. Once it is committed, whoever
    asked to hear of someone else's moments is told. A burst (a synced queue, two quick
    taps) starts one job: the every-minute job sends whatever a burst left."""
    if moment.created_by_id is None:
        return
    household_id, author_id = moment.household_id, moment.created_by_id

    def later():
        from nestwell.reminders.models import Preferences

        wanted = Preferences.objects.filter(household_id=household_id, partner_on=True) \
            .exclude(user_id=author_id).exists()
        if wanted and cache.add(f"nestwell-reminders-partner-{household_id}", True, 5):
            send_household(household_id)

    transaction.on_commit(later)


def crying_detected(cue):
    """A listening device opened a crying episode: once it is committed, whoever asked to
    hear of it is told at once (the every-minute job sends whatever this one missed)."""
    household_id = cue.household_id

    def later():
        from nestwell.reminders.models import Preferences

        if Preferences.objects.filter(household_id=household_id, crying_on=True).exists():
            send_household(household_id)

    transaction.on_commit(later)
