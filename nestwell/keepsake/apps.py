from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeepsakeConfig(AppConfig):
    """The keepsake book: what she picks, laid out by month as a PDF to print."""

    name = "nestwell.keepsake"
    label = "keepsake"
    verbose_name = _("Keepsake book")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from nestwell.accounts import own_data
        from nestwell.keepsake.services import own_keepsakes

        own_data.section("keepsake", own_keepsakes)
