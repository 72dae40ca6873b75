from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WonderingConfig(AppConfig):
    """Wondering what the baby feels: gentle prompts after a feed, a settled cry or once a
    day, her answers (private to whoever wrote them) and the thread of what she noticed."""

    name = "nestwell.wondering"
    label = "wondering"
    verbose_name = _("Wondering")

    def ready(self):
        from nestwell.journal import contributions
        from nestwell.wondering.services import home_card

        contributions.home(home_card)
