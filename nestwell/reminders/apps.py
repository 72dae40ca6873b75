from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Reminders she chose: a running timer, a questionnaire to repeat, kangaroo care, a
    partner's moment; shown in the app, and sent by Web Push to the devices she adds."""

    name = "nestwell.reminders"
    label = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from nestwell.accounts import own_data
        from nestwell.journal import contributions
        from nestwell.reminders import signals  # noqa: F401 (connects the receivers)
        from nestwell.reminders.services import home_slot, own_settings
        from nestwell.reminders.tasks import partner_moment_logged

        contributions.home(home_slot)
        contributions.moment_logged(partner_moment_logged)
        own_data.section("reminders", own_settings)
