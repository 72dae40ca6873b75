"""Nothing before a baby's story begins, and no browsing into days to come (issue 13,
item 10): one rule in services, met by the form, the API, the command line and imports."""

import json
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.care import services as care
from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.journal import services
from nestwell.journal.models import Moment

LONDON = ZoneInfo("Europe/London")


def london(instant):
    return timezone.localtime(instant, LONDON).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def bump(household):
    return Child.objects.create(household=household, name="Bump",
                                due_date=timezone.localdate() + timedelta(weeks=10))


def test_a_feed_before_the_birth_is_refused_in_the_form(client_for, alice, nora):
    before = nora.birth_at - timedelta(hours=3)
    page = client_for(alice).post(f"/moments/new/feeding/?child={nora.pk}", {
        "started_at": london(before), "ended_at": london(before + timedelta(minutes=20)),
        "actor": alice.pk, "method": "bottle"})
    assert page.status_code == 200
    assert "This is before Nora was born. Please check the date." in page.content.decode()
    assert not Moment.objects.exists()


def test_a_feed_before_the_birth_is_refused(alice, nora):
    with pytest.raises(ValidationError) as caught:
        services.log_moment(child=nora, kind="feeding", user=alice,
                            started_at=nora.birth_at - timedelta(days=3))
    assert "before Nora was born" in caught.value.messages[0]
    with pytest.raises(ValidationError):  # and 1900 by the one time rule as well
        services.log_moment(child=nora, kind="feeding", user=alice,
                            started_at=timezone.now().replace(year=1900))
    assert not Moment.objects.exists()


def test_a_moment_at_the_birth_itself_is_kept(alice, nora):
    services.log_moment(child=nora, kind="skin_to_skin", user=alice,
                        started_at=nora.birth_at, ended_at=nora.birth_at + timedelta(hours=1))
    assert Moment.objects.count() == 1


def test_a_letter_in_pregnancy_may_come_before_the_birth(alice, nora):
    Child.objects.filter(pk=nora.pk).update(due_date=nora.birth_at.date())
    nora.refresh_from_db()
    services.log_moment(child=nora, kind="letter", user=alice,
                        started_at=nora.birth_at - timedelta(weeks=20), note="Dear you")
    with pytest.raises(ValidationError) as caught:
        services.log_moment(child=nora, kind="letter", user=alice,
                            started_at=nora.birth_at - timedelta(weeks=46), note="Too soon")
    assert "long before Nora's due date" in caught.value.messages[0]
    assert Moment.objects.count() == 1


def test_bump_talk_before_due_minus_45_weeks_is_refused(alice, bump):
    early = timezone.now() - timedelta(weeks=36)  # due in 10 weeks: 46 weeks before
    with pytest.raises(ValidationError):
        services.log_moment(child=bump, kind="bump_talk", user=alice, started_at=early)
    services.log_moment(child=bump, kind="bump_talk", user=alice,
                        started_at=timezone.now() - timedelta(weeks=30))
    assert Moment.objects.count() == 1


def test_an_edit_cannot_move_a_moment_before_the_birth(alice, nora, moment):
    with pytest.raises(ValidationError):
        services.update_moment(moment, version=moment.version, kind=moment.kind,
                               started_at=nora.birth_at - timedelta(days=1),
                               ended_at=nora.birth_at - timedelta(days=1) + timedelta(hours=1),
                               actor=alice, details={}, note="")
    assert Moment.objects.get().started_at == moment.started_at


def test_a_cry_before_the_birth_is_refused(alice, nora):
    with pytest.raises(ValidationError):
        care.start_episode(child=nora, user=alice, at=nora.birth_at - timedelta(minutes=5))
    with pytest.raises(ValidationError):
        care.log_positive(child=nora, user=alice, signal="smile",
                          at=nora.birth_at - timedelta(minutes=5))
    assert not Cue.objects.exists()


def test_the_command_line_refuses_a_moment_before_the_birth(alice, nora, capsys):
    from tests.cli.test_data import run

    start = london(nora.birth_at - timedelta(days=2))
    assert run("log", "talk", "--child", "Nora", "--start", start,
               "--as", "alice@example.org") == 2
    assert "before Nora was born" in capsys.readouterr().err
    assert not Moment.objects.exists()


def test_an_import_row_before_the_birth_is_reported(household, alice, nora):
    from tests.test_export_import import export_bytes, import_bytes

    document = json.loads(export_bytes(household, alice))
    before = nora.birth_at - timedelta(days=3)
    document["moments"] = [{"id": "old", "child": "Nora", "kind": "feeding",
                            "started_at": before.isoformat(),
                            "ended_at": (before + timedelta(minutes=20)).isoformat(),
                            "details": {}}]
    report = import_bytes(household, alice, json.dumps(document).encode())
    assert not report.applied and report.rejected_count == 1
    assert "before Nora was born" in report.rejected[0][1]
    assert not Moment.objects.exists()


# --- the timeline never goes past today ------------------------------------------------

def test_the_timeline_has_no_next_day_from_today(client_for, alice, nora):
    html = client_for(alice).get(f"/timeline/?child={nora.pk}").content.decode()
    assert 'rel="next"' not in html and 'rel="prev"' in html


@pytest.mark.parametrize("future", [timedelta(days=1), timedelta(days=400)])
def test_a_future_day_shows_today_with_a_kind_word(client_for, alice, nora, future):
    day = (timezone.localdate() + future).isoformat()
    page = client_for(alice).get(f"/timeline/?child={nora.pk}&day={day}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "That day has not come yet; here is today." in html
    assert "<h1>Today</h1>" in html and 'rel="next"' not in html


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_days_at_the_edge_of_the_calendar_never_fail(client_for, alice, nora, day):
    page = client_for(alice).get(f"/timeline/?child={nora.pk}&day={day}")
    assert page.status_code == 200


def test_the_first_day_of_the_story_has_no_previous_day(client_for, alice, nora):
    first = services.earliest_day(nora)
    html = client_for(alice).get(
        f"/timeline/?child={nora.pk}&day={(first - timedelta(days=3)).isoformat()}"
    ).content.decode()
    assert "before Nora&#x27;s story begins" in html and 'rel="prev"' not in html
    assert first == date.fromordinal(nora.birth_at.date().toordinal() - 45 * 7)
