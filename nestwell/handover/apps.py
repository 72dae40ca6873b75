from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandoverConfig(AppConfig):
    """Handing over: what happened since you last looked, and notes for one person."""

    name = "nestwell.handover"
    label = "handover"
    verbose_name = _("Handover")

    def ready(self):
        from nestwell.handover import signals  # noqa: F401 (connects the receivers)
        from nestwell.handover.services import home_card
        from nestwell.journal import contributions

        contributions.home(home_card)
