"""PostgreSQL's times read by psycopg's compiled loader (nestwell/lib/pg_times.py): the same
values as Django's own loader, on every connection and cursor."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from nestwell.journal.models import Moment
from nestwell.lib import pg_times

TIMES = ["2026-03-29 00:59:59.999999+00", "2026-03-29 01:00:00+00",  # London's clocks go on
         "2026-10-25 01:30:00.5+00", "2024-02-29 12:00:00+00", "0001-01-01 00:00:00+00",
         "9999-12-31 23:59:59.999999+00", "2026-12-04 08:53:26.000001+00"]


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's times are text, read by lib/fastrows")
    connection.ensure_connection()
    return connection.connection


def _loader(adapters):
    from psycopg.postgres import types
    from psycopg.pq import Format

    return adapters.get_loader(types["timestamptz"].oid, Format.TEXT)


def _read(cursor):
    cursor.execute("SELECT t::timestamptz FROM unnest(%s::text[]) WITH ORDINALITY AS x(t, n) "
                   "ORDER BY n", [[*TIMES, None]])
    return [row[0] for row in cursor.fetchall()]


def test_the_connection_and_its_cursors_use_the_compiled_loader(postgres):
    ours = pg_times.compiled_loader()
    assert ours is not None  # psycopg[binary] is what the project installs
    assert _loader(postgres.adapters) is ours
    with connection.cursor() as cursor:  # Django would put its own back if the zones differed
        assert _loader(cursor.cursor.adapters) is ours


def test_the_times_are_those_django_s_own_loader_reads(postgres):
    from django.db.backends.postgresql.psycopg_any import register_tzloader

    with connection.cursor() as cursor:
        read = _read(cursor)
    with connection.cursor() as cursor:
        register_tzloader(UTC, cursor.cursor)  # Django's loader, on this cursor only
        assert _loader(cursor.cursor.adapters) is not pg_times.compiled_loader()
        expected = _read(cursor)
    assert read == expected
    assert [t.tzinfo for t in read[:-1]] == [UTC] * len(TIMES) and read[-1] is None
    assert read[0] == datetime(2026, 3, 29, 0, 59, 59, 999999, tzinfo=UTC)
    assert read[6].microsecond == 1


def test_a_moment_reads_back_as_written_through_both_kinds_of_cursor(postgres, nora, alice):
    started = (nora.birth_at + timedelta(days=1)).replace(microsecond=250001)
    moment = Moment.objects.create(household=nora.household, child=nora, kind="feed",
                                   started_at=started, ended_at=started + timedelta(minutes=9),
                                   actor=alice)
    again = Moment.objects.get(pk=moment.pk)
    assert (again.started_at, again.ended_at) == (started, started + timedelta(minutes=9))
    assert again.started_at.tzinfo is UTC
    with transaction.atomic():  # a server-side cursor: Django opens it by its own path
        streamed = next(Moment.objects.filter(pk=moment.pk).iterator(chunk_size=10))
    assert streamed.started_at == started and streamed.started_at.tzinfo is UTC


class _Connection:
    """Django's connection as far as ``install`` may look, and no further."""

    def __init__(self, vendor, zone_name, zone):
        self.vendor, self.timezone_name, self.timezone = vendor, zone_name, zone

    @property
    def connection(self):
        raise AssertionError("the driver's connection was touched")


@pytest.mark.parametrize("vendor, zone_name, zone", [
    ("sqlite", "UTC", UTC),
    ("postgresql", "Europe/London", ZoneInfo("Europe/London")),  # a database TIME_ZONE
    ("postgresql", "UTC", ZoneInfo("UTC")),  # not the zone Django gives its times
    ("postgresql", "UTC", None),  # USE_TZ off, with TIME_ZONE = "UTC": naive times
])
def test_django_s_loader_stays_where_the_compiled_one_would_differ(vendor, zone_name, zone):
    pg_times.install(None, _Connection(vendor, zone_name, zone))
