from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.journal.models import Moment


def london(dt):
    from zoneinfo import ZoneInfo

    return dt.astimezone(ZoneInfo("Europe/London")).strftime("%Y-%m-%dT%H:%M")


def test_a_past_feed_is_added_with_its_details(client_for, alice, bob, nora):
    start = timezone.now() - timedelta(hours=3)
    response = client_for(alice).post(f"/moments/new/feeding/?child={nora.pk}", {
        "child": nora.pk, "started_at": london(start),
        "ended_at": london(start + timedelta(minutes=20)), "actor": bob.pk,
        "method": "bottle", "amount_ml": "110", "milk": "formula", "eye_contact": "on",
        "note": "Slow and sleepy",
    })
    assert response.status_code == 302
    feed = Moment.objects.get()
    assert feed.actor == bob
    assert feed.created_by == alice
    assert feed.details == {"method": "bottle", "amount_ml": 110, "milk": "formula",
                            "eye_contact": True}
    assert feed.duration == timedelta(minutes=20)


def post_feed(client, nora, **overrides):
    start = timezone.now() - timedelta(hours=2)
    data = {"child": nora.pk, "started_at": london(start),
            "ended_at": london(start + timedelta(minutes=10)), "method": "bottle",
            "amount_ml": "90"}
    data.update(overrides)
    if "actor" not in data:
        data["actor"] = client.session["_auth_user_id"]
    return client.post(f"/moments/new/feeding/?child={nora.pk}", data)


def test_an_end_before_the_start_is_refused(client_for, alice, nora):
    start = timezone.now() - timedelta(hours=2)
    response = post_feed(client_for(alice), nora, started_at=london(start),
                         ended_at=london(start - timedelta(minutes=5)))
    assert response.status_code == 200
    assert "The end is before the start." in response.content.decode()
    assert not Moment.objects.exists()


def test_a_far_future_time_is_refused(client_for, alice, nora):
    later = timezone.now() + timedelta(days=3)
    response = post_feed(client_for(alice), nora, started_at=london(later),
                         ended_at=london(later + timedelta(minutes=5)))
    assert "in the future" in response.content.decode()
    assert not Moment.objects.exists()


def test_a_negative_amount_is_refused(client_for, alice, nora):
    response = post_feed(client_for(alice), nora, amount_ml="-40")
    assert response.status_code == 200
    assert not Moment.objects.exists()


def test_a_feed_added_with_its_amount_and_no_end_asks_when_it_ended(client_for, alice, nora):
    """Left without an end, it became a timer running from 19:40, and stopping it later
    saved an hour-long bottle."""
    client = client_for(alice)
    response = post_feed(client, nora, ended_at="")
    assert response.status_code == 200
    assert "the feed has ended: add when it ended" in response.content.decode()
    assert not Moment.objects.exists()
    # Without an amount it is still a timer from that time, as the form says.
    assert post_feed(client, nora, ended_at="", amount_ml="").status_code == 302
    assert Moment.objects.get().ended_at is None


def test_a_tube_feed_noted_afterwards_needs_no_end(client_for, alice, nora):
    """Fatima, at 5 a.m., noting the tube feed a nurse gave: she knows when and how much,
    rarely when it ended. It is kept at the time given, not left running."""
    response = post_feed(client_for(alice), nora, ended_at="", method="tube",
                         amount_ml="22", actor="")
    assert response.status_code == 302
    feed = Moment.objects.get()
    assert feed.ended_at == feed.started_at and feed.details["amount_ml"] == 22
    assert feed.details["method"] == "tube" and feed.actor is None


def test_a_moment_longer_than_a_day_is_refused(client_for, alice, nora):
    start = timezone.now() - timedelta(days=3)
    response = post_feed(client_for(alice), nora, started_at=london(start),
                         ended_at=london(start + timedelta(hours=30)))
    assert "at most 24 hours" in response.content.decode()


def test_an_unknown_kind_has_no_form(client_for, alice, nora):
    assert client_for(alice).get("/moments/new/teleport/").status_code == 404


def test_a_letter_needs_words(client_for, alice, nora):
    response = client_for(alice).post(f"/moments/new/letter/?child={nora.pk}", {
        "child": nora.pk, "started_at": london(timezone.now()), "actor": alice.pk, "note": ""})
    assert response.status_code == 200
    assert not Moment.objects.exists()


def test_a_note_needs_words_and_is_kept_with_them(client_for, alice, nora):
    client = client_for(alice)
    url = f"/moments/new/note/?child={nora.pk}"
    data = {"child": nora.pk, "started_at": london(timezone.now()), "actor": alice.pk}
    empty = client.post(url, {**data, "note": "  "})
    assert empty.status_code == 200 and "Your note" in empty.content.decode()
    assert not Moment.objects.exists()
    assert client.post(url, {**data, "note": "Grandma visited"}).status_code == 302
    assert Moment.objects.get().note == "Grandma visited"


def test_an_edit_is_saved(client_for, alice, moment):
    response = client_for(alice).post(f"/moments/{moment.pk}/edit/", {
        "started_at": london(moment.started_at), "ended_at": london(moment.ended_at),
        "actor": alice.pk, "note": "Lovely and calm", "version": moment.version})
    assert response.status_code == 302
    moment.refresh_from_db()
    assert moment.note == "Lovely and calm"
    assert moment.version == 2


def test_a_stale_edit_is_refused_and_keeps_the_newer_version(client_for, alice, bob, moment):
    data = {"started_at": london(moment.started_at), "ended_at": london(moment.ended_at),
            "actor": alice.pk, "version": moment.version}
    assert client_for(bob).post(f"/moments/{moment.pk}/edit/",
                                {**data, "note": "Bob's words"}).status_code == 302
    response = client_for(alice).post(f"/moments/{moment.pk}/edit/",
                                      {**data, "note": "Alice's words"}, follow=True)
    assert "This was changed since you opened it" in response.content.decode()
    moment.refresh_from_db()
    assert moment.note == "Bob's words"


def test_delete_asks_first_then_can_be_undone(client_for, alice, moment):
    client = client_for(alice)
    confirm = client.get(f"/moments/{moment.pk}/delete/")
    assert "Delete this moment?" in confirm.content.decode()
    assert Moment.objects.alive().count() == 1
    page = client.post(f"/moments/{moment.pk}/delete/", follow=True).content.decode()
    assert "Undo" in page
    assert not Moment.objects.alive().exists()
    client.post(f"/moments/{moment.pk}/undo/", {"action": "restore"})
    assert Moment.objects.alive().count() == 1


def test_undo_is_only_for_a_short_while(client_for, alice, moment):
    client = client_for(alice)
    client.post(f"/moments/{moment.pk}/delete/")
    Moment.objects.update(deleted_at=timezone.now() - timedelta(minutes=10))
    page = client.post(f"/moments/{moment.pk}/undo/", {"action": "restore"},
                       follow=True).content.decode()
    assert "too late" in page
    assert not Moment.objects.alive().exists()


def test_another_household_cannot_see_edit_delete_or_restore(client_for, mallory, moment):
    client = client_for(mallory)
    assert client.get(f"/moments/{moment.pk}/edit/").status_code == 404
    assert client.post(f"/moments/{moment.pk}/edit/", {"note": "x"}).status_code == 404
    assert client.get(f"/moments/{moment.pk}/delete/").status_code == 404
    assert client.post(f"/moments/{moment.pk}/delete/").status_code == 404
    assert client.post(f"/moments/{moment.pk}/undo/",
                       {"action": "unlog"}).status_code == 404
    assert Moment.objects.alive().count() == 1


def test_a_viewer_cannot_edit_or_delete(client_for, carol, moment):
    client = client_for(carol)
    assert client.get(f"/moments/{moment.pk}/edit/").status_code == 403
    assert client.get("/moments/new/talk/").status_code == 403
    assert client.post(f"/moments/{moment.pk}/edit/", {"note": "x"}).status_code == 403
    assert client.post(f"/moments/{moment.pk}/delete/").status_code == 403
    assert Moment.objects.alive().count() == 1


def test_dates_at_the_edge_of_time_are_refused_not_crashed(client_for, alice, nora, household):
    household.time_zone = "Asia/Tokyo"
    household.save()
    client = client_for(alice)
    for value in ("0001-01-01T00:00", "9999-12-31T23:59"):
        response = client.post(f"/moments/new/feeding/?child={nora.pk}", {
            "child": nora.pk, "started_at": value, "actor": alice.pk, "method": "bottle"})
        assert response.status_code == 200
        assert "between 1900 and 2200" in response.content.decode()
    response = client.post("/children/new/", {"name": "Old", "born": "yes",
                                              "birth_at": "0001-01-01T00:00"})
    assert response.status_code == 200
    assert not Moment.objects.exists()


def test_the_support_page_ignores_a_strange_screening_parameter(client, db):
    assert client.get("/support/?from=questionnaire&screening=abc").status_code == 200


def test_solids_are_offered_from_about_four_months(client_for, alice, nora):
    """A 3-week-old's feed form offered solids; one already noted stays editable."""
    client = client_for(alice)
    assert 'value="solids"' not in client.get(
        f"/moments/new/feeding/?child={nora.pk}").content.decode()
    start = timezone.now() - timedelta(hours=2)
    kept = Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                                 started_at=start, ended_at=start,
                                 details={"method": "solids"})
    assert 'value="solids"' in client.get(f"/moments/{kept.pk}/edit/").content.decode()
    nora.birth_at = timezone.now() - timedelta(days=150)
    nora.save()
    assert 'value="solids"' in client.get(
        f"/moments/new/feeding/?child={nora.pk}").content.decode()


@pytest.mark.parametrize(("typed", "ml", "message"), [
    ("2", 59, None), ("2.5", 74, None), ("2 oz", 59, None), ("2 fl oz", 59, None),
    ("2 1/2", 74, None), ("1/2", 15, None), ("\u0662\u066b\u0665", 74, None),
    # Django's own words were "Enter a number." and "Ensure this value is less than or
    # equal to 33.8."
    ("lots", None, "Enter the amount in fl oz, like 3 or 2.5."),
    ("3/0", None, "Enter the amount in fl oz, like 3 or 2.5."),
    ("40", None, "at most 33.8 fl oz"),
    # Millilitres, said, from a bottle marked in both: the same whole ml back.
    ("120 ml", 120, None), ("125ml", 125, None), ("\u0669\u0660 مل", 90, None),
    ("1000 ml", 1000, None),  # 33.81 fl oz, over the field's 33.8, was refused
    ("5000 ml", None, "Enter the amount in fl oz, like 3 or 2.5."),
])
def test_a_bottle_in_fluid_ounces_as_she_writes_it(client_for, alice, nora, typed, ml,
                                                   message):
    alice.volume_unit = "oz"
    alice.save(update_fields=["volume_unit"])
    response = post_feed(client_for(alice), nora, amount_ml=typed)
    if ml:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Moment.objects.get().details["amount_ml"] == ml
    else:
        page = response.content.decode()
        assert response.status_code == 200 and message in page
        assert "Ensure this value" not in page and not Moment.objects.exists()


def test_who_offers_the_people_who_can_care_not_a_viewer(client_for, alice, bob, carol, nora):
    page = client_for(alice).get(f"/moments/new/feeding/?child={nora.pk}").content.decode()
    who = page[page.index('name="actor"'):]
    who = who[:who.index("</select>")]
    assert f'value="{alice.pk}"' in who and f'value="{bob.pk}"' in who
    assert f'value="{carol.pk}"' not in who


def test_a_letter_is_written_in_her_own_name_only(client_for, alice, bob, nora):
    """The letter form offered "Who": Lucía's private letter could be saved as Diego's,
    and her timeline then read "Letter to your baby · Diego"."""
    client = client_for(alice)
    url = f"/moments/new/letter/?child={nora.pk}"
    page = client.get(url).content.decode()
    assert f'<input type="hidden" name="actor" value="{alice.pk}"' in page
    assert f'value="{bob.pk}"' not in page
    response = client.post(url, {"child": nora.pk, "started_at": london(timezone.now()),
                                 "actor": bob.pk, "note": "Dear you"})
    assert response.status_code == 200 and not Moment.objects.exists()
    client.post(url, {"child": nora.pk, "started_at": london(timezone.now()),
                      "actor": alice.pk, "note": "Dear you"})
    assert Moment.objects.get(kind="letter").actor == alice


@pytest.mark.parametrize("typed,kept", [("37,5", 38), ("37.5", 38), ("12,4", 12),
                                        ("٣٧٫٥", 38), ("90", 90)])
def test_a_bottle_of_half_millilitres_is_kept_to_the_whole_ml(client_for, alice, nora, typed,
                                                              kept):
    """Jana's "37,5" ml for Emil (born at 31 weeks) was refused with "Enter a whole number",
    while the pumping form kept "62,5" as 63."""
    response = post_feed(client_for(alice), nora, amount_ml=typed)
    assert response.status_code == 302, response.content.decode()[-800:]
    assert Moment.objects.get(kind="feeding").details["amount_ml"] == kept


def test_an_amount_that_is_not_a_number_is_still_refused(client_for, alice, nora):
    response = post_feed(client_for(alice), nora, amount_ml="about 40")
    assert response.status_code == 200 and not Moment.objects.exists()


@pytest.mark.parametrize("kind,note", [
    ("note", "Some nights I think everyone would be better off without me."),
    ("letter", "Lo siento, a veces quiero desaparecer."),
    ("talk", "I keep thinking of hurting Nora"),  # her baby by name (Aoife's walk)
])
def test_a_note_or_letter_that_speaks_of_harm_opens_support(client_for, alice, nora, kind,
                                                             note):
    client = client_for(alice)
    when = london(timezone.now() - timedelta(hours=1))
    response = client.post(f"/moments/new/{kind}/?child={nora.pk}", {
        "child": nora.pk, "started_at": when, "actor": alice.pk, "note": note})
    assert response.status_code == 302 and response.url == "/support/?from=note"
    moment = Moment.objects.get()
    assert (moment.kind, moment.note) == (kind, note)
    # Its time corrected later, the note unchanged: back to the timeline, nothing asked.
    edited = client.post(f"/moments/{moment.pk}/edit/", {
        "started_at": london(timezone.now() - timedelta(hours=2)), "actor": alice.pk,
        "note": note, "version": moment.version})
    assert edited.status_code == 302 and edited.url.startswith("/timeline/")
    # Changed to say it in other words, the support page again.
    changed = client.post(f"/moments/{moment.pk}/edit/", {
        "started_at": london(timezone.now() - timedelta(hours=2)), "actor": alice.pk,
        "note": "I want to die", "version": moment.version + 1})
    assert changed.url == "/support/?from=note"


def test_an_everyday_note_goes_back_to_the_timeline(client_for, alice, nora):
    response = client_for(alice).post(f"/moments/new/note/?child={nora.pk}", {
        "child": nora.pk, "started_at": london(timezone.now() - timedelta(hours=1)),
        "actor": alice.pk, "note": "This baby is killing me with those smiles"})
    assert response.url.startswith("/timeline/")


@pytest.mark.parametrize(("typed", "ml", "message"), [
    ("90", 90, None), ("90 ml", 90, None), ("4 oz", 118, None), ("4 fl oz", 118, None),
    ("3,5 oz", 104, None),
    ("40 oz", None, "Enter the amount in ml, like 90 (or in fl oz, like 3 oz)."),
    ("lots of oz", None, "Enter the amount in ml, like 90 (or in fl oz, like 3 oz)."),
])
def test_a_bottle_in_ounces_where_the_household_reads_ml(client_for, alice, nora, typed, ml,
                                                         message):
    """Sophie's bottle is marked in both; "4 oz" was refused as "Enter a whole number"."""
    response = post_feed(client_for(alice), nora, amount_ml=typed)
    if ml:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert Moment.objects.get().details["amount_ml"] == ml
    else:
        assert response.status_code == 200 and message in response.content.decode()
        assert not Moment.objects.exists()


def test_a_note_kept_with_plain_line_breaks_is_unchanged_when_sent_back_by_a_browser(
        client_for, alice, nora):
    """Kept through the API or an import with "\n", sent back by the browser with
    "\r\n": the same note, so correcting only its time asks nothing."""
    note = "Rough night.\nI want to die."
    moment = Moment.objects.create(household=nora.household, child=nora, kind="note",
                                   started_at=timezone.now() - timedelta(hours=1),
                                   ended_at=timezone.now() - timedelta(hours=1),
                                   actor=alice, created_by=alice, note=note)
    response = client_for(alice).post(f"/moments/{moment.pk}/edit/", {
        "started_at": london(timezone.now() - timedelta(hours=2)), "actor": alice.pk,
        "note": note.replace("\n", "\r\n"), "version": moment.version})
    assert response.status_code == 302 and response.url.startswith("/timeline/")


def test_twins_choose_the_baby_on_the_add_form(client_for, alice, nora, household):
    """Valeria's twins: the add form named one baby and hid the choice; the wrong one
    meant going back to Today to switch. Her twin is offered there, the one on the way
    (a sibling not born yet) is not."""
    from nestwell.children.models import Child

    twin = Child.objects.create(household=household, name="Nell", birth_at=nora.birth_at)
    Child.objects.create(household=household, name="Bump",
                         due_date=timezone.localdate() + timedelta(days=200))
    client = client_for(alice)
    page = client.get(f"/moments/new/talk/?child={nora.pk}").content.decode()
    picker = page.split('name="child"')[1].split("</select>")[0]
    assert ">Nell<" in picker and ">Nora<" in picker and "Bump" not in picker
    assert 'type="hidden" name="child"' not in page
    response = client.post(f"/moments/new/talk/?child={nora.pk}", {
        "child": twin.pk, "started_at": london(timezone.now() - timedelta(minutes=10)),
        "actor": alice.pk})
    assert response.status_code == 302
    assert Moment.objects.get().child == twin


def test_a_very_small_bottle_is_said_and_kept(client_for, alice, nora):
    """Dana, reading ml in a household that reads fl oz, typed "3" and kept 3 ml: Nestwell
    keeps what was typed and says how to change it; a usual bottle, or a tube feed in a
    unit, is not remarked on."""
    client = client_for(alice)
    post_feed(client, nora, amount_ml="3")
    page = client.get("/").content.decode()
    assert "is a very small bottle. If you meant 3 fl oz" in page
    assert Moment.objects.get().details["amount_ml"] == 3
    post_feed(client, nora, amount_ml="60")
    assert "very small bottle" not in client.get("/").content.decode()
    nora.neonatal_care = nora.in_unit = True
    nora.save()
    post_feed(client, nora, amount_ml="4")
    assert "very small bottle" not in client.get("/").content.decode()
    # In the first days a few ml is usual: not remarked on either.
    nora.neonatal_care = nora.in_unit = False
    nora.birth_at = timezone.now() - timedelta(days=2, hours=3)
    nora.save()
    post_feed(client, nora, amount_ml="5")
    assert Moment.objects.filter(details__amount_ml=5).exists()
    assert "very small bottle" not in client.get("/").content.decode()


def test_a_very_small_bottle_from_the_timer_card_is_said_too(client_for, alice, nora):
    client = client_for(alice)
    running = Moment.objects.create(household=nora.household, child=nora, kind="feeding",
                                    started_at=timezone.now() - timedelta(minutes=15),
                                    details={"method": "bottle"}, actor=alice,
                                    created_by=alice)
    client.post(f"/moments/{running.pk}/stop/", {"amount": "2"})
    running.refresh_from_db()
    assert running.details["amount_ml"] == 2 and running.ended_at is not None
    assert "is a very small bottle" in client.get("/").content.decode()
