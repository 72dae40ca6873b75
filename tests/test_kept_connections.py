"""A kept SQLite connection (CONN_MAX_AGE in settings.py) must not carry a read from one
request into the next. A statement that a page left unfinished keeps its read transaction
open, and every later request on that thread would then read the database as it was: a
moment logged on the other parent's phone would be missing. Every page is walked, and after
each one a row written by another connection must be read on the page's connection."""

import sqlite3
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nestwell.journal.models import Moment
from nestwell.transfer.export import CHUNK
from tests.test_authorization import ROUTES, objects, url_for  # noqa: F401 (a fixture)
from tests.test_query_budgets import PAGES, grow

pytestmark = pytest.mark.django_db(transaction=True)  # no test transaction around the pages


@pytest.fixture
def elsewhere():
    """Another connection to the same file, as another worker or `nestwell log` has."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: a PostgreSQL read ends with its statement")
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=20)
    other.execute("CREATE TABLE written_elsewhere (n INTEGER)")
    yield other
    other.execute("DROP TABLE written_elsewhere")
    other.close()


def seen_here():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM written_elsewhere")
        return cursor.fetchone()[0]


def test_the_check_sees_a_read_left_open(elsewhere):
    """The check itself: an unfinished statement does hide another connection's write."""
    left = connection.cursor()
    left.execute("SELECT n FROM written_elsewhere UNION ALL SELECT 1 UNION ALL SELECT 2")
    left.fetchone()
    elsewhere.execute("INSERT INTO written_elsewhere VALUES (1)")
    assert seen_here() == 0
    left.close()
    assert seen_here() == 1


def test_no_page_leaves_a_read_open_on_its_connection(client_for, alice, bob, household, nora,
                                                      objects, elsewhere):  # noqa: F811
    grow(household, nora, alice, per_day=3, days=3)
    for written, (name, query) in enumerate(PAGES, start=1):
        client = client_for(bob if name == "wellbeing:shared" else alice)
        url = url_for(name, objects[ROUTES[name][1]]) + query
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            for _chunk in response.streaming_content:
                pass
        assert response.status_code in (200, 302), (url, response.status_code)
        elsewhere.execute("INSERT INTO written_elsewhere VALUES (?)", (written,))
        assert seen_here() == written, f"{url} left a read open on its connection"


def test_an_export_left_halfway_leaves_no_read_open(client_for, alice, household, nora,
                                                    elsewhere):
    """A download stopped in the middle (the phone lost its signal): the export was
    reading the moments a chunk at a time, and its statement must end with the response,
    not whenever the garbage collector next runs."""
    start = timezone.now() - timedelta(days=30)
    Moment.objects.bulk_create(
        Moment(household=household, child=nora, kind="talk", actor=alice, created_by=alice,
               started_at=start + timedelta(minutes=i), ended_at=start + timedelta(minutes=i))
        for i in range(CHUNK + 500))
    response = client_for(alice).get(reverse("transfer:export") + "?format=json")
    assert response.status_code == 200
    pieces = iter(response.streaming_content)
    for piece in pieces:
        if b'"moments": [' in piece:
            break
    for _row in range(10):
        next(pieces)  # halfway through the first chunk of moments
    elsewhere.execute("INSERT INTO written_elsewhere VALUES (1)")
    assert seen_here() == 0  # the premise: while the download runs, its read is open
    response.close()  # what the server does when the download is abandoned
    assert seen_here() == 1
