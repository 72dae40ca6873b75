"""The journal over the API: the same rules as the app, errors as JSON."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.journal.models import Moment


def test_log_list_and_page(api_for, alice, nora):
    client = api_for(alice)
    for minutes in (30, 20, 10):
        start = timezone.now() - timedelta(minutes=minutes)
        assert client.post("/api/v1/moments", {"child": nora.pk, "kind": "talk",
                                               "started_at": start.isoformat()}
                           ).status_code == 201
    page = client.get("/api/v1/moments?limit=2").data
    # How many in all only when asked for (it reads every match); the next page always.
    assert page["count"] is None and page["next_offset"] == 2 and len(page["items"]) == 2
    assert page["items"][0]["started_at"] > page["items"][1]["started_at"]
    assert client.get("/api/v1/moments?limit=2&count=true").data["count"] == 3
    rest = client.get("/api/v1/moments?limit=2&offset=2").data
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    assert client.get("/api/v1/moments?limit=3").data["next_offset"] is None  # exactly all
    assert client.get("/api/v1/moments?limit=0").status_code == 422
    assert client.get("/api/v1/moments?limit=501").status_code == 422
    assert Moment.objects.get(pk=rest["items"][0]["id"]).source == "api"


def test_filter_by_child_kind_and_window(api_for, alice, nora, household):
    from nestwell.children.models import Child

    twin = Child.objects.create(household=household, name="Ada",
                                birth_at=timezone.now() - timedelta(days=30))
    client = api_for(alice)
    client.post("/api/v1/moments", {"child": nora.pk, "kind": "cuddle"})
    client.post("/api/v1/moments", {"child": twin.pk, "kind": "cuddle"})
    client.post("/api/v1/moments", {"child": twin.pk, "kind": "talk",
                                    "started_at": (timezone.now() - timedelta(days=3))
                                    .isoformat()})
    assert client.get(f"/api/v1/moments?child={twin.pk}&count=1").data["count"] == 2
    assert len(client.get(f"/api/v1/moments?child={twin.pk}&kind=talk").data["items"]) == 1
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert client.get(f"/api/v1/moments?since={since.replace('+', '%2B')}&count=true"
                      ).data["count"] == 2


def test_a_time_without_a_zone_is_the_households(api_for, alice, nora):
    day = timezone.localdate() - timedelta(days=2)  # after Nora's birth, before today
    response = api_for(alice).post("/api/v1/moments", {
        "child": nora.pk, "kind": "talk", "started_at": f"{day.isoformat()}T09:00:00"})
    saved = Moment.objects.get(pk=response.data["id"])
    assert saved.started_at == datetime(day.year, day.month, day.day, 9,
                                        tzinfo=ZoneInfo("Europe/London"))


def test_a_timer_starts_stops_and_shows_in_timers(api_for, alice, nora):
    client = api_for(alice)
    started = client.post("/api/v1/moments", {"child": nora.pk, "kind": "feeding",
                                              "running": True,
                                              "details": {"method": "breast", "side": "left"}})
    assert started.status_code == 201 and started.data["running"]
    assert [t["id"] for t in client.get("/api/v1/timers").data] == [started.data["id"]]
    again = client.post("/api/v1/moments", {"child": nora.pk, "kind": "feeding",
                                            "running": True})
    assert again.status_code == 409 and "already running" in again.data["error"]["message"]
    stopped = client.post(f"/api/v1/moments/{started.data['id']}/stop",
                          {"details": {"eye_contact": True}})
    assert stopped.data["running"] is False and stopped.data["details"]["eye_contact"]
    assert client.post(f"/api/v1/moments/{started.data['id']}/stop").status_code == 422


def test_a_letter_or_a_note_is_words_at_one_moment(api_for, alice, nora):
    api = api_for(alice)
    running = api.post("/api/v1/moments", {"child": nora.pk, "kind": "letter",
                                           "note": "Dear Nora", "running": True})
    assert running.status_code == 422 and "running" in running.data["error"]["fields"]
    empty = api.post("/api/v1/moments", {"child": nora.pk, "kind": "note", "note": "  "})
    assert empty.status_code == 422 and "note" in empty.data["error"]["fields"]
    assert not Moment.objects.exists()
    assert api.post("/api/v1/moments", {"child": nora.pk, "kind": "note",
                                        "note": "First bath"}).status_code == 201


def test_details_are_checked_like_the_form(api_for, alice, nora):
    response = api_for(alice).post("/api/v1/moments", {
        "child": nora.pk, "kind": "feeding", "details": {"method": "bottle", "side": "left"}})
    assert response.status_code == 422
    assert response.data["error"]["fields"] == {"side": ["A side only goes with a breastfeed."]}
    assert not Moment.objects.exists()


def test_bad_input_never_500s(api_for, alice, nora):
    client = api_for(alice)
    for body in ({}, {"child": "x", "kind": "talk"}, {"child": nora.pk, "kind": "nope"},
                 {"child": nora.pk, "kind": "talk", "started_at": "yesterday"},
                 {"child": nora.pk, "kind": "talk", "started_at": "2999-01-01T00:00:00Z"},
                 {"child": nora.pk, "kind": "talk", "note": "x" * 2001},
                 {"child": 10**12, "kind": "talk"}):
        response = client.post("/api/v1/moments", body)
        assert response.status_code in (404, 422), body
        assert set(response.data["error"]) == {"code", "message", "fields"}
    raw = client.client.post("/api/v1/moments", data="{not json", content_type="application/json",
                             headers=client.headers)
    assert raw.status_code in (400, 422)
    assert not Moment.objects.exists()


def test_a_stale_edit_is_a_409(api_for, alice, bob, moment):
    first = api_for(alice).patch(f"/api/v1/moments/{moment.pk}", {"version": 1, "note": "A"})
    assert first.status_code == 200 and first.data["version"] == 2
    late = api_for(bob).patch(f"/api/v1/moments/{moment.pk}", {"version": 1, "note": "B"})
    assert late.status_code == 409 and late.data["error"]["code"] == "stale"
    moment.refresh_from_db()
    assert moment.note == "A"
    # The app shows the latest version beside its words; the API says how to get it.
    assert "read it again (GET)" in late.data["error"]["message"]
    assert "Here is" not in late.data["error"]["message"]


def test_a_patch_that_changes_nothing_keeps_the_version(api_for, alice, moment):
    api = api_for(alice)
    same = api.patch(f"/api/v1/moments/{moment.pk}", {"version": 1})
    assert same.status_code == 200 and same.data["version"] == 1
    same = api.patch(f"/api/v1/moments/{moment.pk}", {"version": 1, "note": moment.note})
    assert same.data["version"] == 1
    assert api.patch(f"/api/v1/moments/{moment.pk}", {"version": 1, "note": "Calm"}).data[
        "version"] == 2
    # A stale version is still a 409, even when it would change nothing.
    assert api.patch(f"/api/v1/moments/{moment.pk}", {"version": 1}).status_code == 409


def test_running_in_a_patch_runs_again_or_stops_and_never_passes_unheard(api_for, alice,
                                                                        nora):
    """{"running": true} on a stopped bath answered 200 and left it stopped; {"running":
    false} on a running timer made it a moment of no length at its start."""
    api = api_for(alice)
    start = timezone.now() - timedelta(minutes=20)
    bath = api.post("/api/v1/moments", {"child": nora.pk, "kind": "bath", "running": True,
                                        "started_at": start.isoformat()}).data
    stopped = api.patch(f"/api/v1/moments/{bath['id']}", {"version": bath["version"],
                                                           "running": False}).data
    assert stopped["running"] is False
    length = datetime.fromisoformat(stopped["ended_at"]) - start
    assert timedelta(minutes=19) < length < timedelta(minutes=30), length
    again = api.patch(f"/api/v1/moments/{bath['id']}", {"version": stopped["version"],
                                                        "running": True})
    assert again.status_code == 200 and again.data["running"] and again.data["ended_at"] is None
    both = api.patch(f"/api/v1/moments/{bath['id']}", {
        "version": again.data["version"], "running": True,
        "ended_at": timezone.now().isoformat()})
    assert both.status_code == 422 and "running" in both.data["error"]["fields"]
    talk = api.post("/api/v1/moments", {"child": nora.pk, "kind": "talk"}).data
    refused = api.patch(f"/api/v1/moments/{talk['id']}", {"version": talk["version"],
                                                           "running": True})
    assert refused.status_code == 422
    assert "not timed" in refused.data["error"]["fields"]["running"][0]
    assert Moment.objects.get(pk=talk["id"]).version == talk["version"]


def test_an_external_id_twice_is_a_409(api_for, alice, nora):
    client = api_for(alice)
    body = {"child": nora.pk, "kind": "talk", "external_id": "bb-123"}
    assert client.post("/api/v1/moments", body).status_code == 201
    assert client.post("/api/v1/moments", body).status_code == 409
    assert Moment.objects.count() == 1


def test_someone_elses_private_letter_is_not_in_the_api(api_for, alice, bob, nora):
    written = api_for(alice).post("/api/v1/moments", {"child": nora.pk, "kind": "letter",
                                                      "note": "Dear you, Quillfeather"})
    assert written.status_code == 201
    bobs = api_for(bob)
    assert "Quillfeather" not in bobs.get("/api/v1/moments").content.decode()
    assert bobs.get(f"/api/v1/moments/{written.data['id']}").status_code == 404


def test_a_crying_episode_over_the_api(api_for, alice, nora):
    client = api_for(alice)
    cry = client.post("/api/v1/cues", {"child": nora.pk, "signal": "cry", "need": "hunger"})
    assert cry.status_code == 201 and cry.data["closed_at"] is None
    assert client.post("/api/v1/cues", {"child": nora.pk, "signal": "cry"}).status_code == 409
    answered = client.post(f"/api/v1/cues/{cry.data['id']}/respond", {"way": "fed"})
    assert answered.data["ways"] == ["fed"] and answered.data["responded_at"]
    settled = client.post(f"/api/v1/cues/{cry.data['id']}/settle", {})
    assert settled.data["outcome"] == "settled"
    assert client.get(f"/api/v1/cues?child={nora.pk}&kind=cry&count=true").data["count"] == 1


def test_routines_round_trip(api_for, alice, nora):
    client = api_for(alice)
    made = client.post("/api/v1/routines", {"child": nora.pk, "name": "Bedtime", "steps": [
        {"kind": "bath", "at": "18:30"}, {"kind": "feeding", "at": "19:00",
                                          "tolerance_minutes": 30}]})
    assert made.status_code == 201
    assert [s["kind"] for s in made.data["steps"]] == ["bath", "feeding"]
    bad = client.patch(f"/api/v1/routines/{made.data['id']}",
                       {"steps": [{"kind": "juggling", "at": "19:00"}]})
    assert bad.status_code == 422
    assert len(client.get(f"/api/v1/routines/{made.data['id']}").data["steps"]) == 2


def test_children_are_validated_like_the_form(api_for, alice):
    client = api_for(alice)
    assert client.post("/api/v1/children", {"name": "Ivy"}).status_code == 422
    due = (timezone.localdate() + timedelta(weeks=20)).isoformat()
    made = client.post("/api/v1/children", {"name": "Ivy", "due_date": due})
    assert made.status_code == 201 and made.data["born"] is False


def test_list_queries_do_not_grow_with_the_data(api_for, alice, nora,
                                                django_assert_max_num_queries):
    client = api_for(alice)
    now = timezone.now()
    Moment.objects.bulk_create([
        Moment(household=nora.household, child=nora, kind="talk",
               started_at=now - timedelta(minutes=i), ended_at=now - timedelta(minutes=i))
        for i in range(150)])
    for path in ("/api/v1/moments?limit=100", "/api/v1/cues", "/api/v1/routines",
                 "/api/v1/children", "/api/v1/timers"):
        with django_assert_max_num_queries(6):
            assert client.get(path).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_quick_log_is_five_statements(api_for, alice, nora):
    """Each statement is a round trip on PostgreSQL: the token with its person, the baby,
    and the insert in its transaction (no savepoint inside it)."""
    client = api_for(alice)
    client.post("/api/v1/moments", {"child": nora.pk, "kind": "talk"})  # the token's first use
    with CaptureQueriesContext(connection) as seen:
        assert client.post("/api/v1/moments", {"child": nora.pk, "kind": "talk"}
                           ).status_code == 201
    kinds = [q["sql"].split()[0] for q in seen.captured_queries]
    assert kinds == ["SELECT", "SELECT", "BEGIN", "INSERT", "COMMIT"], kinds


def test_a_control_character_is_refused_not_stored(api_for, alice, nora):
    client = api_for(alice)
    response = client.post("/api/v1/moments", {"child": nora.pk, "kind": "sing",
                                               "note": "la\x00la"})
    assert response.status_code == 422 and "note" in response.data["error"]["fields"]
    response = client.post("/api/v1/moments", {"child": nora.pk, "kind": "sing",
                                               "details": {"song": "a\x00b"}})
    assert response.status_code == 422 and "song" in response.data["error"]["fields"]
    assert not Moment.objects.exists()


def test_a_private_letter_started_running_stays_hers(api_for, client_for, alice, bob, nora):
    """Issue 12, finding 15: the timers list and strip obey readable_by too. A letter can no
    longer be started as a timer, but one kept from before (or imported) still runs."""
    assert api_for(alice).post("/api/v1/moments", {
        "child": nora.pk, "kind": "letter", "running": True,
        "note": "Dear you, Quillfeather"}).status_code == 422
    letter = Moment.objects.create(household=nora.household, child=nora, kind="letter",
                                   started_at=timezone.now() - timedelta(minutes=5),
                                   actor=alice, created_by=alice, note="Dear you, Quillfeather")
    assert [t["id"] for t in api_for(alice).get("/api/v1/timers").data] == [letter.pk]
    assert api_for(bob).get("/api/v1/timers").data == []
    bobs = client_for(bob)
    for path in ("/timers/", "/"):
        assert 'data-testid="timer"' not in bobs.get(path).content.decode(), path
    assert "Letter to baby" not in bobs.get("/insights/").content.decode()
    assert bobs.post(f"/moments/{letter.pk}/stop/").status_code == 404


def test_the_api_refuses_a_moment_before_the_birth(api_for, alice, nora):
    response = api_for(alice).post("/api/v1/moments", {
        "child": nora.pk, "kind": "feeding",
        "started_at": (nora.birth_at - timedelta(days=2)).isoformat()})
    assert response.status_code == 422
    assert "before Nora was born" in str(response.data)
    assert not Moment.objects.exists()


def test_a_stop_or_a_settle_with_no_body_at_all_means_now(api_for, alice, nora, client):
    """`curl -X POST …/stop` sends no body and no content type: it stops the timer now, as
    `{}` does, rather than asking for a field nobody named."""
    from nestwell.accounts.models import ApiToken

    api = api_for(alice)
    header = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(alice, nora.household, 'sh').token}"}
    started = api.post("/api/v1/moments", {"child": nora.pk, "kind": "feeding",
                                           "running": True})
    stopped = client.generic("POST", f"/api/v1/moments/{started.data['id']}/stop", **header)
    assert stopped.status_code == 200 and stopped.json()["running"] is False
    cue = api.post("/api/v1/cues", {"child": nora.pk, "signal": "cry"})
    assert cue.status_code == 201
    settled = client.generic("POST", f"/api/v1/cues/{cue.data['id']}/settle", **header)
    assert settled.status_code == 200 and settled.json()["outcome"] == "settled"


def test_a_feed_sent_with_a_side_alone_is_a_breastfeed(api_for, alice, nora):
    """Aoife's script sent {"side": "left"} with no method: Today read "left", and the
    report had no breastfeeds by side."""
    made = api_for(alice).post("/api/v1/moments", {
        "child": nora.pk, "kind": "feeding", "details": {"side": "left"},
        "started_at": (timezone.now() - timedelta(hours=2)).isoformat(),
        "ended_at": (timezone.now() - timedelta(hours=1, minutes=45)).isoformat()})
    assert made.status_code == 201
    assert made.data["details"] == {"method": "breast", "side": "left"}
    refused = api_for(alice).post("/api/v1/moments", {
        "child": nora.pk, "kind": "feeding", "details": {"side": "left", "method": "bottle"}})
    assert refused.status_code == 422


def test_a_cry_of_weeks_ago_answered_with_a_feed_starts_no_timer(api_for, alice, nora):
    """Sofía's walk: past cries answered "fed" and "skin_to_skin" through the API left two
    timers running from weeks before, and her report counted 22 hours of skin-to-skin a
    day. An answer noted long after keeps its way on the episode and starts no timer; one
    noted now starts it, as a tap does."""
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.journal.models import Moment

    client = api_for(alice)
    then = timezone.now() - timedelta(days=20)
    cry = client.post("/api/v1/cues", {"child": nora.pk, "signal": "cry",
                                       "started_at": then.isoformat()})
    assert cry.status_code == 201, cry.data
    for way, minutes in (("fed", 2), ("skin_to_skin", 3)):
        answered = client.post(f"/api/v1/cues/{cry.data['id']}/respond", {
            "way": way, "at": (then + timedelta(minutes=minutes)).isoformat()})
        assert answered.status_code == 200 and way in answered.data["ways"]
    assert not Moment.objects.running().exists()
    client.post(f"/api/v1/cues/{cry.data['id']}/settle",
                {"at": (then + timedelta(minutes=30)).isoformat()})
    now_cry = client.post("/api/v1/cues", {"child": nora.pk, "signal": "cry"})
    client.post(f"/api/v1/cues/{now_cry.data['id']}/respond", {"way": "fed"})
    assert list(Moment.objects.running().values_list("kind", flat=True)) == ["feeding"]
