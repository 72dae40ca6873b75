from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChildrenConfig(AppConfig):
    """The baby: Child, life stage, real and corrected age, and which child a page shows."""

    name = "nestwell.children"
    label = "children"
    verbose_name = _("Children")
