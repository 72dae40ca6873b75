"""What every command needs first."""

import os


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
    import django

    django.setup()
