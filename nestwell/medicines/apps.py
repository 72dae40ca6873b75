from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedicinesConfig(AppConfig):
    """Medicines and supplements: what she gives, on her own schedule, each dose on the
    timeline; the next time her schedule allows, and reminders when she asks for them."""

    name = "nestwell.medicines"
    label = "medicines"
    verbose_name = _("Medicines")

    def ready(self):
        from nestwell.journal import contributions
        from nestwell.medicines import timeline
        from nestwell.medicines.models import Dose

        contributions.timeline(Dose, entries=timeline.dose_entries, rows=timeline.dose_rows)
        contributions.home(timeline.home)
        contributions.night(timeline.night)
