"""What every command needs first."""

import os
import sys


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
    import django

    from nestwell import config

    django.setup()
    from django.conf import settings

    warning = config.openness_warning(settings.DATA_DIR)
    if warning:
        print(warning, file=sys.stderr, flush=True)
