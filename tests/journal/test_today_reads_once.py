"""Today reads the day's entries once: the nappy and pumping cards count what the page read
for its list (contributions.read_today) instead of asking the database again, and give
the same counts as when they ask (another page, another child, a day longer than the
list). The forms on Today link to their own addresses, made once a page."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nestwell.accounts import measures
from nestwell.health.models import Nappy
from nestwell.journal import contributions
from nestwell.milk import services as milk
from nestwell.milk.models import PumpingSession

# 10:00 in London in March (UTC+0 then): well inside one local day.
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
# The cards' own reads, when they ask (health.services.nappy_days, milk.services.day_totals)
NAPPY_CARD = 'SELECT "health_nappy"."kind" AS "kind"'
PUMPING_CARD = 'COUNT("milk_pumpingsession"."id")'


@pytest.fixture
def at_ten(monkeypatch, nora):
    nora.birth_at = NOW - timedelta(days=30)  # a month old then
    nora.save(update_fields=["birth_at"])
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def nappies(child, user, kinds, at):
    for n, kind in enumerate(kinds):
        Nappy.objects.create(household=child.household, child=child, kind=kind,
                             changed_at=at - timedelta(minutes=n), created_by=user)


def today_page(client):
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/").content.decode()
    return page, [q["sql"] for q in ctx.captured_queries]


def test_the_cards_count_what_today_read_without_asking_again(client_for, alice, nora,
                                                              at_ten):
    nappies(nora, alice, ["wet", "dirty", "both"], NOW - timedelta(hours=1))
    nappies(nora, alice, ["wet"], NOW - timedelta(hours=11))  # 23:00 yesterday
    for minutes_ago, ml in ((30, 70), (200, None), (12 * 60, 500)):  # the last, yesterday
        milk.add_session(child=nora, user=alice, started_at=NOW - timedelta(minutes=minutes_ago),
                         amount_ml=ml)
    page, queries = today_page(client_for(alice))
    assert "Today so far: 3 nappies (2 wet, 2 dirty)." in page
    assert f"Pumped today: 2 times, {measures.volume(70)}." in page
    # The list's own reads, and no second one of the day's nappies or pumping.
    assert not any(q.startswith(NAPPY_CARD) or PUMPING_CARD in q for q in queries)


def test_a_day_longer_than_the_list_is_counted_in_full(client_for, alice, nora, at_ten):
    # Today's list shows the newest 50 of each kind; the card counts all of them.
    nappies(nora, alice, ["wet"] * 55, NOW - timedelta(minutes=5))
    page, queries = today_page(client_for(alice))
    assert "Today so far: 55 nappies (55 wet, 0 dirty)." in page
    assert sum(q.startswith(NAPPY_CARD) for q in queries) == 1


def test_what_today_read_serves_only_its_own_child(rf, alice, nora, household):
    from nestwell.children.models import Child

    twin = Child.objects.create(household=household, name="Nell", birth_at=nora.birth_at)
    request = rf.get("/")
    assert contributions.read_today(request, Nappy, nora) is None  # not the home page
    read = [object()]
    contributions.lend(request, contributions.Read(child_pk=nora.pk, day=NOW.date(),
                                                   timers=[], children=[nora, twin],
                                                   entries={Nappy: read}))
    assert contributions.read_today(request, Nappy, nora) == (NOW.date(), read)
    assert contributions.read_today(request, Nappy, twin) is None
    assert contributions.read_today(request, PumpingSession, nora) is None  # cut: not there


def test_today_links_every_kind_to_its_own_form(client_for, alice, nora):
    """The forms' addresses are made once for all kinds; each is still its own."""
    from django.urls import reverse

    from nestwell.journal.kinds import BORN, kinds_for_stage

    page = client_for(alice).get("/").content.decode()
    for kind in kinds_for_stage(BORN):
        url = reverse("journal:moment_add", args=[kind.code])
        assert f'href="{url}?child={nora.pk}"' in page, kind.code
    nappy = reverse("health:nappy_quick")
    assert page.count(f'action="{nappy}"') == page.count('data-testid="nappy-')
