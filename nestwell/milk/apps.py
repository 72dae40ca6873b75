from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilkConfig(AppConfig):
    """Pumping and the milk store, with pumping sessions on the timeline."""

    name = "nestwell.milk"
    label = "milk"
    verbose_name = _("Pumping and milk")

    def ready(self):
        from nestwell.journal import contributions
        from nestwell.milk import timeline
        from nestwell.milk.models import PumpingSession

        contributions.timeline(PumpingSession, entries=timeline.entries,
                               rows=timeline.rows)
        contributions.home(timeline.home)
