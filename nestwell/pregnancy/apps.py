from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PregnancyConfig(AppConfig):
    """Pregnancy and birth: movements, letters, recording the birth, first hour, kangaroo care."""

    name = "nestwell.pregnancy"
    label = "pregnancy"
    verbose_name = _("Pregnancy and birth")
