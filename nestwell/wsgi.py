"""WSGI entry point used by ``nestwell serve`` (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

from nestwell import config

config.keep_files_private()  # also when another server than `nestwell serve` loads us
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
application = get_wsgi_application()
