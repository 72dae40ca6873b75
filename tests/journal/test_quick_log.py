from nestwell.journal.models import Moment


def test_one_tap_logs_an_instant_moment_now(client_for, bob, nora):
    response = client_for(bob).post("/moments/quick/", {"kind": "talk", "child": nora.pk})
    assert response.status_code == 302
    talk = Moment.objects.get()
    assert talk.kind == "talk"
    assert talk.started_at == talk.ended_at
    assert talk.actor == bob
    assert talk.child == nora


def test_one_tap_starts_a_timer_for_a_timed_kind(client_for, alice, nora):
    client_for(alice).post("/moments/quick/", {"kind": "skin_to_skin", "child": nora.pk})
    timer = Moment.objects.get()
    assert timer.ended_at is None
    page = client_for(alice).get("/").content.decode()
    assert 'data-testid="timer"' in page


def test_a_feed_starts_with_its_side(client_for, alice, nora):
    client_for(alice).post("/moments/quick/", {"kind": "feeding", "method": "breast",
                                               "side": "right", "child": nora.pk})
    assert Moment.objects.get().details == {"method": "breast", "side": "right"}


def test_a_timer_started_twice_runs_once(client_for, alice, bob, nora):
    client_for(alice).post("/moments/quick/", {"kind": "skin_to_skin", "child": nora.pk})
    response = client_for(bob).post("/moments/quick/", {"kind": "skin_to_skin",
                                                        "child": nora.pk}, follow=True)
    assert "already running" in response.content.decode()
    assert Moment.objects.count() == 1


def test_an_unknown_kind_is_refused_with_a_message(client_for, alice, nora):
    response = client_for(alice).post("/moments/quick/", {"kind": "teleport"}, follow=True)
    assert "does not exist" in response.content.decode()
    assert not Moment.objects.exists()


def test_bad_details_save_nothing(client_for, alice, nora):
    response = client_for(alice).post("/moments/quick/", {"kind": "feeding", "method": "breast",
                                                          "side": "middle"}, follow=True)
    assert response.status_code == 200
    assert not Moment.objects.exists()


def test_a_viewer_cannot_log(client_for, carol, nora):
    assert client_for(carol).post("/moments/quick/", {"kind": "talk"}).status_code == 403
    assert not Moment.objects.exists()


def test_logging_for_another_households_baby_is_impossible(client_for, mallory, nora, sam):
    response = client_for(mallory).post("/moments/quick/", {"kind": "talk", "child": nora.pk})
    assert response.status_code == 404
    assert not Moment.objects.exists()


def test_a_quick_log_can_be_undone(client_for, alice, nora):
    client = client_for(alice)
    page = client.post("/moments/quick/", {"kind": "sing", "child": nora.pk}, follow=True)
    assert "Undo" in page.content.decode()
    talk = Moment.objects.get()
    client.post(f"/moments/{talk.pk}/undo/", {"action": "unlog"})
    assert not Moment.objects.alive().exists()
