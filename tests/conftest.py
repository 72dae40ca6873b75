"""Shared fixtures: a small cast of people, and helpers to sign them in.

alice  — a mother, parent of the Garcia household, with a baby, Nora
bob    — her partner, caregiver in the same household
carol  — grandma, viewer in the same household
mallory — a parent in another household (the Smiths), who must never see the Garcias
"""

import os
from datetime import timedelta

import pytest
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.testcases import LiveServerThread
from django.utils import timezone
from hypothesis import HealthCheck, settings

from nestwell.accounts.models import Household, Membership, User
from nestwell.accounts.roles import Role
from nestwell.children.models import Child
from nestwell.journal.models import Moment

# Property tests draw the same examples on every run (no test depends on luck) and never
# fail because a busy machine made drawing or one example slow.
settings.register_profile("nestwell", derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("nestwell")


class OneRequestAtATime(WSGIServer):
    """The live server for browser tests, serving one request at a time, so a page and its
    background fetches (a service worker keeping pages, a banner loaded after the page, a
    poll) meet the database in turn, as they did when the tests shared one in-memory SQLite
    connection (now a file per worker: tests/settings.py). A server that is not threaded
    also closes each connection after its answer, so a browser's kept-alive socket blocks
    no one."""

    def __init__(self, *args, connections_override=None, **kwargs):
        # LiveServerThread.run() already gives its own thread the test's connections.
        super().__init__(*args, **kwargs)

    def set_app(self, application):
        super().set_app(_between_tests(application))

    def close_request(self, request):
        # Its database connection is closed after each answer, as Django's own threaded
        # live server does: settings.py keeps connections for a minute, and this one server
        # answers every browser test of the worker, across the emptying of the database
        # between tests.
        connections.close_all()
        super().close_request(request)


def _between_tests(app):
    """A request that reaches the live server between two tests (a poll or a worker of a
    page closed a moment too late) is answered 503 at once: the database is closed to
    everyone then, and Django answering it would log a 500 from a thread while pytest
    tears the test down."""
    def guarded(environ, start_response):
        if getattr(BaseDatabaseWrapper.ensure_connection, "__name__", "") == "_blocking_wrapper":
            start_response("503 Service Unavailable", [("Content-Length", "0")])
            return [b""]
        return app(environ, start_response)
    return guarded


LiveServerThread.server_class = OneRequestAtATime

PASSWORD = "a-calm-night-2026"


def in_ci():
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def make_user(email, name, household, role):
    user = User.objects.create_user(email=email, password=PASSWORD, display_name=name)
    Membership.objects.create(user=user, household=household, role=role)
    return user


@pytest.fixture
def household(db):
    return Household.objects.create(name="The Garcias", time_zone="Europe/London")


@pytest.fixture
def other_household(db):
    return Household.objects.create(name="The Smiths", time_zone="America/New_York")


@pytest.fixture
def alice(household):
    return make_user("alice@example.org", "Alice", household, Role.PARENT)


@pytest.fixture
def bob(household):
    return make_user("bob@example.org", "Bob", household, Role.CAREGIVER)


@pytest.fixture
def carol(household):
    return make_user("carol@example.org", "Carol", household, Role.VIEWER)


@pytest.fixture
def mallory(other_household):
    return make_user("mallory@example.org", "Mallory", other_household, Role.PARENT)


@pytest.fixture
def nora(household):
    # Thirty days by her calendar (London's wall clock): "now - 30 days" in UTC was 29 days
    # in the hour before midnight for a month after the clocks went back.
    return Child.objects.create(household=household, name="Nora",
                                birth_at=timezone.localtime(timezone.now(), household.tz)
                                - timedelta(days=30))


@pytest.fixture
def sam(other_household):
    return Child.objects.create(household=other_household, name="Sam",
                                birth_at=timezone.now() - timedelta(days=60))


@pytest.fixture
def moment(nora, alice):
    start = timezone.now() - timedelta(hours=1)
    return Moment.objects.create(household=nora.household, child=nora, kind="skin_to_skin",
                                 started_at=start, ended_at=start + timedelta(minutes=30),
                                 actor=alice, created_by=alice)


@pytest.fixture
def client_for(client):
    """Sign a person in on the test client: ``client_for(alice)``."""

    def sign_in(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in


# What CI's PostgreSQL run leaves out (``-m "not database_independent"``), marked here
# rather than by hand, so that a new test is sorted the day it is written:
# - a test that cannot reach a database: pytest-django refuses any query from a test that
#   asks for none (no ``django_db`` mark, no fixture that opens the database), and its
#   module starts no other process, opens no connection of its own and does not unblock
#   the database (``django_db_blocker``), the ways past pytest-django's guard;
# - the desktop run of a browser test that also runs on a phone: the two take the same
#   steps against the database, which the phone run checks; the desktop's layout is
#   checked by the SQLite run.
OPENS_THE_DATABASE = {"db", "transactional_db", "live_server"}
ANOTHER_WAY_IN = ("subprocess", "Popen", "sys.executable", "multiprocessing", "os.fork",
                  "psycopg", "sqlite3", "DATABASE_URL", "connections[", "connection.",
                  "live_server", "django_db", "tests.servers")  # its servers: processes
_reaches_a_database = {}


def _module_reaches_a_database(path):
    if path not in _reaches_a_database:
        text = path.read_text(encoding="utf-8")
        _reaches_a_database[path] = any(word in text for word in ANOTHER_WAY_IN)
    return _reaches_a_database[path]


def _cannot_reach_a_database(item):
    fixtures = set(getattr(item, "fixturenames", ()))
    return not (item.get_closest_marker("django_db")
                or fixtures & OPENS_THE_DATABASE
                or any(name.startswith("django_db") and name != "django_db_blocker"
                       for name in fixtures)  # pytest-django's own blocks every test
                or _module_reaches_a_database(item.path))


def _a_desktop_twin(item, names):
    callspec = getattr(item, "callspec", None)
    if callspec is None or callspec.params.get("viewport") != "desktop":
        return False
    ids = ["phone" if part == "desktop" else part for part in callspec.id.split("-")]
    twin = item.nodeid[:-len(callspec.id) - 1] + "-".join(ids) + "]"
    return twin != item.nodeid and twin in names


def pytest_collection_modifyitems(config, items):
    names = {item.nodeid for item in items}
    for item in items:
        if _cannot_reach_a_database(item) or _a_desktop_twin(item, names):
            item.add_marker(pytest.mark.database_independent)
