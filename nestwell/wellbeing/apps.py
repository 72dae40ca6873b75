from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "nestwell.wellbeing"
    label = "wellbeing"
    verbose_name = _("Wellbeing")

    def ready(self):
        from nestwell.accounts import safety_net as accounts_safety_net
        from nestwell.wellbeing import (
            notes,
            safety_net,
            signals,  # noqa: F401 (connects the receivers)
        )

        notes.connect_note_models()

        # The support page for a risky form the sign-in redirect, a stale page or a
        # failing database would otherwise have lost.
        accounts_safety_net.register(safety_net.support_instead)
