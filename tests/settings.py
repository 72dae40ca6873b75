"""Test settings: the real settings, with a throwaway data directory and fast hashing."""

import atexit
import os
import shutil
import tempfile

# Every test process (each xdist worker) gets a data directory of its own, whatever
# NESTWELL_DATA_DIR says (the Makefile points it at ./data for `make run`): workers sharing
# one folder removed each other's import uploads when a test cleared the folder. Removed
# when the process ends.
_data_dir = tempfile.mkdtemp(prefix="nestwell-test-")
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
os.environ["NESTWELL_DATA_DIR"] = _data_dir
os.environ.setdefault("NESTWELL_SECRET_KEY", "test-secret-key-" + "x" * 40)

from nestwell.settings import *  # noqa: E402,F403
from nestwell.settings import STATIC_ROOT, STORAGES  # noqa: E402

STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Argon2 is what runs in production (tested in test_settings.py); tests hash faster.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# The test households live in London (tests/conftest.py): "today" in a test is their
# today. With UTC here, a test's timezone.localdate() was an hour from the page's in
# British Summer Time, and two dozen tests failed from March to October, or in its last
# hour before midnight (found by running the suite with the clock moved).
TIME_ZONE = "Europe/London"

# On SQLite the tests use a database file (one per xdist worker, in the throwaway data
# directory) rather than Django's shared in-memory one: the browser tests' live server then
# has its own connection, with WAL and a busy timeout as in production, instead of sharing
# the test's single connection, where a write from the test beside a page's background
# poll could fail with "table is locked" or hang both threads.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(os.environ["NESTWELL_DATA_DIR"], "test.sqlite3")}

# Jobs run at once, in memory, instead of waiting for a consumer.
HUEY = {**HUEY, "immediate": True}  # noqa: F405

# Reset e-mails are counted per client for an hour; the suite sends many from one address.
PASSWORD_RESET_EMAILS_PER_HOUR = 10_000

# Every reuse of a hot read's statement (nestwell.lib.statements) is compared with what
# Django writes for the same values, and a difference fails the test.
NESTWELL_CHECK_STATEMENTS = True
