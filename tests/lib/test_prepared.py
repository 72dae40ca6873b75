"""lib.prepared gives exactly what Django gives for the same lookup, on both databases:
every field's value and type (times with their zone, dates, JSON, booleans), and nothing
for a row of another household."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.accounts.models import ApiToken
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.lib import prepared
from tests.lib.test_statements import _prepared_here


def same_as_django(instance, model):
    expected = model.objects.get(pk=instance.pk)
    for field in model._meta.concrete_fields:
        mine, theirs = getattr(instance, field.attname), getattr(expected, field.attname)
        assert mine == theirs and type(mine) is type(theirs), (field.name, mine, theirs)
    assert not instance._state.adding and instance._state.db == expected._state.db


def test_a_baby_read_as_django_reads_it(household, other_household):
    child = Child.objects.create(
        household=household, name="Nora <&> \"N\"", birth_at=timezone.now() - timedelta(days=3),
        due_date=date(2026, 11, 20), gestation_weeks=38, gestation_days=4,
        birth_weight_grams=3250, sex="female", neonatal_care=True)
    found = prepared.get(Child, pk=child.pk, household=household)
    same_as_django(found, Child)
    assert found.birth_at.tzinfo is not None and found.due_date == date(2026, 11, 20)
    assert prepared.get(Child, pk=child.pk, household=other_household) is None
    assert prepared.get(Child, pk=child.pk + 1000, household=household.pk) is None
    assert prepared.get(Child, pk=2**70, household=household) is None  # as Django: none


def test_a_moment_with_json_and_empty_times(alice, nora):
    moment = Moment.objects.create(
        household=nora.household, child=nora, kind="feeding", started_at=timezone.now(),
        ended_at=None, actor=alice, created_by=alice,
        details={"method": "breast", "side": "left", "eye_contact": True, "n": [1, 2.5]})
    found = prepared.get(Moment, pk=moment.pk)
    same_as_django(found, Moment)
    assert found.details == {"method": "breast", "side": "left", "eye_contact": True,
                             "n": [1, 2.5]}
    assert found.ended_at is None and found.deleted_at is None


def test_one_statement_written_once(household, nora):
    prepared.get(Child, pk=nora.pk, household=household)
    with CaptureQueriesContext(connection) as seen:
        assert prepared.get(Child, pk=nora.pk, household=household) == nora
    assert len(seen) == 1 and "%s" not in seen.captured_queries[0]["sql"]


def test_a_lookup_that_could_match_many_rows_is_refused(household):
    with pytest.raises(ValueError, match="more than one row"):
        prepared.get(Child, household=household)


def test_a_value_of_the_wrong_kind_is_refused_as_django_refuses_it(household):
    with pytest.raises(ValueError):
        prepared.get(Child, pk="seven", household=household)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_the_quick_logs_two_reads_are_prepared(alice, household, nora):
    """The API's token and the baby it names, read on every quick-log: parsed and planned
    once per connection (the token's four-table join cost the server more than the insert),
    and the same answers when they are (a number no row can hold included)."""
    token = ApiToken.issue(alice, household, "phone").token
    before = _prepared_here()
    for _ in range(3):
        assert prepared.get(Child, pk=nora.pk, household=household) == nora
        assert ApiToken.membership_for(token).household == household
    assert prepared.get(Child, pk=2**70, household=household) is None
    assert ApiToken.membership_for(token + "x") is None
    new = [sql for sql in _prepared_here() if sql not in before]
    assert any('FROM "journal_child" t' in sql for sql in new)
    assert any('FROM "accounts_apitoken" t' in sql for sql in new)
