"""What a worker loads at start: the URL configuration (every view) without the libraries
only a rare request needs. Each one is megabytes of memory in every worker."""

import os
import subprocess
import sys

# Loaded on first use: the PDF of the visit report (reportlab), the push key (py_vapid,
# and cryptography with it: also the encrypted backups'), Pillow and its HEIC reader (a
# photo read: 7 MB of every worker).
NOT_AT_START = ("reportlab", "py_vapid", "cryptography", "PIL", "pillow_heif")


def _without(*names):
    return {k: v for k, v in os.environ.items() if k not in names}


def _loaded_at_start(env=None):
    code = (
        "import os, sys, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings')\n"
        "django.setup()\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns\n"  # imports every view module, as the first request
        "from nestwell.wsgi import application\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True, env=env)
    loaded = set(out.stdout.split())
    assert "nestwell" in loaded, out.stdout  # the check itself saw the app
    return loaded


def test_a_worker_starts_without_the_libraries_of_rare_requests():
    loaded = _loaded_at_start()
    assert not loaded & set(NOT_AT_START), sorted(loaded & set(NOT_AT_START))


def test_the_clients_of_services_not_in_use_are_not_loaded():
    # huey's storage module tries both for its other queues (15 MB a worker between them).
    loaded = _loaded_at_start(_without("DATABASE_URL", "REDIS_URL"))
    assert not loaded & {"psycopg", "redis"}, sorted(loaded & {"psycopg", "redis"})


def test_the_jobs_queue_still_works_without_them():
    code = (
        "import os, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings')\n"
        "django.setup()\n"
        "from huey.contrib.djhuey import HUEY\n"
        "import psycopg, redis\n"  # and they can still be imported when asked for
        "print(type(HUEY).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True,
                         env=_without("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"))
    assert out.stdout.strip() == "SqliteHuey"
