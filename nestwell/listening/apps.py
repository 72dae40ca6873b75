from django.apps import AppConfig


class ListeningConfig(AppConfig):
    """The cry detector's rules, its model file and the listening screen's static files."""

    name = "nestwell.listening"
    label = "listening"
    default_auto_field = "django.db.models.BigAutoField"
