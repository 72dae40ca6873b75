from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.journal.models import Moment


def cry(client, child):
    return client.post("/cues/crying/", {"child": child.pk})


def test_three_taps_log_a_crying_episode(client_for, bob, nora):
    client = client_for(bob)
    assert cry(client, nora).status_code == 302
    episode = Cue.objects.get()
    assert episode.is_open and episode.responded_at is None
    home = client.get("/").content.decode()
    assert 'data-testid="crying-episode"' in home
    client.post(f"/cues/{episode.pk}/respond/", {"way": "rocked"})
    client.post(f"/cues/{episode.pk}/settle/", {"outcome": "settled"})
    episode.refresh_from_db()
    assert episode.ways == ["rocked"]
    assert episode.responder == bob
    assert episode.outcome == "settled"
    assert episode.started_at <= episode.responded_at <= episode.closed_at
    assert 'data-testid="crying-episode"' not in client.get("/").content.decode()


def test_a_second_open_episode_is_refused(client_for, alice, bob, nora):
    cry(client_for(alice), nora)
    page = cry(client_for(bob), nora)
    page = client_for(bob).get("/").content.decode()
    assert "already has an open crying episode" in page
    assert Cue.objects.count() == 1


def test_twins_can_cry_at_the_same_time(client_for, alice, nora, household):
    from nestwell.children.models import Child

    twin = Child.objects.create(household=household, name="Nell", birth_at=nora.birth_at)
    client = client_for(alice)
    cry(client, nora)
    cry(client, twin)
    assert Cue.objects.count() == 2


def test_with_twins_the_crying_button_names_the_baby(client_for, alice, nora, household):
    from nestwell.children.models import Child

    client = client_for(alice)
    for page in ("/", "/night/"):
        assert "Baby is crying" in client.get(page).content.decode()
    twin = Child.objects.create(household=household, name="Nell", birth_at=nora.birth_at)
    for child, other in ((nora, twin), (twin, nora)):
        for page in ("/", "/night/"):
            html = client.get(f"{page}?child={child.pk}").content.decode()
            assert f"{child.name} is crying" in html, (page, child.name)
            assert "Baby is crying" not in html and f"{other.name} is crying" not in html


def test_feeding_as_a_response_starts_a_linked_feed(client_for, alice, nora):
    client = client_for(alice)
    cry(client, nora)
    episode = Cue.objects.get()
    client.post(f"/cues/{episode.pk}/respond/", {"way": "fed"})
    episode.refresh_from_db()
    feed = Moment.objects.get()
    assert feed.kind == "feeding" and feed.is_running
    assert episode.moment == feed
    assert episode.need == "hunger"


def test_a_feed_started_while_crying_answers_the_episode(client_for, alice, nora):
    client = client_for(alice)
    cry(client, nora)
    client.post("/moments/quick/", {"kind": "feeding", "method": "breast", "side": "left",
                                    "child": nora.pk})
    episode = Cue.objects.get()
    assert episode.ways == ["fed"] and episode.moment == Moment.objects.get()
    assert episode.responder == alice
    assert Moment.objects.count() == 1  # not logged twice


def test_a_response_on_a_closed_episode_is_refused(client_for, alice, nora):
    client = client_for(alice)
    cry(client, nora)
    episode = Cue.objects.get()
    client.post(f"/cues/{episode.pk}/settle/", {"outcome": "unsettled"})
    page = client.post(f"/cues/{episode.pk}/respond/", {"way": "sang"}, follow=True)
    assert "already closed" in page.content.decode()
    episode.refresh_from_db()
    assert episode.ways == [] and episode.outcome == "unsettled"


def test_an_unknown_way_is_refused(client_for, alice, nora):
    client = client_for(alice)
    cry(client, nora)
    episode = Cue.objects.get()
    client.post(f"/cues/{episode.pk}/respond/", {"way": "shouted"})
    episode.refresh_from_db()
    assert episode.responded_at is None


def test_a_settle_time_before_the_cue_is_refused(client_for, alice, nora):
    client = client_for(alice)
    cry(client, nora)
    episode = Cue.objects.get()
    before = (timezone.localtime(episode.started_at, ZoneInfo("Europe/London"))
              - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    start = timezone.localtime(episode.started_at, ZoneInfo("Europe/London")).strftime(
        "%Y-%m-%dT%H:%M")
    response = client.post(f"/cues/{episode.pk}/edit/", {
        "started_at": start, "closed_at": before, "outcome": "settled",
        "version": episode.version})
    assert response.status_code == 200
    assert "before the crying began" in response.content.decode()
    episode.refresh_from_db()
    assert episode.closed_at is None


def test_a_correction_is_saved(client_for, alice, bob, nora):
    client = client_for(alice)
    cry(client, nora)
    episode = Cue.objects.get()
    london = ZoneInfo("Europe/London")
    start = timezone.localtime(episode.started_at, london) - timedelta(minutes=20)
    response = client.post(f"/cues/{episode.pk}/edit/", {
        "started_at": start.strftime("%Y-%m-%dT%H:%M"),
        "responded_at": (start + timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M"),
        "closed_at": (start + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M"),
        "outcome": "settled", "need": "tiredness", "ways": ["rocked", "sang"],
        "responder": bob.pk, "version": episode.version})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert (episode.need, episode.ways, episode.responder) == ("tiredness", ["rocked", "sang"],
                                                               bob)
    assert episode.closed_at - episode.started_at == timedelta(minutes=15)


def test_a_smile_is_one_tap_and_smiling_back_is_an_answer(client_for, alice, nora):
    client = client_for(alice)
    page = client.post("/cues/positive/", {"signal": "smile", "child": nora.pk},
                       follow=True).content.decode()
    assert "Smiled back" in page
    smile = Cue.objects.get()
    assert smile.closed_at == smile.started_at and not smile.is_open
    client.post(f"/cues/{smile.pk}/answer/", {"next": "home"})
    smile.refresh_from_db()
    assert smile.ways == ["smiled_back"] and smile.responder == alice


def test_positive_cues_are_on_the_timeline(client_for, alice, nora):
    client = client_for(alice)
    client.post("/cues/positive/", {"signal": "coo", "child": nora.pk})
    page = client.get("/timeline/").content.decode()
    assert 'data-signal="coo"' in page


def test_crying_cannot_be_logged_as_a_positive_cue(client_for, alice, nora):
    client_for(alice).post("/cues/positive/", {"signal": "cry", "child": nora.pk})
    assert not Cue.objects.exists()


def test_another_household_cannot_touch_an_episode(client_for, alice, mallory, nora):
    cry(client_for(alice), nora)
    episode = Cue.objects.get()
    client = client_for(mallory)
    for url, data in ((f"/cues/{episode.pk}/respond/", {"way": "fed"}),
                      (f"/cues/{episode.pk}/settle/", {"outcome": "settled"}),
                      (f"/cues/{episode.pk}/edit/", {})):
        assert client.post(url, data).status_code == 404
    assert client.post("/cues/crying/", {"child": nora.pk}).status_code == 404
    episode.refresh_from_db()
    assert episode.is_open and episode.responded_at is None


def test_a_viewer_cannot_log_cues(client_for, carol, nora):
    assert client_for(carol).post("/cues/crying/", {"child": nora.pk}).status_code == 403
    assert not Cue.objects.exists()


def test_fed_as_an_answer_is_fed_the_way_this_person_feeds(client_for, alice, bob, nora):
    """"Fed" started a breastfeed whoever tapped it: a father's bottle at 3 a.m. too. It
    is fed as this person fed this baby last, and left unsaid when they never have."""
    from datetime import timedelta

    from django.utils import timezone

    yesterday = timezone.now() - timedelta(days=1)
    Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                          started_at=yesterday, ended_at=yesterday + timedelta(minutes=10),
                          actor=bob, created_by=bob, details={"method": "bottle",
                                                              "amount_ml": 90})
    for person, expected in ((bob, {"method": "bottle"}), (alice, {})):
        client = client_for(person)
        cry(client, nora)
        episode = Cue.objects.get(closed_at__isnull=True)
        client.post(f"/cues/{episode.pk}/respond/", {"way": "fed"})
        episode.refresh_from_db()
        assert episode.moment.details == expected, person
        client.post(f"/moments/{episode.moment.pk}/stop/")
        client.post(f"/cues/{episode.pk}/settle/", {"outcome": "settled"})


def test_a_note_of_harm_on_a_crying_episode_opens_support_once(client_for, alice, nora):
    """"I was scared I would shake the baby" written on the episode: the support page
    after saving; saved again without changing the note, the timeline as usual."""
    client = client_for(alice)
    cry(client, nora)
    episode = Cue.objects.get()
    start = timezone.localtime(episode.started_at, ZoneInfo("Europe/London"))

    def save(note, version):
        return client.post(f"/cues/{episode.pk}/edit/", {
            "started_at": start.strftime("%Y-%m-%dT%H:%M"), "outcome": "settled",
            "closed_at": (start + timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
            "note": note, "version": version})

    first = save("I was scared I would shake the baby", episode.version)
    assert first.status_code == 302 and first.url == "/support/?from=note"
    episode.refresh_from_db()
    assert episode.note == "I was scared I would shake the baby"
    again = save(episode.note, episode.version)
    assert again.status_code == 302 and again.url.startswith("/timeline/")


def test_a_cry_settled_within_seconds_says_settled(client_for, alice, nora):
    """Anna's walk: "settled after 0 s" on the timeline for a cry tapped settled at once."""
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.care.models import Cue

    start = timezone.localtime().replace(hour=0, minute=0, second=1, microsecond=0)
    Cue.objects.create(household=nora.household, child=nora, signal="cry", started_at=start,
                       closed_at=start + timedelta(seconds=2), outcome="settled")
    Cue.objects.create(household=nora.household, child=nora, signal="cry",
                       started_at=start + timedelta(seconds=10),
                       closed_at=start + timedelta(minutes=12), outcome="settled")
    page = client_for(alice).get(
        f"/timeline/?day={start.date().isoformat()}&child={nora.pk}").content.decode()
    assert '<div class="meta">settled</div>' in page and "settled after 0" not in page
    assert "settled after 11 min" in page


def test_a_note_corrected_leaves_the_times_to_the_second(client_for, alice, nora):
    """Keisha's walk: the edit form's boxes read to the minute, so saving only a new note
    moved the times to the minute ("answered after 8 s" became "after 1 min")."""
    started = timezone.now().replace(second=10, microsecond=0) - timedelta(hours=1)
    episode = Cue.objects.create(household=nora.household, child=nora, signal="cry",
                                 started_at=started,
                                 responded_at=started + timedelta(seconds=8),
                                 closed_at=started + timedelta(seconds=70),
                                 outcome="settled", created_by=alice)
    london = ZoneInfo("Europe/London")
    shown = {name: timezone.localtime(getattr(episode, name), london).strftime(
        "%Y-%m-%dT%H:%M") for name in ("started_at", "responded_at", "closed_at")}
    response = client_for(alice).post(f"/cues/{episode.pk}/edit/", {
        **shown, "outcome": "settled", "note": "he calmed on my chest",
        "version": episode.version})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.note == "he calmed on my chest"
    assert (episode.started_at, episode.responded_at, episode.closed_at) == (
        started, started + timedelta(seconds=8), started + timedelta(seconds=70))
    # A time she did change is read as she typed it; the others keep their seconds.
    moved = timezone.localtime(started, london) - timedelta(minutes=5)
    client_for(alice).post(f"/cues/{episode.pk}/edit/", {
        **shown, "started_at": moved.strftime("%Y-%m-%dT%H:%M"), "outcome": "settled",
        "version": episode.version})
    episode.refresh_from_db()
    assert episode.started_at == moved.replace(second=0, microsecond=0)
    assert episode.responded_at == started + timedelta(seconds=8)



def _answered_after_8_s(nora, alice):
    """A cry begun an hour ago at :40 seconds, answered 8 s later, not settled yet."""
    started = timezone.now().replace(second=40, microsecond=0) - timedelta(hours=1)
    return started, Cue.objects.create(household=nora.household, child=nora, signal="cry",
                                       started_at=started,
                                       responded_at=started + timedelta(seconds=8),
                                       created_by=alice)

def test_a_time_typed_beside_times_kept_to_the_second_is_read_to_the_minute(
        client_for, alice, nora):
    """The review: a cry begun at 10:43:40 and settled at 10:43 typed by hand was refused
    as settled before it began; the times in the minute she typed read as shown."""
    started, episode = _answered_after_8_s(nora, alice)
    london = ZoneInfo("Europe/London")
    minute = timezone.localtime(started, london).strftime("%Y-%m-%dT%H:%M")
    response = client_for(alice).post(f"/cues/{episode.pk}/edit/", {
        "started_at": minute, "responded_at": minute, "closed_at": minute,
        "outcome": "settled", "version": episode.version})
    assert response.status_code == 302, response.content.decode()[:300]
    episode.refresh_from_db()
    assert episode.started_at == started.replace(second=0)
    assert episode.closed_at == started.replace(second=0)


def test_a_settle_time_added_later_leaves_the_others_to_the_second(client_for, alice, nora):
    """The second review: adding "Settled at" to a cry answered 8 s after it began read
    "answered after 0 s", every other time cut to the minute."""
    started, episode = _answered_after_8_s(nora, alice)
    london = ZoneInfo("Europe/London")
    shown = {name: timezone.localtime(getattr(episode, name), london).strftime(
        "%Y-%m-%dT%H:%M") for name in ("started_at", "responded_at")}
    settled = timezone.localtime(started + timedelta(minutes=20), london)
    client_for(alice).post(f"/cues/{episode.pk}/edit/", {
        **shown, "closed_at": settled.strftime("%Y-%m-%dT%H:%M"), "outcome": "settled",
        "version": episode.version})
    episode.refresh_from_db()
    assert episode.responded_at - episode.started_at == timedelta(seconds=8)
    assert episode.closed_at == settled.replace(second=0)
