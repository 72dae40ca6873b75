from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilestonesConfig(AppConfig):
    """Firsts worth remembering (a first smile, first steps), on the day they happened."""

    name = "nestwell.milestones"
    label = "milestones"
    verbose_name = _("Firsts")
