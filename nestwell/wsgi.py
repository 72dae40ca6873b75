"""WSGI entry point used by ``nestwell serve`` (gunicorn)."""

import os

from django.core.wsgi import get_wsgi_application

from nestwell import config

config.keep_files_private()  # also when another server than `nestwell serve` loads us
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
application = get_wsgi_application()


def _load_urls():
    """Import every view now, as the first request would: with gunicorn's preload the
    workers inherit them instead of each loading them while someone waits."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (read for its side effect)


_load_urls()
