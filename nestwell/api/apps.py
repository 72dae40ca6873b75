from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nestwell.api"
    label = "api"
    verbose_name = "API"
