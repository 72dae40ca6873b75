"""What a worker loads at start: the URL configuration (every view) without the libraries
only a rare request needs. Each one is megabytes of memory in every worker."""

import subprocess
import sys

# Loaded on first use: the PDF of the visit report (reportlab).
NOT_AT_START = ("reportlab",)


def test_a_worker_starts_without_the_libraries_of_rare_requests():
    code = (
        "import os, sys, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings')\n"
        "django.setup()\n"
        "from django.urls import get_resolver\n"
        "get_resolver().url_patterns\n"  # imports every view module, as the first request
        "from nestwell.wsgi import application\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True)
    loaded = set(out.stdout.split())
    assert "nestwell" in loaded, out.stdout  # the check itself saw the app
    assert not loaded & set(NOT_AT_START), sorted(loaded & set(NOT_AT_START))
