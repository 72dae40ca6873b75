from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "nestwell.wellbeing"
    label = "wellbeing"
    verbose_name = _("Wellbeing")

    def ready(self):
        from nestwell.wellbeing import signals  # noqa: F401 (connects the receivers)
