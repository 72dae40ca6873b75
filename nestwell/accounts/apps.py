from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "nestwell.accounts"
    label = "accounts"
    verbose_name = _("Accounts and households")

    def ready(self):
        from nestwell.accounts import signals  # noqa: F401 (connects the receivers)
