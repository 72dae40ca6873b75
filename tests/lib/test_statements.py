"""lib.statements: a hot read's SQL built once, then run with new values, gives exactly
what Django gives (instances, their fields and types, the rows of select_related), for
every value, on both databases; it never reuses a shape that depends on its values."""

from datetime import datetime, timedelta

import pytest
from django.db import connection, connections
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.accounts.models import Household, User
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.lib import statements
from nestwell.lib.statements import Statement


def day_moments(child, user, start, end):
    return (Moment.objects.alive().readable_by(user)
            .filter(child=child, started_at__gte=start, started_at__lt=end)
            .select_related("actor", "photo").order_by("-started_at", "-pk")[:50])


DAY = Statement(day_moments, child=Child, user=User, start=datetime, end=datetime)
RUNNING = Statement(lambda household, user: Moment.objects.running().readable_by(user)
                    .filter(household=household).select_related("child", "actor")
                    .order_by("started_at"), household=Household, user=User)


def described(instances):
    """Every concrete field of each instance and of what select_related brought, with
    its type (a time with its zone, JSON as Python)."""
    out = []
    for obj in instances:
        row = [(f.attname, getattr(obj, f.attname), type(getattr(obj, f.attname)))
               for f in obj._meta.concrete_fields]
        for name in ("actor", "child", "photo"):
            if name in obj._state.fields_cache:
                related = obj._state.fields_cache[name]
                row.append((name, None if related is None else described([related])))
        out.append(row)
    return out


@pytest.fixture
def days(alice, bob, nora, mallory, sam):
    """Moments of two days for Nora (letters kept private and shared among them) and one
    for Sam in another household, and a running timer in each."""
    now = timezone.now().replace(microsecond=123456)
    for n in range(12):
        at = now - timedelta(hours=3 * n)
        Moment.objects.create(household=nora.household, child=nora, kind="talk",
                              started_at=at, ended_at=at, actor=alice if n % 2 else None,
                              created_by=alice, details={"n": n, "note": "<&>"})
    for who, shared in ((alice, False), (bob, False), (bob, True)):
        Moment.objects.create(household=nora.household, child=nora, kind="letter",
                              started_at=now - timedelta(hours=1),
                              ended_at=now - timedelta(hours=1), created_by=who,
                              details={"shared": shared, "text": "x"})
    Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                          started_at=now - timedelta(minutes=5), actor=bob,
                          details={"side": "left", "method": "breast"})
    Moment.objects.create(household=sam.household, child=sam, kind="talk",
                          started_at=now, ended_at=now, actor=mallory)
    Moment.objects.create(household=sam.household, child=sam, kind="skin_to_skin",
                          started_at=now - timedelta(minutes=9), actor=mallory)
    return now


def test_every_value_gives_what_django_gives(days, alice, bob, mallory, nora, sam):
    for child, user in ((nora, alice), (nora, bob), (sam, mallory), (sam, alice)):
        for start, end in ((days - timedelta(hours=24), days + timedelta(hours=1)),
                           (days - timedelta(hours=48), days - timedelta(hours=20)),
                           (days, days)):
            ours = DAY(child=child, user=user, start=start, end=end)
            assert described(ours) == described(day_moments(child, user, start, end))
    for household, user in ((nora.household, alice), (sam.household, mallory)):
        ours = RUNNING(household=household, user=user)
        assert described(ours) == described(RUNNING.build(household=household, user=user))
        assert len(ours) == 1 and ours[0].household_id == household.pk
    # Ids or instances alike.
    assert [m.pk for m in RUNNING(household=nora.household.pk, user=alice.pk)] == \
        [m.pk for m in RUNNING(household=nora.household, user=alice)]


def test_her_own_private_letter_only(days, alice, bob, nora):
    letters = [(m.created_by_id, m.details["shared"]) for m in DAY(
        child=nora, user=alice, start=days - timedelta(days=1), end=days)
        if m.kind == "letter"]
    assert sorted(letters) == [(alice.pk, False), (bob.pk, True)]


def test_built_once_then_one_statement_a_call(days, alice, nora, settings, monkeypatch):
    settings.NESTWELL_CHECK_STATEMENTS = False
    fresh = Statement(day_moments, child=Child, user=User, start=datetime, end=datetime)
    fresh(child=nora, user=alice, start=days - timedelta(days=1), end=days)  # built, checked
    built = []
    real = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: (
        built.append(1), real(self, *a, **k))[1])
    with CaptureQueriesContext(connection) as seen:
        for hours in (1, 5, 30):
            fresh(child=nora, user=alice, start=days - timedelta(hours=hours), end=days)
    assert built == [] and len(seen.captured_queries) == 3


def shape_by_value(child, start):
    queryset = Moment.objects.filter(child=child, started_at__gte=start)
    return queryset.filter(kind="talk") if child.pk % 2 else queryset


def test_a_shape_that_follows_its_values_is_never_reused(days, nora, sam, settings):
    """The probe's id is odd: an even one gives another statement. The tests check every
    call, a server the first of each connection (``build`` must not branch on a value,
    which the tests' check finds)."""
    odd, even = (nora, sam) if nora.pk % 2 else (sam, nora)
    statement = Statement(shape_by_value, child=Child, start=datetime)
    since = days - timedelta(days=3)
    statement(child=odd, start=since)
    with pytest.raises(AssertionError, match="Django wrote"):
        statement(child=even, start=since)
    settings.NESTWELL_CHECK_STATEMENTS = False
    statement = Statement(shape_by_value, child=Child, start=datetime)
    for child in (even, odd, even):
        assert [m.pk for m in statement(child=child, start=since)] == \
            [m.pk for m in shape_by_value(child, since)]
    assert statements.plans(connections["default"])[statement] is statements._REFUSED


def test_none_and_lists_and_plain_lists_go_through_django(days, nora):
    by_end = Statement(lambda child, end: Moment.objects.filter(child=child, ended_at=end),
                       child=Child, end=datetime)
    assert [m.kind for m in by_end(child=nora, end=None)] == ["feeding"]  # IS NULL
    listed = Statement(lambda child: list(Moment.objects.filter(child=child)), child=Child)
    sent = []

    def send(execute, sql, params, many, context):
        answer = execute(sql, params, many, context)
        sent.append(params)  # what the database answered
        return answer

    with connection.execute_wrapper(send):  # the probes never reach the database
        assert len(listed(child=nora)) == Moment.objects.filter(child=nora).count()
    assert sent == [(nora.pk,), (nora.pk,)]
    with pytest.raises(TypeError):
        by_end(child=nora)
    with pytest.raises(TypeError):
        Statement(lambda text: None, text=bytes)


def test_values_lists_as_django_gives_them(days, alice, nora, sam):
    def build(child, since):
        return (Moment.objects.filter(child=child, started_at__gte=since)
                .order_by("-started_at", "pk").values_list("pk", "started_at", "details"))

    def flat(child, since):
        return Moment.objects.filter(child=child, started_at__gte=since).order_by(
            "started_at").values_list("started_at", flat=True)

    tuples = Statement(build, child=Child, since=datetime)
    single = Statement(flat, child=Child, since=datetime)
    for child in (nora, sam):
        for hours in (2, 20, 200):
            since = days - timedelta(hours=hours)
            assert tuples(child=child, since=since) == list(build(child, since))
            assert single(child=child, since=since) == list(flat(child, since))
    got = single(child=nora, since=days - timedelta(hours=20))
    assert got and all(at.tzinfo is not None for at in got)


def by_children(ids, since):
    return (Moment.objects.filter(child_id__in=ids, started_at__gte=since)
            .order_by("-started_at", "pk").values_list("child_id", "kind", "started_at"))


def test_lists_of_ids_one_statement_for_each_length(days, nora, sam, settings, monkeypatch):
    """A ``list[int]`` input: Django's answer for every list, each length compiled once,
    duplicates dropped as Django drops them; an empty list asks nothing."""
    statement = Statement(by_children, ids=statements.IDS, since=datetime)
    since = days - timedelta(days=3)
    for ids in ([nora.pk], [sam.pk], [nora.pk, sam.pk], [sam.pk, nora.pk],
                [nora.pk, nora.pk, sam.pk], [nora.pk, 2_100_100_000], []):
        assert statement(ids=ids, since=since) == list(by_children(ids, since)), ids
    lengths = sorted(key[1] for key in statements.plans(connections["default"])
                     if isinstance(key, tuple) and key[0] is statement)
    assert lengths == [(1,), (2,)]
    settings.NESTWELL_CHECK_STATEMENTS = False
    built = []
    real = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: (
        built.append(1), real(self, *a, **k))[1])
    with CaptureQueriesContext(connection) as seen:
        twice = statement(ids=(nora.pk, sam.pk, sam.pk), since=since)
        once = statement(ids=[nora.pk], since=since)
    assert built == [] and len(seen.captured_queries) == 2
    assert twice == list(by_children([nora.pk, sam.pk], since))
    assert once == list(by_children([nora.pk], since)) and once and len(twice) > len(once)
    with CaptureQueriesContext(connection) as seen:
        assert statement(ids=[], since=since) == []
    assert seen.captured_queries == []


def test_a_list_of_anything_else_goes_through_django(days, nora):
    statement = Statement(by_children, ids=statements.IDS, since=datetime)
    since = days - timedelta(days=3)
    assert statement(ids=[str(nora.pk)], since=since) == list(by_children([nora.pk], since))
    assert statement(ids=list(range(1, 70)), since=since) == \
        list(by_children(list(range(1, 70)), since))
    assert not any(isinstance(key, tuple) and key[0] is statement
                   for key in statements.plans(connections["default"]))


def test_a_text_value_matched_exactly(days, nora):
    by_kind = Statement(lambda child, kind: Moment.objects.filter(child=child, kind=kind)
                        .order_by("pk").values_list("pk", flat=True), child=Child, kind=str)
    for kind in ("talk", "letter", "feeding", "nothing", "it's \"quoted\" %s"):
        assert by_kind(child=nora, kind=kind) == \
            list(Moment.objects.filter(child=nora, kind=kind).order_by("pk")
                 .values_list("pk", flat=True)), kind


def _prepared_here():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [sql for (sql,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_a_statement_is_prepared_in_the_session(days, nora, monkeypatch):
    """Its text is parsed and planned once per connection; Django's own queries are not
    prepared; and where a pooler stands between (DISABLE_SERVER_SIDE_CURSORS) nothing is."""
    statement = Statement(lambda child, kind: Moment.objects.filter(child=child, kind=kind)
                          .order_by("pk").values_list("kind", "started_at"),
                          child=Child, kind=str)
    before = len(_prepared_here())
    for kind in ("talk", "letter", "talk"):
        assert statement(child=nora, kind=kind) == list(statement.build(nora, kind))
    mine = [sql for sql in _prepared_here() if '"journal_moment"."kind" = $2' in sql]
    assert len(mine) == 1 and len(_prepared_here()) == before + 1
    list(Moment.objects.filter(child=nora, kind="sing"))  # Django's: bound on the client
    assert len(_prepared_here()) == before + 1
    with CaptureQueriesContext(connection) as seen:  # a log shows the values, as usual
        statement(child=nora, kind="feeding")
    assert "'feeding'" in seen.captured_queries[-1]["sql"]
    monkeypatch.setitem(connections["default"].settings_dict,
                        "DISABLE_SERVER_SIDE_CURSORS", True)
    other = Statement(lambda child: Moment.objects.filter(child=child).values_list(
        "pk", flat=True), child=Child)
    assert sorted(other(child=nora)) == sorted(m.pk for m in Moment.objects.filter(child=nora))
    assert len(_prepared_here()) == before + 1


def test_the_first_row_or_what_stands_for_none(days, nora):
    statement = Statement(lambda child, kind: Moment.objects.filter(
        child=child, kind=kind).order_by("started_at", "pk").values_list("pk", flat=True),
        child=Child, kind=str)
    talks = list(statement.build(nora, "talk"))
    assert talks and statement.first(child=nora, kind="talk") == talks[0]
    assert statement.first(child=nora, kind="no such kind") is None
    assert statement.first((0, 0), child=nora, kind="no such kind") == (0, 0)


@pytest.mark.django_db(transaction=True)
def test_one_plan_for_the_threads_each_bound_to_its_own_connection():
    """A worker's threads share what is compiled (a plan holds Django's compiler and the
    query: kept per connection, four threads held four copies), and each thread's rows
    are made with its own connection, never another's."""
    import threading

    household = Household.objects.create(name="Threads")
    statement = Statement(lambda household: Household.objects.filter(pk=household.pk),
                          household=Household)
    assert statement(household=household) == [household]
    mine = connections["default"]
    plan = statements.plans(mine)[statement]
    assert plan[2].connection is None  # the shared compiler holds no thread's connection
    seen = {}

    def other_thread():
        try:
            theirs = connections["default"]
            seen["rows"] = statement(household=household)
            seen["same plan"] = statements.plans(theirs)[statement] is plan
            seen["bound"] = theirs.nestwell_compilers[plan[2]].connection is theirs
            seen["not mine"] = theirs is not mine
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert seen == {"rows": [household], "same plan": True, "bound": True, "not mine": True}
    assert mine.nestwell_compilers[plan[2]].connection is mine
