from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrowthConfig(AppConfig):
    """Weight, length and head circumference, and where they sit on the WHO standards."""

    name = "nestwell.growth"
    label = "growth"
    verbose_name = _("Growth")

    def ready(self):
        from nestwell.growth import timeline
        from nestwell.growth.models import Measurement
        from nestwell.journal import contributions

        contributions.timeline(Measurement, entries=timeline.entries, rows=timeline.rows)
