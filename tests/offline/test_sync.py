"""POST /api/v1/sync: what a phone kept offline reaches the server once, whatever happens
on the way (a retry, two tabs, a second phone), and what cannot be saved is said."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.journal.models import Moment
from nestwell.offline.models import SyncReceipt
from nestwell.offline.services import MAX_ENTRIES
from nestwell.wellbeing.models import CheckIn
from tests.test_query_budgets import grow


def at(minutes_ago):
    # The device's own time with its offset (a phone in Paris, one hour ahead of UTC).
    tz = timezone.get_fixed_timezone(60)
    return (timezone.now() - timedelta(minutes=minutes_ago)).astimezone(tz).isoformat()


def entry(type_, minutes_ago=10, **fields):
    return {"id": str(uuid.uuid4()), "type": type_, "at": at(minutes_ago), **fields}


def send(api, *entries, person=None):
    body = {"entries": list(entries)}
    if person is not None:
        body["person"] = person
    return api.post("/api/v1/sync", body)


def statuses(response):
    return [r["status"] for r in response.data["results"]]


def test_a_moment_is_created_once_however_often_it_is_sent(api_for, alice, nora):
    api = api_for(alice)
    talk = entry("quick", child=nora.pk, kind="talk")
    assert statuses(send(api, talk)) == ["created"]
    assert statuses(send(api, talk)) == ["already_there"]
    assert Moment.objects.filter(child=nora, kind="talk").count() == 1


def test_the_device_time_and_its_offset_are_kept(api_for, alice, nora):
    talk = entry("quick", child=nora.pk, kind="talk", minutes_ago=30)
    send(api_for(alice), talk)
    moment = Moment.objects.get(child=nora, kind="talk")
    assert abs(moment.started_at - (timezone.now() - timedelta(minutes=30))) < \
        timedelta(minutes=1)


def test_a_timer_started_and_stopped_offline(api_for, alice, nora):
    start = entry("quick", 20, child=nora.pk, kind="skin_to_skin")
    stop = entry("stop", 5, timer=start["id"])
    response = send(api_for(alice), start, stop)
    assert statuses(response) == ["created", "created"]
    moment = Moment.objects.get(child=nora, kind="skin_to_skin")
    assert abs(moment.ended_at - moment.started_at - timedelta(minutes=15)) < timedelta(seconds=1)


def test_a_timer_started_on_one_phone_is_stopped_on_another(api_for, alice, bob, nora):
    start = entry("quick", 30, child=nora.pk, kind="feeding",
                  details={"method": "breast", "side": "left"})
    assert statuses(send(api_for(alice), start)) == ["created"]
    # Bob's phone knew the timer by Alice's phone's id, or by the server's id: both work.
    by_device = entry("stop", 10, timer=start["id"])
    assert statuses(send(api_for(bob), by_device)) == ["created"]
    feed = Moment.objects.get(child=nora, kind="feeding")
    assert feed.ended_at is not None
    # Alice stopped it too, later, on her own phone: it stays one feed with Bob's end.
    again = send(api_for(alice), entry("stop", 5, moment=feed.pk))
    assert statuses(again) == ["already_there"]
    assert "already been stopped" in again.data["results"][0]["reason"]
    assert Moment.objects.filter(child=nora, kind="feeding").count() == 1


def test_a_stop_kept_offline_ends_the_timer_even_when_another_phone_stopped_it_later(
        api_for, alice, bob, nora):
    """Alice stopped the bottle offline 20 minutes ago; Bob, whose phone still showed it
    running, stopped it 5 minutes ago. It ended when Alice stopped it, with her amount."""
    from nestwell.journal import services as journal

    bottle = journal.start_timer(child=nora, kind="feeding", user=alice,
                                 details={"method": "bottle"},
                                 started_at=timezone.now() - timedelta(minutes=40))
    journal.stop_timer(moment=bottle, ended_at=timezone.now() - timedelta(minutes=5))
    version = Moment.objects.get(pk=bottle.pk).version
    response = send(api_for(alice), entry("stop", 20, moment=bottle.pk,
                                          details={"amount_ml": 90, "eye_contact": True}))
    assert statuses(response) == ["already_there"]
    assert "keeps the time you stopped it here" in response.data["results"][0]["reason"]
    bottle.refresh_from_db()
    assert abs(bottle.ended_at - (timezone.now() - timedelta(minutes=20))) < \
        timedelta(minutes=1)
    assert bottle.details["amount_ml"] == 90 and bottle.details["method"] == "bottle"
    assert bottle.version == version + 1
    # Sent again (a retry), nothing changes; a stop within seconds of the start, or later
    # than the saved end, leaves the end as it is.
    for again in (entry("stop", 20, moment=bottle.pk),
                  entry("stop", 40 - 1 / 60, moment=bottle.pk),
                  entry("stop", 2, moment=bottle.pk)):
        assert statuses(send(api_for(bob), again)) == ["already_there"]
    assert Moment.objects.get(pk=bottle.pk).ended_at == bottle.ended_at
    assert Moment.objects.filter(child=nora, kind="feeding").count() == 1


def test_two_phones_starting_the_same_timer_give_one(api_for, alice, bob, nora):
    send(api_for(alice), entry("quick", 12, child=nora.pk, kind="skin_to_skin"))
    response = send(api_for(bob), entry("quick", 10, child=nora.pk, kind="skin_to_skin"))
    assert statuses(response) == ["already_there"]
    assert Moment.objects.filter(child=nora, kind="skin_to_skin").count() == 1


def test_the_crying_flow_offline(api_for, alice, nora):
    cry = entry("crying", 20, child=nora.pk)
    respond = entry("respond", 18, episode=cry["id"], way="rocked")
    settle = entry("settle", 5, episode=cry["id"], outcome="settled")
    assert statuses(send(api_for(alice), cry, respond, settle)) == ["created"] * 3
    cue = Cue.objects.get(child=nora, signal="cry")
    assert cue.ways == ["rocked"]
    assert abs(cue.closed_at - cue.started_at - timedelta(minutes=15)) < timedelta(seconds=1)


def test_a_refused_entry_says_why_and_leaves_the_others(api_for, alice, nora):
    good = entry("quick", child=nora.pk, kind="talk")
    future = entry("quick", -60, child=nora.pk, kind="sing")
    unknown = entry("quick", child=nora.pk, kind="juggling")
    response = send(api_for(alice), good, future, unknown)
    assert statuses(response) == ["created", "refused", "refused"]
    assert response.data["results"][1]["reason"] == "This time is in the future."
    assert response.data["results"][2]["reason"] == "This kind of moment does not exist."
    assert Moment.objects.filter(child=nora).count() == 1
    assert SyncReceipt.objects.count() == 1


def test_a_stop_for_a_timer_that_never_arrived_is_refused(api_for, alice, nora):
    response = send(api_for(alice), entry("stop", timer=str(uuid.uuid4())))
    assert statuses(response) == ["refused"]
    assert response.data["results"][0]["code"] == "not_found"


def test_a_timer_or_cry_gone_before_the_rest_of_the_queue_arrives(api_for, alice, nora):
    """A stop or an answer names its timer or cry by the phone's id; when that row is gone
    meanwhile (removed for good on another phone), it is refused with the reason."""
    api = api_for(alice)
    timer = entry("quick", 30, child=nora.pk, kind="skin_to_skin")
    cry = entry("crying", 20, child=nora.pk)
    assert statuses(send(api, timer, cry)) == ["created", "created"]
    Moment.objects.filter(child=nora).delete()
    Cue.objects.filter(child=nora).delete()
    response = send(api, entry("stop", 10, timer=timer["id"]),
                    entry("respond", 19, episode=cry["id"], way="rocked"),
                    entry("settle", 5, episode=cry["id"]))
    assert statuses(response) == ["refused"] * 3
    reasons = [r["reason"] for r in response.data["results"]]
    assert reasons[0] == "This timer was removed, so it cannot be stopped."
    assert reasons[1].startswith("This was not found") and reasons[2] == reasons[1]
    assert SyncReceipt.objects.count() == 2


def test_a_cry_settled_on_another_phone_is_closed_once(api_for, alice, bob, nora):
    cry = entry("crying", 20, child=nora.pk)
    send(api_for(alice), cry)
    cue = Cue.objects.get(child=nora)
    from nestwell.care import services as care

    care.settle(cue=cue, user=bob, at=timezone.now() - timedelta(minutes=10))
    response = send(api_for(alice), entry("settle", 5, episode=cry["id"]))
    assert statuses(response) == ["already_there"]
    assert "closed on another device" in response.data["results"][0]["reason"]
    cue.refresh_from_db()
    assert abs(cue.closed_at - (timezone.now() - timedelta(minutes=10))) < timedelta(minutes=1)


def test_a_risky_check_in_points_to_support(api_for, alice):
    answers = {"mood": 1, "connection": 2, "energy": 1, "stress": 5, "support": 1,
               "safety": "not_safe"}
    response = send(api_for(alice), entry("checkin", 3, answers=answers))
    assert statuses(response) == ["created"]
    assert response.data["results"][0]["support_url"] == "/support/"
    assert response.data["results"][0]["offer_support"] is True
    checkin = CheckIn.objects.get(author=alice)
    assert abs(checkin.created_at - (timezone.now() - timedelta(minutes=3))) < \
        timedelta(minutes=1)


def test_a_refused_risky_check_in_still_points_to_support(api_for, alice):
    response = send(api_for(alice), entry("checkin", answers={"safety": "unsure"}))
    assert statuses(response) == ["refused"]
    assert response.data["results"][0]["support_url"] == "/support/"


def test_another_households_baby_is_not_found(api_for, mallory, nora, moment):
    response = send(api_for(mallory), entry("quick", child=nora.pk, kind="talk"),
                    entry("stop", moment=moment.pk))
    assert statuses(response) == ["refused", "refused"]
    assert {r["code"] for r in response.data["results"]} == {"not_found"}
    assert Moment.objects.filter(child=nora).count() == 1


def test_another_households_receipt_is_not_theirs(api_for, alice, mallory, nora, sam):
    talk = entry("quick", child=nora.pk, kind="talk")
    send(api_for(alice), talk)
    # The same device id from another household is a new entry there, never Alice's.
    response = send(api_for(mallory), {**talk, "child": sam.pk})
    assert statuses(response) == ["created"]
    assert response.data["results"][0]["target_id"] != \
        Moment.objects.get(child=nora).pk


def test_a_viewer_cannot_sync(api_for, carol, nora):
    response = send(api_for(carol), entry("quick", child=nora.pk, kind="talk"))
    assert response.status_code == 403
    assert not Moment.objects.exists()


def test_a_queue_is_never_sent_under_another_person(api_for, alice, bob, nora):
    response = send(api_for(bob), entry("quick", child=nora.pk, kind="talk"), person=alice.pk)
    assert response.status_code == 403
    assert not Moment.objects.exists()
    assert statuses(send(api_for(alice), entry("quick", child=nora.pk, kind="talk"),
                         person=alice.pk)) == ["created"]


def test_the_batch_has_a_limit(api_for, alice, nora):
    entries = [entry("quick", child=nora.pk, kind="talk") for _ in range(MAX_ENTRIES + 1)]
    assert send(api_for(alice), *entries).status_code == 422
    assert not Moment.objects.exists()


def test_an_id_is_a_uuid(api_for, alice, nora):
    response = send(api_for(alice), {**entry("quick", child=nora.pk, kind="talk"),
                                     "id": "not-a-uuid"})
    assert response.status_code == 422


def test_the_app_session_needs_its_csrf_token(client_for, alice, nora):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice, backend="django.contrib.auth.backends.ModelBackend")
    body = {"entries": [entry("quick", child=nora.pk, kind="talk")]}
    response = client.post("/api/v1/sync", body, content_type="application/json")
    assert response.status_code == 403
    client.get("/")
    token = client.cookies["csrftoken"].value
    response = client.post("/api/v1/sync", body, content_type="application/json",
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert Moment.objects.filter(child=nora).count() == 1


def _queries(api, entries):
    with CaptureQueriesContext(connection) as ctx:
        response = send(api, *entries)
    assert set(statuses(response)) <= {"created"}
    return len(ctx)


def batch(nora, n, minutes_ago):
    return [entry("quick", minutes_ago - i / 10, child=nora.pk, kind="talk")
            for i in range(n)]


@pytest.mark.django_db
def test_a_batch_costs_the_same_queries_with_much_more_history(api_for, alice, household,
                                                                nora):
    api = api_for(alice)
    _queries(api, batch(nora, 3, 100))  # the token's first use is noted once
    small = _queries(api, batch(nora, 10, 90))
    grow(household, nora, alice, per_day=40)
    assert _queries(api, batch(nora, 10, 80)) == small
    # Each entry costs a few queries of its own (its transaction, its receipt, its checks,
    # its row), the same for every entry; the batch's lookups are made once.
    twenty = _queries(api, batch(nora, 20, 70))
    ten_more = twenty - small
    assert abs(ten_more - (small - _queries(api, batch(nora, 0, 60)))) <= 2
    assert ten_more <= 10 * 10


def night(nora, cycles, minutes_ago):
    """A night on the phone, ``cycles`` times: a talk, a timer started and stopped, a cry
    answered and settled, a check-in and a smile (8 entries each)."""
    out = []
    for i in range(cycles):
        base = minutes_ago - i * 50
        timer = entry("quick", base, child=nora.pk, kind="skin_to_skin")
        cry = entry("crying", base - 31, child=nora.pk)
        out += [entry("quick", base + 1, child=nora.pk, kind="talk"), timer,
                entry("stop", base - 30, timer=timer["id"]), cry,
                entry("respond", base - 32, episode=cry["id"], way="rocked"),
                entry("settle", base - 40, episode=cry["id"]),
                entry("checkin", base - 41, answers={
                    "mood": 3, "connection": 3, "energy": 3, "stress": 3, "support": 3,
                    "safety": "safe"}),
                entry("positive", base - 42, child=nora.pk, signal="smile")]
    return out


# What one entry costs, at most, on top of the batch's few lookups (the sign-in, the
# receipts of its ids, the household's babies). In a test the entry's transaction is a
# savepoint (two statements); in production it is one BEGIN, so one query less each.
PER_ONE_TAP = 6      # its transaction, the journal's savepoint, the moment, the receipt
PER_NIGHT_CYCLE = 59  # 8 entries: 7.4 each (was 9.4: the receipt was made, then updated, and
#                      a timer or cry named by the phone's id was read once more; then 7.9,
#                      until the moment's insert lost its own savepoint)
BATCH_LOOKUPS = 3


def test_a_batch_costs_a_few_lookups_and_a_bounded_number_per_entry(api_for, alice, nora):
    api = api_for(alice)
    _queries(api, batch(nora, 1, 600))  # the token's first use is noted once
    one = _queries(api, batch(nora, 1, 500))
    twenty = _queries(api, batch(nora, 20, 400))
    assert one <= BATCH_LOOKUPS + PER_ONE_TAP
    assert twenty - one <= 19 * PER_ONE_TAP
    with CaptureQueriesContext(connection) as ctx:
        response = send(api, *night(nora, 1, 300))
    assert set(statuses(response)) == {"created"}
    one_night = len(ctx)
    with CaptureQueriesContext(connection) as ctx:
        response = send(api, *night(nora, 3, 280))
    assert set(statuses(response)) == {"created"}
    assert one_night <= BATCH_LOOKUPS + PER_NIGHT_CYCLE
    assert len(ctx) - one_night <= 2 * PER_NIGHT_CYCLE


def test_a_nappy_kept_offline_arrives_once_at_its_time(api_for, alice, mallory, nora, sam):
    from nestwell.health.models import Nappy

    api = api_for(alice)
    nappy = entry("nappy", minutes_ago=40, child=nora.pk, kind="both")
    odd = entry("nappy", child=nora.pk, kind="purple")
    assert statuses(send(api, nappy, odd)) == ["created", "refused"]
    assert statuses(send(api, nappy)) == ["already_there"]
    kept = Nappy.objects.get()
    assert (kept.child, kept.kind, kept.created_by) == (nora, "both", alice)
    assert abs(kept.changed_at - (timezone.now() - timedelta(minutes=40))) < timedelta(minutes=1)
    # Another household's baby is not found, and nothing is kept for it.
    other = send(api_for(mallory), entry("nappy", child=nora.pk, kind="wet"))
    assert statuses(other) == ["refused"] and Nappy.objects.count() == 1


def test_a_hard_check_in_said_safe_offers_support_as_the_api_does(api_for, alice):
    """Overwhelmed and alone after "I feel safe": no support_url (nothing opens at once),
    but offer_support, as POST /checkins answers; a calm one offers nothing."""
    hard = {"mood": 1, "connection": 2, "energy": 1, "stress": 5, "support": 1,
            "safety": "safe"}
    calm = {**hard, "mood": 4, "stress": 2, "support": 4}
    response = send(api_for(alice), entry("checkin", 3, answers=hard),
                    entry("checkin", 2, answers=calm))
    first, second = response.data["results"]
    assert (first["support_url"], first["offer_support"]) == (None, True)
    assert (second["support_url"], second["offer_support"]) == (None, False)
    direct = api_for(alice).post("/api/v1/checkins", hard)
    assert direct.json()["offer_support"] is True


def test_a_check_in_with_a_note_of_harm_points_to_support(api_for, alice):
    answers = {"mood": 3, "connection": 3, "energy": 3, "stress": 3, "support": 3,
               "safety": "safe", "note": "better off without me"}
    response = send(api_for(alice), entry("checkin", 3, answers=answers))
    assert statuses(response) == ["created"]
    assert response.data["results"][0]["support_url"] == "/support/"
    refused = send(api_for(alice), entry("checkin", answers={"safety": "safe",
                                                              "note": "want to die"}))
    assert statuses(refused) == ["refused"]
    assert refused.data["results"][0]["support_url"] == "/support/"


def test_a_check_in_that_names_the_baby_points_to_support(api_for, alice, nora):
    answers = {"mood": 3, "connection": 3, "energy": 3, "stress": 3, "support": 3,
               "safety": "safe", "note": f"I'm scared I'll hurt {nora.name}"}
    response = send(api_for(alice), entry("checkin", 3, answers=answers))
    assert response.data["results"][0]["support_url"] == "/support/"
    refused = send(api_for(alice), entry("checkin", answers={
        "safety": "safe", "note": f"thoughts of smothering {nora.name}"}))
    assert refused.data["results"][0]["support_url"] == "/support/"


def test_a_risky_check_in_sent_again_still_points_to_support(api_for, alice, bob):
    """The answer to the first sending was lost on the way; the phone sends it again and
    the server finds it already there: that answer leads to support too."""
    risky = entry("checkin", 3, answers={"mood": 2, "connection": 2, "energy": 1,
                                         "stress": 4, "support": 2, "safety": "unsure"})
    calm = entry("checkin", 2, answers={"mood": 4, "connection": 4, "energy": 3,
                                        "stress": 2, "support": 4, "safety": "safe"})
    send(api_for(alice), risky, calm)
    again = send(api_for(alice), risky, calm)
    assert statuses(again) == ["already_there", "already_there"]
    first, second = again.data["results"]
    assert (first["support_url"], first["offer_support"]) == ("/support/", True)
    assert (second["support_url"], second["offer_support"]) == (None, False)
    # Another person sending the same id finds it taken, and learns nothing of hers.
    taken = send(api_for(bob), risky)
    assert statuses(taken) == ["refused"]
    assert (taken.data["results"][0]["support_url"],
            taken.data["results"][0]["offer_support"]) == (None, False)
    assert CheckIn.objects.filter(author=alice).count() == 2


@pytest.mark.parametrize(("answers", "field"), [
    ({"mood": 3, "connection": 3, "energy": 3, "stress": 3, "support": 3,
      "safety": "safe", "note": ["kill myself"]}, "note"),
    ({"kind": ["short"], "mood": 3, "connection": 3, "support": 3, "safety": "safe"},
     "kind"),
])
def test_a_check_in_with_a_list_where_one_answer_goes_is_refused_by_name(api_for, alice,
                                                                         answers, field):
    """A note of ["…"] had been kept as its Python spelling; a kind of ["short"] failed
    the whole batch (a 500), with a risky check-in perhaps waiting behind it."""
    risky = entry("checkin", 1, answers={"mood": 2, "connection": 2, "energy": 2,
                                         "stress": 4, "support": 2, "safety": "not_safe"})
    response = send(api_for(alice), entry("checkin", 2, answers=answers), risky)
    assert statuses(response) == ["refused", "created"]
    assert field in response.data["results"][0]["fields"]
    assert response.data["results"][1]["support_url"] == "/support/"
    assert CheckIn.objects.count() == 1


def test_a_risky_check_in_deleted_and_sent_again_still_points_to_support(api_for, alice):
    risky = entry("checkin", 3, answers={"mood": 3, "connection": 3, "energy": 3,
                                         "stress": 3, "support": 3, "safety": "safe",
                                         "note": "I want to die"})
    send(api_for(alice), risky)
    CheckIn.objects.filter(author=alice).delete()
    again = send(api_for(alice), risky)
    assert statuses(again) == ["already_there"]
    assert again.data["results"][0]["support_url"] == "/support/"


def test_a_refused_check_in_says_which_question_was_left(api_for, alice):
    """Read on the phone away from the form: "This field is required." alone did not say
    which (Ingrid's walk)."""
    refused = send(api_for(alice), entry("checkin", answers={
        "kind": "short", "mood": 1, "safety": "safe"}))
    result = refused.data["results"][0]
    assert result["status"] == "refused"
    assert result["reason"].startswith("How supported do you feel? ")
    assert result["fields"]["support"][0].startswith("How supported do you feel? ")
