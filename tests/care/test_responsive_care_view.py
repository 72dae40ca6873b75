from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.care.models import Cue, Routine, RoutineStep


def episode(child, user, minutes_ago, respond=2, settle=12, ways=("rocked",), need=""):
    start = timezone.now() - timedelta(minutes=minutes_ago)
    return Cue.objects.create(household=child.household, child=child, signal="cry",
                              started_at=start, responded_at=start + timedelta(minutes=respond),
                              closed_at=start + timedelta(minutes=settle), outcome="settled",
                              ways=list(ways), need=need, responder=user)


def test_it_explains_without_grading(client_for, alice, bob, nora):
    episode(nora, alice, 60 * 5, respond=1, ways=("fed",), need="hunger")
    episode(nora, bob, 60 * 29, respond=3)
    episode(nora, bob, 60 * 53, respond=5)
    page = client_for(alice).get("/care/?days=14").content.decode()
    assert 'data-testid="response-median"' in page
    assert "3 min" in page  # the median of 1, 3 and 5 minutes
    assert "What seemed to help" in page
    for judging in ("should", "good job", "too slow", "score", "grade", "target"):
        assert judging not in page.lower()


def test_one_episode_is_told_as_one_and_a_middle_half_needs_a_few(client_for, alice, nora):
    """"Half of the 1 answered episodes were between 11 s and 11 s"."""
    client = client_for(alice)
    episode(nora, alice, 60, respond=2, settle=9)
    page = client.get("/care/?days=14").content.decode()
    assert "Answered after <strong>2 min</strong>, the one time so far." in page
    assert "It lasted <strong>9 min</strong>, the one time so far." in page
    assert "half of the" not in page and "middle half" not in page
    for minutes in (120, 180):
        episode(nora, alice, minutes, respond=4)
    page = client.get("/care/?days=14").content.decode()
    assert "Usually about" in page and "half of the" not in page and "the one time" not in page
    episode(nora, alice, 240, respond=6)
    page = client.get("/care/?days=14").content.decode()
    assert "(half of the 4 answered episodes were between" in page and "middle half" in page


def test_it_is_empty_and_kind_without_episodes(client_for, alice, nora):
    page = client_for(alice).get("/care/").content.decode()
    assert "No crying episodes in this period" in page


def test_another_household_never_sees_the_episodes(client_for, alice, mallory, nora, sam):
    episode(nora, alice, 30)
    page = client_for(mallory).get(f"/care/?child={nora.pk}").content.decode()
    assert "Nora" not in page and "No crying episodes" in page


def test_pages_cost_the_same_queries_with_few_or_many_episodes(client_for, alice, nora):
    client = client_for(alice)
    routine = Routine.objects.create(household=nora.household, child=nora, name="Bedtime")
    RoutineStep.objects.create(routine=routine, kind="bath", at="18:30")
    episode(nora, alice, 30)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = ("/", "/timeline/", "/care/?days=28", "/routines/")
    few = {url: count(url) for url in urls}
    for i in range(80):
        episode(nora, alice, 40 + i * 200)
        Cue.objects.create(household=nora.household, child=nora, signal="smile",
                           started_at=timezone.now() - timedelta(minutes=5 + i),
                           closed_at=timezone.now() - timedelta(minutes=5 + i))
    RoutineStep.objects.create(routine=routine, kind="feeding", at="19:00")
    Routine.objects.create(household=nora.household, child=nora, name="Morning")
    many = {url: count(url) for url in urls}
    assert many == few


def test_it_says_who_sees_the_cries_and_that_her_wellbeing_stays_hers(client_for, alice,
                                                                      nora):
    """Kayla, 19, saw her mum read "answered after 9 s · Kayla" and had never been told."""
    page = client_for(alice).get("/care/").content.decode()
    line = page.split('data-testid="care-seen-by"')[1].split("</p>")[0]
    assert "Everyone in your household sees the cries" in line
    assert "stay yours unless you share them" in line


def test_hours_are_on_her_clock(client_for, alice, nora):
    # Rachel, on a 12-hour clock, read "It gathered most around 17:00" and an axis of
    # 0, 6, 12, 18 beside "5:00 PM" everywhere else.
    episode(nora, alice, 60 * 3)
    client = client_for(alice)
    page = client.get("/care/?days=14").content.decode()
    assert ":00</strong>" in page and "PM</strong>" not in page and ">18<" in page
    alice.clock = 12
    alice.save()
    page = client.get("/care/?days=14").content.decode()
    busiest = page.split('data-testid="busiest"')[1].split("</p>")[0]
    assert busiest.count("AM</strong>") + busiest.count("PM</strong>") >= 1
    assert ">6 PM<" in page and ">18<" not in page


def test_a_middle_half_of_one_length_is_not_said(client_for, alice, nora):
    for minutes in (60, 200, 900, 1500):
        episode(nora, alice, minutes, respond=2, settle=9)
    page = client_for(alice).get("/care/?days=14").content.decode()
    assert "between 2 min and 2 min" not in page and "middle half" not in page
    assert "Usually about <strong>2 min</strong>" in page
    episode(nora, alice, 2000, respond=8, settle=30)
    episode(nora, alice, 2100, respond=9, settle=40)
    assert "answered episodes were between" in client_for(alice).get(
        "/care/?days=14").content.decode()
