from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "nestwell.photos"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from nestwell.photos import signals  # noqa: F401 (connects the file clean-up)
