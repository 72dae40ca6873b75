from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    """Moments: kinds, timers, quick-log, edit and undo, and the one timeline others add to."""

    name = "nestwell.journal"
    label = "journal"
    verbose_name = _("Bonding journal")
