from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    """Answering the baby: cues, crying episodes, the responsive-care view, routines."""

    name = "nestwell.care"
    label = "care"
    verbose_name = _("Responsive care")

    def ready(self):
        from nestwell.care import services, timeline
        from nestwell.care.models import Cue
        from nestwell.journal import contributions

        contributions.timeline(Cue, entries=timeline.entries, rows=timeline.rows)
        contributions.home(timeline.home)
        contributions.night(timeline.crying_card)
        contributions.moment_logged(services.answer_open_episode)
        contributions.moment_continued(services.follow_moment)
