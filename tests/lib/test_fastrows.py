"""Rows read past Django's converters are the rows Django gives."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models.fields.json import KT

from nestwell.journal.models import Moment
from nestwell.lib import fastrows


@pytest.mark.django_db
def test_the_same_rows_as_the_queryset(household, nora, alice):
    start = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night the clocks go forward
    Moment.objects.create(household=household, child=nora, kind="feeding", started_at=start,
                          ended_at=start + timedelta(minutes=20), created_by=alice,
                          details={"method": "bottle", "amount_ml": 90.0})
    Moment.objects.create(household=household, child=nora, kind="sleep",
                          started_at=start + timedelta(hours=1, microseconds=5),
                          ended_at=None, created_by=alice)
    Moment.objects.create(household=household, child=nora, kind="talk",
                          started_at=start + timedelta(hours=2),
                          ended_at=start + timedelta(hours=2), created_by=alice)
    query = Moment.objects.filter(child=nora).order_by("started_at").values_list(
        "kind", "started_at", "ended_at", KT("details__method"), "pk")
    read = fastrows.values(query, times=(1, 2))
    assert read == list(query)
    assert [r[1].utcoffset() for r in read] == [timedelta(0)] * 3  # aware, in UTC
    assert read[1][2] is None
    assert fastrows.values(query.filter(pk__in=[])) == []
    assert fastrows.values(query.filter(kind="nothing"), times=(1, 2)) == []


@pytest.mark.django_db
def test_columns_and_json_are_what_the_queryset_gives(household, nora, alice):
    from nestwell.care.models import Cue

    start = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the night the clocks go back
    Cue.objects.create(household=household, child=nora, signal="cry", started_at=start,
                       responded_at=start + timedelta(minutes=2, microseconds=7),
                       closed_at=start + timedelta(minutes=9), ways=["hold", "feed"])
    Cue.objects.create(household=household, child=nora, signal="fuss",
                       started_at=start + timedelta(hours=3), ways=[])
    query = Cue.objects.filter(child=nora).order_by("started_at").values_list(
        "started_at", "responded_at", "closed_at", "signal", "ways")
    rows = list(query)
    assert fastrows.values(query, times=(0, 1, 2), json=(4,)) == rows
    assert [list(c) for c in fastrows.columns(query, times=(0, 1, 2), json=(4,))] == [
        list(c) for c in zip(*rows, strict=True)]
    assert fastrows.columns(query.none(), times=(0,)) == [()] * 5
    assert fastrows.columns(query.filter(signal="nothing"), times=(0,)) == [()] * 5


def test_a_time_written_with_its_zone_is_read_as_it_is():
    assert fastrows._time("2026-03-29 01:30:00.000005") == datetime(
        2026, 3, 29, 1, 30, 0, 5, tzinfo=UTC)
    assert fastrows._time("2026-03-29 03:30:00+02:00") == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC)
