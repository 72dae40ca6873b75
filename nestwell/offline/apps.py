from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """Working offline: the service worker, the device's queue and its sync endpoint."""

    name = "nestwell.offline"
    label = "offline"
    verbose_name = _("Offline use")
