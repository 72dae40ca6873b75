from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrowthConfig(AppConfig):
    """Weight, length and head circumference, and where they sit on the WHO standards."""

    name = "nestwell.growth"
    label = "growth"
    verbose_name = _("Growth")
