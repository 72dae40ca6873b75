from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from nestwell.children.models import Child
from nestwell.journal.models import Moment

UTC = ZoneInfo("UTC")


def add(child, user, kind, at, minutes=0):
    return Moment.objects.create(household=child.household, child=child, kind=kind,
                                 started_at=at, ended_at=at + timedelta(minutes=minutes),
                                 actor=user, created_by=user)


def _born_in_spring_2026(nora):
    """These tests use fixed days of 2026: a baby born "30 days ago" (the fixture) would,
    from mid-2027, be born long after them, and the timeline stops 45 weeks before birth."""
    Child.objects.filter(pk=nora.pk).update(birth_at=datetime(2026, 5, 1, tzinfo=UTC))


def test_the_timeline_groups_by_the_households_day(client_for, alice, nora):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST)
    _born_in_spring_2026(nora)
    add(nora, alice, "feeding", datetime(2026, 6, 30, 23, 30, tzinfo=UTC), 20)
    add(nora, alice, "talk", datetime(2026, 6, 30, 22, 0, tzinfo=UTC))
    client = client_for(alice)
    july_first = client.get("/timeline/?day=2026-07-01").content.decode()
    assert 'data-kind="feeding"' in july_first
    assert ">00:30<" in july_first
    assert 'data-kind="talk"' not in july_first
    june_30 = client.get("/timeline/?day=2026-06-30").content.decode()
    assert 'data-kind="talk"' in june_30 and ">23:00<" in june_30


def test_the_clocks_going_back_keep_every_moment_once(client_for, alice, nora):
    # 25 October 2026: 01:00–02:00 happens twice in London
    _born_in_spring_2026(nora)
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)   # 01:30 BST
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 01:30 GMT
    add(nora, alice, "sing", first)
    add(nora, alice, "read", second)
    add(nora, alice, "cuddle", datetime(2026, 10, 25, 23, 30, tzinfo=UTC))  # 23:30 GMT
    day = client_for(alice).get("/timeline/?day=2026-10-25").content.decode()
    assert day.count('data-testid="moment"') == 3
    assert day.count(">01:30<") == 2


def test_a_nonsense_day_shows_today(client_for, alice, nora):
    response = client_for(alice).get("/timeline/?day=yesterday-ish")
    assert response.status_code == 200
    assert "<h1>Today</h1>" in response.content.decode()


def test_removed_moments_are_not_shown(client_for, alice, nora):
    m = add(nora, alice, "talk", timezone.now() - timedelta(minutes=5))
    Moment.objects.filter(pk=m.pk).update(deleted_at=timezone.now())
    page = client_for(alice).get("/timeline/").content.decode()
    assert 'data-testid="moment"' not in page


def test_another_households_moments_never_appear(client_for, mallory, alice, nora, sam):
    add(nora, alice, "talk", timezone.now() - timedelta(minutes=5))
    client = client_for(mallory)
    page = client.get(f"/timeline/?child={nora.pk}").content.decode()
    assert "Nora" not in page
    assert 'data-testid="moment"' not in page


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_pages_cost_the_same_queries_with_little_or_much_data(client_for, alice, bob, nora):
    client = client_for(alice)
    now = timezone.now()
    add(nora, alice, "talk", now - timedelta(minutes=1))
    few = {url: count_queries(client, url)
           for url in ("/", "/timeline/", "/timers/")}
    for i in range(60):
        add(nora, alice if i % 2 else bob, "talk", now - timedelta(minutes=2 + i))
    for kind in ("skin_to_skin", "feeding", "sleep"):
        Moment.objects.create(household=nora.household, child=nora, kind=kind,
                              started_at=now - timedelta(minutes=3), actor=bob, created_by=bob)
    many = {url: count_queries(client, url)
            for url in ("/", "/timeline/", "/timers/")}
    assert many == few


def test_a_note_of_harm_shows_whoever_reads_it_how_to_help(client_for, alice, bob, carol,
                                                          nora):
    """Ben's and Anna's walks: their words of harm, on a dose or a moment, were read by a
    mother-in-law and a friend on Today as ordinary entries. Under such a note, whoever
    reads it is shown how to help; the baby named counts too; a calm note shows nothing."""
    from nestwell.journal import services as journal

    # Today's first seconds: on Today and on today's timeline, whatever the hour of the run.
    at = timezone.localtime().replace(hour=0, minute=0, second=1, microsecond=0)
    journal.log_moment(child=nora, kind="talk", user=alice, started_at=at,
                       note=f"so tired. scared I'll hurt {nora.name}")
    journal.log_moment(child=nora, kind="sing", user=alice, started_at=at,
                       note="lullabies all evening")
    day = at.date().isoformat()
    for person in (bob, carol, alice):
        for path in ("/", f"/timeline/?day={day}&child={nora.pk}"):
            page = client_for(person).get(path).content.decode()
            assert page.count('data-testid="note-help"') == 1, (person, path)
            assert 'href="/support/#someone-title"' in page
