"""The settings a newcomer gets without configuring anything, checked in fresh processes."""

import json
import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from nestwell.config import secret_key

PROBE = """
import json, django
from django.conf import settings
django.setup()
from django.db import connection
connection.ensure_connection()
mode = None
if connection.vendor == "sqlite":
    with connection.cursor() as c:
        c.execute("PRAGMA journal_mode"); mode = c.fetchone()[0]
        c.execute("PRAGMA busy_timeout"); timeout = c.fetchone()[0]
else:
    timeout = None
print(json.dumps({"debug": settings.DEBUG, "hasher": settings.PASSWORD_HASHERS[0],
  "engine": settings.DATABASES["default"]["ENGINE"], "journal_mode": mode,
  "busy_timeout": timeout, "email": settings.EMAIL_BACKEND,
  "hosts": settings.ALLOWED_HOSTS, "secure_cookie": settings.SESSION_COOKIE_SECURE}))
"""


def run_fresh(code, tmp_path, **env):
    """``code`` in a fresh process with the default settings on ``tmp_path``; the JSON of
    its last line."""
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("NESTWELL_", "DATABASE_URL", "EMAIL_"))}
    environment.update({"NESTWELL_DATA_DIR": str(tmp_path),
                        "DJANGO_SETTINGS_MODULE": "nestwell.settings", **env})
    out = subprocess.run([sys.executable, "-c", code], env=environment, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def probe(tmp_path, **env):
    return run_fresh(PROBE, tmp_path, **env)


def test_defaults_are_safe(tmp_path):
    found = probe(tmp_path)
    assert found["debug"] is False
    assert found["hasher"].endswith("Argon2PasswordHasher")
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["journal_mode"] == "wal"
    assert found["busy_timeout"] >= 5000
    assert found["email"].endswith("console.EmailBackend")
    assert found["secure_cookie"] is False
    assert (tmp_path / "nestwell.sqlite3").exists()


def test_the_environment_configures_it(tmp_path):
    found = probe(tmp_path, NESTWELL_ALLOWED_HOSTS="nest.home.arpa,192.0.2.7",
                  NESTWELL_HTTPS="true", EMAIL_URL="smtp://u:p@mail.example.org:587/?tls=True")
    assert found["hosts"] == ["nest.home.arpa", "192.0.2.7"]
    assert found["secure_cookie"] is True
    assert found["email"].endswith("smtp.EmailBackend")


SETTINGS_ONLY = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps(settings.DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS")))
"""


def test_a_postgresql_pooler_is_named_by_the_environment(tmp_path):
    """NESTWELL_DB_POOLER: no server-side cursors, and so no prepared statements (the
    settings are read only: no server is asked)."""
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("NESTWELL_", "DATABASE_URL", "EMAIL_"))}
    environment.update({"NESTWELL_DATA_DIR": str(tmp_path),
                        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
                        "DJANGO_SETTINGS_MODULE": "nestwell.settings"})
    found = {}
    for pooler in ("", "true", "false"):
        env = {**environment, "NESTWELL_DB_POOLER": pooler} if pooler else environment
        out = subprocess.run([sys.executable, "-c", SETTINGS_ONLY], env=env, check=True,
                             capture_output=True, text=True).stdout
        found[pooler] = json.loads(out.strip().splitlines()[-1])
    assert found == {"": None, "true": True, "false": None}


def test_the_secret_key_is_made_once_and_kept_private(tmp_path):
    first = secret_key(tmp_path)
    assert len(first) >= 50
    mode = stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode)
    assert mode == 0o600
    assert secret_key(tmp_path) == first


def test_sqlite_file_is_in_wal_mode_after_first_use(tmp_path):
    probe(tmp_path)
    with sqlite3.connect(tmp_path / "nestwell.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def run_cli(data_dir, *args):
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("NESTWELL_", "DATABASE_URL", "EMAIL_"))}
    environment.update({"NESTWELL_DATA_DIR": str(data_dir), "NESTWELL_JOBS": "off"})
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, "-m", "nestwell.cli", *args], env=environment,
                          capture_output=True, text=True, check=True)


def test_the_data_directory_and_its_files_are_private(tmp_path):
    """Issue 12, finding 10: 0700 for the directory, 0600 for every file, whatever the
    umask of the shell that started it."""
    data = tmp_path / "fresh"
    old = os.umask(0o022)
    try:
        run_cli(data, "manage", "migrate", "--verbosity", "0")
    finally:
        os.umask(old)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "nestwell.sqlite3" for p in files)
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_an_open_data_directory_is_warned_about(tmp_path):
    data = tmp_path / "open"
    data.mkdir()
    data.chmod(0o755)
    result = run_cli(data, "manage", "check")
    assert "can be read by other users" in result.stderr and "chmod 700" in result.stderr
    data.chmod(0o700)
    assert "can be read by other users" not in run_cli(data, "manage", "check").stderr


def test_each_test_process_has_a_data_directory_of_its_own(settings):
    """Not ./data (which the Makefile names for `make run`): xdist workers sharing a folder
    removed each other's import uploads."""
    import tempfile
    from pathlib import Path

    here = Path(settings.DATA_DIR)
    assert here.parent == Path(tempfile.gettempdir()) and here.name.startswith("nestwell-test-")
    assert os.environ["NESTWELL_DATA_DIR"] == str(here)


KEPT = """
import json, sqlite3, django
from wsgiref.util import setup_testing_defaults
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
app = WSGIHandler()

def get(path):  # as gunicorn does: the answer's close() ends the request
    environ = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    answer = app(environ, lambda status, headers: None)
    body = b"".join(answer)
    answer.close()
    return body

held = []
for _ in range(3):
    assert b"ok" in get("/healthz")
    held.append(id(connection.connection) if connection.connection else None)
# Another process writes between two requests: the kept connection reads the new row (no
# read transaction was left open by a request).
with sqlite3.connect(connection.settings_dict["NAME"]) as other:
    other.execute("CREATE TABLE written_elsewhere (x)")
    other.execute("INSERT INTO written_elsewhere VALUES (1)")
other.close()
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM written_elsewhere")
    seen = cursor.fetchone()[0]
print(json.dumps({"held": held, "seen": seen}))
"""


def test_a_worker_thread_keeps_its_sqlite_connection_between_requests(tmp_path):
    """Opening SQLite for each request cost about 1 ms before any work and an empty page
    cache (docs/performance.md, "SQLite connections kept")."""
    found = run_fresh(KEPT, tmp_path)
    assert found["held"][0] is not None
    assert len(set(found["held"])) == 1, found["held"]
    assert found["seen"] == 1


@pytest.mark.parametrize(("setting", "said"), [
    ("NESTWELL_BACKUP_KEEP=abc", "NESTWELL_BACKUP_KEEP must be a whole number; it is 'abc'."),
    ("NESTWELL_BACKUP_HOUR=25", "NESTWELL_BACKUP_HOUR must be from 0 to 23; it is 25."),
    ("NESTWELL_PORT=abc", "NESTWELL_PORT must be a whole number; it is 'abc'."),
    # A mistyped yes-or-no had been read as no: HTTPS=ture served without secure cookies.
    ("NESTWELL_HTTPS=ture", "NESTWELL_HTTPS must be true or false"),
    ("NESTWELL_JOBS=maybe", "NESTWELL_JOBS must be true or false"),
    ("NESTWELL_TRUSTED_PROXIES=notanip", "'notanip' is neither."),
    ("NESTWELL_LOG_LEVEL=LOUD", "NESTWELL_LOG_LEVEL must be one of DEBUG, INFO, WARNING"),
    ("NESTWELL_PHOTOS_STORAGE={bad", "NESTWELL_PHOTOS_STORAGE must be JSON"),
    ("NESTWELL_THREADS=abc", "NESTWELL_THREADS must be a whole number; it is 'abc'."),
    ("DATABASE_URL=notaurl", "DATABASE_URL must be postgres://"),
    ("DATABASE_URL=mysql://u@h/db", "Nestwell works with these two only. It begins 'mysql'."),
])
def test_a_setting_that_cannot_be_read_is_named_in_one_line(tmp_path, setting, said):
    name, value = setting.split("=")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({name: value, "NESTWELL_DATA_DIR": str(tmp_path)})
    done = subprocess.run([sys.executable, "-m", "nestwell.cli", "serve", "--help"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and said in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("value,expected", [("on", True), ("YES", True), ("1", True),
                                            ("off", False), ("False", False), ("", None)])
def test_a_yes_or_no_setting_reads_the_usual_words(tmp_path, value, expected):
    code = ("import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.HTTPS))")
    env = {} if value == "" else {"NESTWELL_HTTPS": value}
    assert run_fresh(code, tmp_path, **env) is bool(expected)


def test_a_database_that_cannot_be_reached_is_said_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"NESTWELL_DATA_DIR": str(tmp_path),
                "DATABASE_URL": "postgres://postgres@127.0.0.1:1/nestwell"})
    done = subprocess.run([sys.executable, "-m", "nestwell.cli", "createuser", "a@example.org",
                           "--name", "A"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "the database could not be reached" in done.stderr
    assert "Check DATABASE_URL" in done.stderr


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        env.update({"NESTWELL_DATA_DIR": str(tmp_path), "NESTWELL_PORT": str(port),
                    "NESTWELL_JOBS": "off"})
        done = subprocess.run([sys.executable, "-m", "nestwell.cli", "serve"], env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"port {port} on 127.0.0.1 is in use already" in done.stderr
    assert "NESTWELL_PORT" in done.stderr
