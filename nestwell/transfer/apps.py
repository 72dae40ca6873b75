from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    """Your data: export it, bring it in from another tracker (as a job), delete it."""

    name = "nestwell.transfer"
    label = "transfer"
    verbose_name = _("Your data")
