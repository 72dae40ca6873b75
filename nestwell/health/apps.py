from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthConfig(AppConfig):
    """The care day: nappies and temperatures, on the timeline beside the moments."""

    name = "nestwell.health"
    label = "health"
    verbose_name = _("Care day")

    def ready(self):
        from nestwell.health import timeline
        from nestwell.health.models import Nappy, Temperature
        from nestwell.journal import contributions

        contributions.timeline(Nappy, entries=timeline.nappy_entries,
                               rows=timeline.nappy_rows)
        contributions.timeline(Temperature, entries=timeline.temperature_entries,
                               rows=timeline.temperature_rows)
        contributions.home(timeline.home)
        contributions.night(timeline.night)
