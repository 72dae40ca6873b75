from django.apps import AppConfig


class ListeningConfig(AppConfig):
    """Listening in the nursery: the cry detector's rules, its model, the listening page."""

    name = "nestwell.listening"
    label = "listening"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from nestwell.journal import contributions
        from nestwell.listening.views import page_link

        contributions.home(page_link)
        contributions.night(page_link)
