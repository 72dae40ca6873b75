from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Looking back: the dashboard, reports, the weekly note, suggestions and guidance."""

    name = "nestwell.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self):
        from nestwell.insights import signals  # noqa: F401 (connects the receivers)
        from nestwell.insights.recent import home_suggestions
        from nestwell.journal import contributions

        contributions.home(home_suggestions)

        from nestwell.growth import progress
        from nestwell.insights import charts

        progress.drawers.update(chart=charts.growth, table=charts.table)
