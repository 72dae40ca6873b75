"""Real Nestwell servers for the crash-safety and concurrency tests.

Each test gets its own database (a SQLite file in a temporary data directory, or a fresh
PostgreSQL database on the server named by DATABASE_URL when the suite runs on PostgreSQL),
prepared by a separate process, and servers started exactly as `nestwell serve` starts
them: gunicorn with the production settings, on a loopback port. Nothing here touches the
test database pytest-django made for the other tests.
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from urllib.parse import urlsplit

SETUP = """
import django, json
from datetime import timedelta
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from nestwell.accounts.models import ApiToken, Household, Membership, User
from nestwell.children.models import Child
from django.utils import timezone
household = Household.objects.create(name="Crash and race", time_zone="Europe/London")
people = {}
for email, name in (("mum@example.org", "Mum"), ("dad@example.org", "Dad")):
    user = User.objects.create_user(email=email, password="a calm long password 1",
                                    display_name=name)
    Membership.objects.create(user=user, household=household, role="parent")
    people[name] = ApiToken.issue(user, household, "tests").token
child = Child.objects.create(household=household, name="Robin",
                             birth_at=timezone.now() - timedelta(days=20))
print(json.dumps({"child": child.pk, "tokens": people}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Database:
    """The environment for one throwaway database, with a way to run code against it."""

    def __init__(self, data_dir, database_url=None):
        self.data_dir = data_dir
        self.url = database_url
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nestwell.settings",
                    "NESTWELL_DATA_DIR": str(data_dir), "NESTWELL_JOBS": "off",
                    "NESTWELL_SECRET_KEY": "servers-test-" + "k" * 40,
                    "NESTWELL_LOG_LEVEL": "WARNING"}
        self.env.pop("DATABASE_URL", None)
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests set it
        if database_url:
            self.env["DATABASE_URL"] = database_url

    @property
    def engine(self):
        return "postgresql" if self.url else "sqlite"

    def run(self, code, timeout=120):
        """Run Python ``code`` in a fresh process on this database; returns its last line,
        parsed as JSON."""
        result = subprocess.run([sys.executable, "-c", code], env=self.env, text=True,
                                capture_output=True, timeout=timeout)
        assert result.returncode == 0, result.stderr[-3000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    def setup(self):
        """Migrate and add one household (two parents with API tokens, one baby)."""
        return self.run(SETUP)


@contextmanager
def throwaway_database(tmp_path):
    """A fresh database of the kind the suite runs on, dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield Database(tmp_path)
        return
    import psycopg

    parts = urlsplit(url)
    name = f"nestwell_servers_{uuid.uuid4().hex[:10]}"
    # The maintenance database: the one in DATABASE_URL need not exist (pytest-django
    # makes its own test_<name>).
    admin_dsn = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database(tmp_path, parts._replace(path=f"/{name}").geturl())
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """`nestwell serve` on a loopback port; ``kill()`` is a SIGKILL to the whole group."""

    def __init__(self, database, workers=2):
        self.database = database
        self.workers = workers
        self.port = None
        self.process = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        self.port = free_port()
        self.log = open(self.database.data_dir / f"server-{self.port}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nestwell.cli", "serve", "--workers", str(self.workers),
             "--port", str(self.port)],
            env=self.database.env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped at start:\n{self.output()}")
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.kill()
        raise AssertionError(f"the server did not answer in {timeout} s:\n{self.output()}")

    def output(self):
        self.log.flush()
        return (self.database.data_dir / f"server-{self.port}.log").read_text(
            errors="replace")[-3000:]

    def request(self, method, path, body=None, headers=None, timeout=30):
        """One request on a new connection: (status, headers, body bytes)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = json.dumps(body).encode() if isinstance(body, dict) else body
            sent = dict(headers or {})
            if isinstance(body, dict):
                sent["Content-Type"] = "application/json"
            connection.request(method, path, body=data, headers=sent)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def api(self, method, path, token, body=None):
        status, _, raw = self.request(method, "/api/v1" + path, body,
                                      {"Authorization": f"Bearer {token}"})
        return status, (json.loads(raw) if raw else None)

    def kill(self):
        """SIGKILL to the master and every worker at once: no cleanup, no flush."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)
        if not self.log.closed:
            self.log.close()


@contextmanager
def running(database, workers=2):
    server = Server(database, workers).start()
    try:
        yield server
    finally:
        server.stop()
