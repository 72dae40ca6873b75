"""The handover card on Today: what it gathers (hand-built data, the clock injected),
the notes for one person, "got it", and what it costs."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nestwell.accounts.models import Membership
from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.handover import services
from nestwell.handover.models import Note, Seen
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment
from nestwell.medicines.models import Dose, Medicine

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=UTC)


def ago(hours, minutes=0, now=NOW):
    return now - timedelta(hours=hours, minutes=minutes)


def moment(child, kind, start, end, **details):
    return Moment.objects.create(household=child.household, child=child, kind=kind,
                                 started_at=start, ended_at=end, details=details)


def cry(child, start, end, responder=None):
    return Cue.objects.create(household=child.household, child=child, signal="cry",
                              started_at=start, closed_at=end, responder=responder,
                              responded_at=start + timedelta(minutes=1) if responder else None)


def twins(household):
    born = NOW - timedelta(days=40)
    return (Child.objects.create(household=household, name="Lou", birth_at=born),
            Child.objects.create(household=household, name="Ada",
                                 birth_at=born + timedelta(minutes=9)))


def test_it_tells_each_twin_s_night_since_the_last_look(household, alice, bob):
    lou, ada = twins(household)
    Child.objects.create(household=household, name="Bump", due_date=NOW.date())  # not born
    Seen.objects.create(household=household, user=bob, seen_at=ago(8))
    moment(lou, "feeding", ago(30), ago(29, 40), method="breast", side="left")
    moment(lou, "feeding", ago(2), ago(1, 45), method="breast", side="right")
    moment(ada, "feeding", ago(1), None, method="bottle")  # running
    gone = moment(ada, "feeding", ago(0, 30), ago(0, 20), method="breast", side="left")
    gone.deleted_at = NOW
    gone.save()
    moment(lou, "sleep", ago(9), ago(6))
    moment(ada, "sleep", ago(3), ago(1))
    moment(ada, "sleep", ago(12), ago(10))  # before the look
    cry(lou, ago(6, 30), ago(6), responder=alice)   # 00:30 in London: a night cry
    cry(ada, ago(5), ago(4, 50), responder=bob)      # 02:00: a night cry too
    cry(ada, ago(0, 20), None)                       # still crying, not answered yet
    for minutes in (50, 200, 300):
        Nappy.objects.create(household=household, child=lou, kind="wet",
                             changed_at=ago(0, minutes))
    Note.objects.create(household=household, author=alice, addressee=bob,
                        text="Lou had the last of the milk", created_at=ago(1))
    Note.objects.create(household=household, author=alice, addressee=bob, text="old",
                        created_at=ago(20), read_at=ago(19))

    card, timers, notes = services.gather(household, bob, now=NOW)

    assert (card.window.since, card.window.first) == (ago(8), False)
    lou_row, ada_row = card.children
    assert [lou_row.name, ada_row.name] == ["Lou", "Ada"]
    assert (lou_row.last_feed.side, lou_row.feed_ago) == ("right", timedelta(hours=2))
    assert (ada_row.last_feed.method, ada_row.last_feed.ended_at) == ("bottle", None)
    assert lou_row.sleep == timedelta(hours=2) and ada_row.sleep == timedelta(hours=2)
    assert (lou_row.cries, lou_row.crying) == (1, timedelta(minutes=30))
    assert (ada_row.cries, ada_row.crying) == (2, timedelta(minutes=30))
    assert (lou_row.nappies, ada_row.nappies) == (3, 0)
    assert (card.night_names, card.night_total) == (["Alice", "Bob"], 2)
    assert [t.child.name for t in timers] == ["Ada"]
    assert [n.text for n in notes] == ["Lou had the last of the milk"]


def test_given_the_household_s_children_it_tells_the_same_and_reads_them_no_more(
        household, alice, bob):
    """Today gives the card the children it has read for its switcher: the same rows, in
    order of birth, the unborn left out, one query fewer."""
    lou, ada = twins(household)
    Child.objects.create(household=household, name="Bump", due_date=NOW.date())  # not born
    moment(ada, "feeding", ago(1), ago(0, 50), method="breast", side="left")
    read, _timers, _notes = services.gather(household, bob, now=NOW)
    given = list(household.children.all())[::-1]  # any order: the card sorts them
    with CaptureQueriesContext(connection) as ctx:
        card, _timers, _notes = services.gather(household, bob, now=NOW, children=given)
    assert card == read and [row.name for row in card.children] == ["Lou", "Ada"]
    assert not any('FROM "journal_child"' in q["sql"] and "birth_at" in q["sql"]
                   and "ORDER BY" in q["sql"] for q in ctx.captured_queries)


def test_before_the_first_look_it_covers_the_night(household, bob):
    twins(household)
    card, _timers, _notes = services.gather(household, bob, now=NOW)
    assert card.window.first and card.window.since == ago(12)


def test_today_shows_the_card_and_got_it_starts_it_again(client_for, household, alice, nora):
    now = timezone.now()
    moment(nora, "feeding", now - timedelta(hours=1), now - timedelta(minutes=45),
           method="breast", side="left")
    client = client_for(alice)
    page = client.get("/").content.decode()
    assert 'data-testid="handover"' in page and "Last feed: left side" in page
    assert "The last 12 hours." in page
    response = client.post("/handover/seen/")
    assert response.status_code == 302 and response.url == "/"
    seen = Seen.objects.get(user=alice)
    assert now <= seen.seen_at <= timezone.now()
    assert 'data-testid="handover"' not in client.get("/").content.decode()  # rests
    Nappy.objects.create(household=household, child=nora, kind="wet",
                         changed_at=timezone.now())
    page = client.get("/").content.decode()
    assert 'data-testid="handover"' in page and "The last 12 hours." not in page
    assert "1 nappy changed" in page


def test_the_morning_card_tells_a_fever_and_the_doses_given_overnight(client_for, household,
                                                                    alice, bob, nora):
    """What the partner did at 3 a.m. reaches her: the temperature (a fever under three
    months said outside the fold, at once) and each medicine's doses."""
    now = timezone.now()
    for minutes, celsius in ((200, "37.4"), (150, "38.2"), (60, "37.9")):
        Temperature.objects.create(household=household, child=nora, created_by=bob,
                                   taken_at=now - timedelta(minutes=minutes),
                                   celsius=Decimal(celsius))
    paracetamol = Medicine.objects.create(household=household, child=nora, name="Paracetamol")
    for minutes in (140, 20):
        Dose.objects.create(household=household, child=nora, medicine=paracetamol,
                            given_at=now - timedelta(minutes=minutes), created_by=bob)
    page = client_for(alice).get("/").content.decode()
    fever = page.split('data-testid="handover-fever"')[1].split("</p>")[0]
    assert "Nora" in fever and "38.2" in fever and "call for advice now" in fever
    assert fever.index("call for advice") < page.split('data-testid="handover-fever"')[1] \
        .index("handover-more")  # outside the fold
    assert "Temperature: 3 taken, the highest 38.2" in page
    folded = page.split('data-testid="handover-temperature"')[1].split("</li>")[0]
    assert "call for advice now" in folded and "raised" not in folded  # as the alert says
    assert "Paracetamol</span>: 2 doses, the last at" in page
    # After "got it", the card rests until something new is logged.
    Seen.objects.create(household=household, user=alice, seen_at=now)
    assert 'data-testid="handover"' not in client_for(alice).get("/").content.decode()


def test_a_note_reaches_only_the_person_it_is_for(client_for, household, alice, bob, carol,
                                                  nora):
    response = client_for(alice).post("/handover/notes/", {
        "addressee": bob.pk, "text": "Nappies are in the car"})
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.author, note.addressee, note.household) == (alice, bob, household)
    assert "Nappies are in the car" in client_for(bob).get("/").content.decode()
    assert "Nappies are in the car" not in client_for(carol).get("/").content.decode()
    assert "Nappies are in the car" not in client_for(alice).get("/").content.decode()
    assert "Nappies are in the car" in client_for(alice).get("/handover/notes/").content.decode()
    assert "Nappies are in the car" not in client_for(carol).get(
        "/handover/notes/").content.decode()
    # Only Bob can mark it read; then it leaves his card.
    assert client_for(carol).post(f"/handover/notes/{note.pk}/read/").status_code == 404
    assert client_for(alice).post(f"/handover/notes/{note.pk}/read/").status_code == 404
    assert client_for(bob).post(f"/handover/notes/{note.pk}/read/").status_code == 302
    assert "Nappies are in the car" not in client_for(bob).get("/").content.decode()
    assert client_for(bob).post(f"/handover/notes/{note.pk}/read/").status_code == 404


def test_another_household_cannot_be_written_to_or_read(client_for, alice, bob, mallory,
                                                         nora):
    response = client_for(alice).post("/handover/notes/", {"addressee": mallory.pk,
                                                           "text": "hello"})
    assert response.status_code == 400 and not Note.objects.exists()
    note = Note.objects.create(household=nora.household, author=alice, addressee=bob,
                               text="x")
    assert client_for(mallory).get("/handover/notes/").context["written"] == []
    assert client_for(mallory).post(f"/handover/notes/{note.pk}/read/").status_code == 404
    assert client_for(mallory).post(f"/handover/notes/{note.pk}/take-back/").status_code == 404


def test_a_note_needs_words_and_someone(client_for, alice, bob, nora):
    client = client_for(alice)
    for data in ({"addressee": bob.pk, "text": "  "}, {"addressee": alice.pk, "text": "hi"},
                 {"addressee": "²", "text": "hi"}, {"addressee": bob.pk, "text": "x" * 281}):
        response = client.post("/handover/notes/", data)
        assert response.status_code == 400, data
        assert 'class="errorlist' in response.content.decode()
    assert not Note.objects.exists()


def test_a_viewer_reads_notes_for_her_but_writes_none(client_for, alice, carol, nora):
    assert client_for(carol).post("/handover/notes/", {"addressee": alice.pk,
                                                       "text": "hi"}).status_code == 403
    note = Note.objects.create(household=nora.household, author=alice, addressee=carol,
                               text="Thank you for Sunday")
    page = client_for(carol).get("/").content.decode()
    assert "Thank you for Sunday" in page and "Leave a note for someone" not in page
    assert client_for(carol).post(f"/handover/notes/{note.pk}/read/").status_code == 302
    assert client_for(carol).post("/handover/seen/").status_code == 302


def test_its_writer_can_take_a_note_back(client_for, alice, bob, nora):
    note = Note.objects.create(household=nora.household, author=alice, addressee=bob, text="x")
    assert client_for(bob).post(f"/handover/notes/{note.pk}/take-back/").status_code == 404
    assert client_for(alice).post(f"/handover/notes/{note.pk}/take-back/").status_code == 302
    assert not Note.objects.exists()


def test_leaving_the_household_takes_the_notes_and_the_last_look(household, alice, bob, nora):
    Note.objects.create(household=household, author=alice, addressee=bob, text="for Bob")
    Note.objects.create(household=household, author=bob, addressee=alice, text="from Bob")
    Note.objects.create(household=household, author=alice, addressee=alice, text="kept")
    Seen.objects.create(household=household, user=bob, seen_at=NOW)
    Membership.objects.get(user=bob).delete()
    assert list(Note.objects.values_list("text", flat=True)) == ["kept"]
    assert not Seen.objects.exists()


def count(client, url="/"):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def medicine(child):
    return Medicine.objects.get_or_create(household=child.household, child=child,
                                          name="Vitamin D")[0]


def add_data(household, alice, bob, children, n):
    now = timezone.now()
    for child in children:
        for i in range(n):
            start = now - timedelta(hours=i % 20, minutes=i)
            moment(child, "feeding", start, start + timedelta(minutes=5), method="breast",
                   side="left")
            moment(child, "sleep", start, start + timedelta(minutes=30))
            cry(child, start, start + timedelta(minutes=3), responder=alice if i % 2 else bob)
            Nappy.objects.create(household=household, child=child, kind="wet",
                                 changed_at=start)
            Temperature.objects.create(household=household, child=child, taken_at=start,
                                       celsius=Decimal("37.2"))
            Dose.objects.create(household=household, child=child, medicine=medicine(child),
                                given_at=start)
    for i in range(n):
        Note.objects.create(household=household, author=alice, addressee=bob, text=f"n{i}")


def test_today_with_the_card_costs_the_same_queries_with_little_or_much(
        client_for, household, alice, bob):
    children = twins(household)
    Child.objects.filter(pk__in=[c.pk for c in children]).update(
        birth_at=timezone.now() - timedelta(days=40))
    add_data(household, alice, bob, children, 1)
    client = client_for(bob)
    few = count(client)
    add_data(household, alice, bob, children, 30)
    assert count(client) == few


def test_her_own_data_download_and_deletion_cover_her_notes(household, alice, bob, carol):
    from nestwell.transfer import own_data

    Note.objects.create(household=household, author=alice, addressee=bob, text="to Bob")
    Note.objects.create(household=household, author=bob, addressee=alice, text="to Alice")
    Note.objects.create(household=household, author=bob, addressee=carol, text="to Carol")
    Seen.objects.create(household=household, user=alice, seen_at=NOW)
    document = own_data.document(alice)
    assert [(n["for"], n["text"]) for n in document["notes_written"]] == [("Bob", "to Bob")]
    assert [(n["from"], n["text"], n["household"]) for n in document["notes_received"]] == [
        ("Bob", "to Alice", "The Garcias")]
    own_data.delete_all(alice)
    assert list(Note.objects.values_list("text", flat=True)) == ["to Carol"]
    assert not Seen.objects.exists()


def test_the_last_feed_shows_the_breast_for_a_breastfeed_without_a_side(client_for, alice,
                                                                         nora):
    """A breastfeed with no side noted showed a bottle beside "Last feed"."""
    import re

    now = timezone.now()
    moment(nora, "feeding", now - timedelta(hours=1), now - timedelta(minutes=45),
           method="breast")
    page = client_for(alice).get("/").content.decode()
    row = re.search(r'data-testid="last-feed">(.*?)</li>', page, re.S).group(1)
    assert "🤱" in row and "🍼" not in row


def test_the_morning_card_counts_the_night_s_feeds_and_what_the_bottles_held(
        client_for, household, alice, bob, nora):
    """Tom gave the night's bottles; in the morning she reads how many feeds and how much,
    in her own unit."""
    now = timezone.now()
    for start, ml in ((300, 90), (120, 60)):
        moment(nora, "feeding", now - timedelta(minutes=start),
               now - timedelta(minutes=start - 15), method="bottle", amount_ml=ml)
    moment(nora, "feeding", now - timedelta(minutes=200), now - timedelta(minutes=190),
           method="breast", side="left")
    moment(nora, "feeding", now - timedelta(minutes=189), now - timedelta(minutes=180),
           method="breast", side="right")  # switched sides: the same feed
    page = client_for(alice).get("/").content.decode()
    feeds = page.split('data-testid="handover-feeds"')[1].split("</li>")[0]
    assert "3 feeds in this time" in feeds and "bottles: 150\xa0ml in all" in feeds
    alice.volume_unit = "oz"
    alice.save(update_fields=["volume_unit"])
    feeds = client_for(alice).get("/").content.decode().split(
        'data-testid="handover-feeds"')[1].split("</li>")[0]
    assert "bottles: 5.1\xa0fl\xa0oz in all" in feeds


def test_the_card_tells_the_night_s_skin_to_skin(client_for, household, alice, bob, nora):
    """Dan's hour and a half of kangaroo care read "Nothing else logged in this time"."""
    now = timezone.now()
    moment(nora, "skin_to_skin", now - timedelta(minutes=200), now - timedelta(minutes=110))
    moment(nora, "sleep", now - timedelta(minutes=100), now - timedelta(minutes=40))
    page = client_for(alice).get("/").content.decode()
    skin = page.split('data-testid="handover-skin"')[1].split("</li>")[0]
    assert "Skin-to-skin: 1 h 30 min in all" in skin
    sleep = page.split('data-testid="handover-sleep"')[1].split("</li>")[0]
    assert "1 h 00 min" in sleep and "Nothing else logged in this time" not in page


def test_a_pale_stool_is_said_outside_the_fold_as_a_fever_is(client_for, household, alice,
                                                           bob, nora):
    """Jana logged a pale stool ("call today"); Malte's card said only "3 nappies
    changed"."""
    from nestwell.health.models import Nappy

    now = timezone.now()
    Nappy.objects.create(household=household, child=nora, kind="dirty", colour="yellow",
                         changed_at=now - timedelta(hours=3))
    Nappy.objects.create(household=household, child=nora, kind="dirty", colour="pale",
                         changed_at=now - timedelta(hours=1), created_by=alice)
    page = client_for(bob).get("/").content.decode()
    pale = page.split('data-testid="handover-pale"')[1].split("</p>")[0]
    assert "Nora" in pale and "call your baby's doctor or midwife today" in pale.replace(
        "&#x27;", "'")
    assert page.index('data-testid="handover-pale"') < page.index('data-testid="handover-more"')
    # Only a pale one is said so.
    Nappy.objects.filter(colour="pale").update(colour="green")
    assert 'data-testid="handover-pale"' not in client_for(bob).get("/").content.decode()


def test_a_low_temperature_overnight_is_said_outside_the_fold(client_for, household, alice,
                                                              bob, nora):
    """Under 36 °C (NICE NG51) is a call now at any age: the card says it before the fold,
    with the lowest reading, and the folded line says it too."""
    now = timezone.now()
    for minutes, celsius in ((200, "36.8"), (150, "35.7"), (60, "35.9")):
        Temperature.objects.create(household=household, child=nora, created_by=bob,
                                   taken_at=now - timedelta(minutes=minutes),
                                   celsius=Decimal(celsius))
    page = client_for(alice).get("/").content.decode()
    low = page.split('data-testid="handover-low"')[1].split("</p>")[0]
    assert "Nora" in low and "35.7" in low and "call for advice now" in low
    assert "warm against your skin" in low
    assert 'data-testid="handover-fever"' not in page
    folded = page.split('data-testid="handover-temperature"')[1].split("</li>")[0]
    assert "the highest 36.8" in folded and "the lowest 35.7" in folded
    assert "under 36.0\u00a0°C: call for advice now" in folded


def test_a_red_or_black_stool_is_said_outside_the_fold_too(client_for, household, alice, bob,
                                                           nora):
    from nestwell.health.models import Nappy

    now = timezone.now()
    Nappy.objects.create(household=household, child=nora, kind="dirty", colour="black",
                         changed_at=now - timedelta(hours=2), created_by=alice)
    page = client_for(bob).get("/").content.decode()
    blood = page.split('data-testid="handover-blood"')[1].split("</p>")[0]
    assert "Nora" in blood and "It may be blood" in blood
    assert page.index('data-testid="handover-blood"') < page.index('data-testid="handover-more"')
    assert 'data-testid="handover-pale"' not in page
    Nappy.objects.update(colour="meconium")
    assert 'data-testid="handover-blood"' not in client_for(bob).get("/").content.decode()


def test_a_handover_note_that_speaks_of_harm_shows_its_writer_support(client_for, alice,
                                                                     bob, nora):
    response = client_for(alice).post("/handover/notes/", {
        "addressee": bob.pk, "text": "Please take her tonight, I'm scared I'll hurt the baby"})
    assert response.status_code == 302 and response.url == "/support/?from=note"
    assert Note.objects.get().addressee == bob  # kept, and waiting on his card


def test_a_new_account_with_nothing_logged_has_no_card_to_say_got_it_to(client_for, alice,
                                                                       nora):
    """Kayla's first look: "Since you last looked … No feed logged yet. Got it" above the
    tiles, with nothing to get."""
    client = client_for(alice)
    assert 'data-testid="handover"' not in client.get("/").content.decode()
    Nappy.objects.create(household=nora.household, child=nora, kind="wet",
                         changed_at=timezone.now() - timedelta(minutes=5))
    assert 'data-testid="handover"' in client.get("/").content.decode()
