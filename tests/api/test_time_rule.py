"""One rule for every time a person, a script or a file gives us (issue 12, finding 13):
not before 2000, not in the future, an end after its start, at most a day long."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.care import services as care
from nestwell.care.models import Cue
from nestwell.journal import services
from nestwell.journal.models import Moment

YEAR_ONE = "0001-01-01T00:00:00+05:00"
LAST_DAY = "9999-12-31T23:00:00Z"


def test_the_rule_itself():
    now = datetime(2026, 6, 1, 12, tzinfo=UTC)
    assert services.time_error(datetime(1999, 12, 31, 23, tzinfo=UTC), now)
    assert services.time_error(datetime(2000, 1, 1, tzinfo=UTC), now) is None
    assert services.time_error(now + timedelta(minutes=6), now)
    with pytest.raises(ValidationError) as caught:
        services.check_times(now - timedelta(hours=25), now, now=now)
    assert "at most 24 hours" in str(caught.value)


def test_the_api_refuses_year_one_and_the_last_day(api_for, alice, nora):
    client = api_for(alice)
    for started in (YEAR_ONE, LAST_DAY, "1999-06-01T10:00:00Z"):
        response = client.post("/api/v1/moments", {"child": nora.pk, "kind": "talk",
                                                   "started_at": started})
        assert response.status_code == 422, started
        assert "started_at" in response.data["error"]["fields"]
    assert not Moment.objects.exists()


def test_stopping_a_timer_through_the_api_checks_the_end(api_for, alice, nora):
    client = api_for(alice)
    started = client.post("/api/v1/moments", {"child": nora.pk, "kind": "feeding",
                                              "running": True}).data
    for ended in (LAST_DAY, (timezone.now() + timedelta(days=2)).isoformat()):
        response = client.post(f"/api/v1/moments/{started['id']}/stop", {"ended_at": ended})
        assert response.status_code == 422 and "ended_at" in response.data["error"]["fields"]
    assert Moment.objects.get().ended_at is None


def test_the_web_stop_never_stores_more_than_a_day(client_for, alice, nora):
    started = timezone.now() - timedelta(hours=30)
    timer = Moment.objects.create(household=nora.household, child=nora, kind="sleep",
                                  started_at=started, actor=alice, created_by=alice)
    client = client_for(alice)
    response = client.post(f"/moments/{timer.pk}/stop/", follow=True)
    timer.refresh_from_db()
    assert timer.ended_at is None  # nothing stored: she is asked when it ended
    assert "When did it end?" in response.content.decode()
    ended = timezone.localtime(started + timedelta(hours=9)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"/moments/{timer.pk}/stop/", {"ended_at": ended})
    timer.refresh_from_db()
    assert timedelta(hours=8) < timer.ended_at - timer.started_at <= timedelta(hours=9)


def test_cue_answers_obey_the_rule(api_for, alice, nora):
    client = api_for(alice)
    cry = client.post("/api/v1/cues", {"child": nora.pk, "signal": "cry"}).data
    assert client.post(f"/api/v1/cues/{cry['id']}/respond",
                       {"way": "held", "at": LAST_DAY}).status_code == 422
    assert client.post(f"/api/v1/cues/{cry['id']}/settle", {"at": LAST_DAY}).status_code == 422
    cue = Cue.objects.get()
    assert cue.responded_at is None and cue.closed_at is None
    with pytest.raises(ValidationError):
        care.respond(cue=cue, user=alice, way="held", at=datetime(9999, 12, 31, tzinfo=UTC))
    assert client.post("/api/v1/cues", {"child": nora.pk, "signal": "smile",
                                        "started_at": YEAR_ONE}).status_code == 422


def test_a_birth_in_year_one_is_refused(api_for, alice):
    response = api_for(alice).post("/api/v1/children", {"name": "Ada",
                                                         "birth_at": YEAR_ONE})
    assert response.status_code == 422
