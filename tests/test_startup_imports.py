"""What a worker loads at start: the URL configuration (every view) without the libraries
only a rare request needs. Each one is megabytes of memory in every worker."""

import os
import subprocess
import sys

# Loaded on first use: the PDF of the visit report (reportlab), the push key (py_vapid,
# and cryptography with it: also the encrypted backups'), Pillow and its HEIC reader (a
# photo read: 7 MB of every worker), and Babel's CLDR (the habits of places and the cities
# of time zones are read from a table: 4 MB of every worker).
NOT_AT_START = ("reportlab", "py_vapid", "cryptography", "PIL", "pillow_heif", "babel")


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


def _fresh_sqlite_env(data_dir):
    env = _without("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    return {**env, "NESTWELL_DATA_DIR": str(data_dir),
            "NESTWELL_SECRET_KEY": "startup-test-" + "k" * 40}


def _in_a_new_process(code, data_dir):
    """``code`` run by a fresh interpreter once the command line has set Django up, on a
    SQLite data directory of its own; its output."""
    setup = ("from nestwell.cli.base import setup_django\n"
             "setup_django()\n"
             "from nestwell.cli.server import prepare, run_apart\n")
    return subprocess.run([sys.executable, "-c", setup + code], capture_output=True,
                          text=True, timeout=300, check=True,
                          env=_fresh_sqlite_env(data_dir))


def test_the_server_prepares_its_data_in_a_child_that_takes_its_memory_away(tmp_path):
    # `nestwell serve` migrates (and fills the demo) before its master forks the workers:
    # in the master itself, every migration module and the schema's state built from them
    # stayed in every worker (4 MB each). Done in a forked child, the database is ready
    # and the master holds none of it.
    out = _in_a_new_process(
        "import sys\n"
        "code = run_apart(prepare, True)\n"
        "from nestwell.accounts.models import Household\n"
        "print(code, Household.objects.count(),\n"
        "      len([m for m in sys.modules if '.migrations.0' in m]))\n", tmp_path)
    code, households, migrations = out.stdout.split()[-3:]
    assert (code, migrations) == ("0", "0"), out.stdout + out.stderr
    assert int(households) >= 2  # the demo was filled, in the child


def test_the_server_does_not_start_when_its_preparation_fails(tmp_path):
    (tmp_path / "nestwell.sqlite3").write_bytes(b"this is not a database" * 100)
    out = subprocess.run([sys.executable, "-m", "nestwell.cli", "serve", "--port", "1"],
                         capture_output=True, text=True, timeout=300,
                         env=_fresh_sqlite_env(tmp_path))
    assert out.returncode == 1, out.stdout + out.stderr
    assert "file is not a database" in out.stderr
    assert "starting the web server" not in out.stdout + out.stderr


def test_a_preparation_stopped_by_hand_ends_quietly(tmp_path):
    out = _in_a_new_process(
        "def stopped():\n"
        "    raise KeyboardInterrupt\n"
        "print(run_apart(stopped), run_apart(print, 'ran apart'))\n", tmp_path)
    assert out.stdout.split("\n")[-2:] == ["130 0", ""], out.stdout
    assert "ran apart" in out.stdout
    assert "Traceback" not in out.stderr, out.stderr
