"""Pumping and the milk store in the app: a session kept (its milk into the store in one
step), bags moved on and used, stale edits refused, other households and viewers kept out,
and a constant number of queries whatever the history."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.milk import services
from nestwell.milk.models import MilkBag, PumpingSession


def _local(at):
    return timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")


def _ago(**kw):
    return (timezone.now() - timedelta(**kw)).replace(second=0, microsecond=0)


def test_a_session_puts_its_milk_in_the_store_in_one_step(client_for, bob, nora):
    when = _ago(hours=1)
    page = client_for(bob).post("/milk/pumping/", {
        "started_at": _local(when), "minutes": "20", "side": "both", "amount": "4",
        "unit": "oz", "store": "fridge", "note": "evening"}, follow=True).content.decode()
    session = PumpingSession.objects.get()
    assert (session.amount_ml, session.minutes, session.side, session.created_by) == (
        118, 20, "both", bob)
    bag = MilkBag.objects.get()
    assert (bag.session, bag.amount_ml, bag.place, bag.expressed_at) == (session, 118,
                                                                         "fridge", when)
    assert bag.use_by == services.storage.use_by("fridge", when, timezone.get_current_timezone())
    assert "put in the store" in page and "Pumped 118 ml" in page


def test_bad_input_keeps_nothing_and_says_why(client_for, alice, nora):
    client = client_for(alice)
    for data, words in [({"amount": "lots"}, "as a number"),
                        ({"amount": "2000"}, "between 1 and 1000"),
                        # "900" for 90 doubled a day's total in the report
                        ({"amount": "900", "minutes": "10"}, "more than one pumping session"),
                        ({"amount": "90", "minutes": "600"}, "Between 0 and 240 minutes"),
                        ({"amount": "", "store": "fridge"}, "how much"),
                        ({"started_at": _local(timezone.now() + timedelta(hours=2))},
                         "in the future")]:
        response = client.post("/milk/pumping/", {"started_at": _local(_ago(minutes=5)),
                                                  "unit": "ml", **data})
        assert response.status_code == 200 and words in response.content.decode(), data
    assert not PumpingSession.objects.exists() and not MilkBag.objects.exists()


def test_the_store_lists_soonest_use_by_first_with_calm_words(client_for, alice, nora):
    services.add_bag(child=nora, user=alice, expressed_at=_ago(days=2), amount_ml=60,
                     place="freezer")
    services.add_bag(child=nora, user=alice, expressed_at=_ago(days=1), amount_ml=90,
                     place="fridge")
    services.add_bag(child=nora, user=alice, expressed_at=_ago(minutes=30), amount_ml=30,
                     place="room")
    page = client_for(alice).get("/milk/store/").content.decode()
    assert [p for p in ("room", "fridge", "freezer")] == sorted(
        ("room", "fridge", "freezer"), key=lambda p: page.index(f'data-place="{p}"'))
    assert "180 ml in all" in page and "Use by" in page
    assert "NHS" in page and "Breastfeeding Network" in page
    for alarm in ("expired", "warning", "danger", "should"):
        assert alarm not in page.lower()


def test_moving_a_bag_on_works_out_its_use_by_again(client_for, bob, nora, alice):
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(days=1), amount_ml=90,
                           place="fridge")
    client = client_for(bob)
    client.post(f"/milk/store/{bag.pk}/tap/", {"action": "freezer", "version": bag.version})
    bag.refresh_from_db()
    assert bag.place == "freezer" and bag.use_by > timezone.now() + timedelta(days=150)
    client.post(f"/milk/store/{bag.pk}/tap/", {"action": "thawed", "version": bag.version})
    bag.refresh_from_db()
    assert bag.place == "thawed" and bag.use_by - bag.thawed_at == timedelta(hours=12)
    page = client.post(f"/milk/store/{bag.pk}/tap/", {"action": "freezer",
                                                      "version": bag.version},
                       follow=True).content.decode()
    bag.refresh_from_db()
    assert bag.place == "thawed" and "not frozen again" in page
    client.post(f"/milk/store/{bag.pk}/tap/", {"action": "used", "version": bag.version})
    bag.refresh_from_db()
    assert bag.state == "used" and bag.finished_at is not None
    assert "Nothing in the store" in client.get("/milk/store/").content.decode()


def test_a_tap_on_an_old_page_changes_nothing(client_for, alice, nora):
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(days=1), amount_ml=90,
                           place="fridge")
    old = bag.version
    services.move_bag(bag, version=old, place="freezer")
    page = client_for(alice).post(f"/milk/store/{bag.pk}/tap/", {
        "action": "discarded", "version": old}, follow=True).content.decode()
    bag.refresh_from_db()
    assert bag.state == "kept" and "This was changed since you opened it" in page


def test_a_stale_edit_shows_the_latest_version(client_for, alice, nora):
    session = services.add_session(child=nora, user=alice, started_at=_ago(hours=2),
                                   amount_ml=80)
    form = {"started_at": _local(session.started_at), "amount": "85", "unit": "ml",
            "version": session.version}
    services.update_session(session, version=session.version,
                            started_at=session.started_at, amount_ml=100)
    response = client_for(alice).post(f"/milk/pumping/{session.pk}/", form, follow=True)
    session.refresh_from_db()
    assert session.amount_ml == 100
    assert "This was changed since you opened it" in response.content.decode()


def test_deleting_a_session_leaves_its_milk_in_the_store(client_for, alice, nora):
    session = services.add_session(child=nora, user=alice, started_at=_ago(hours=2),
                                   amount_ml=80, store="freezer")
    client_for(alice).post(f"/milk/pumping/{session.pk}/", {"delete": "1", "confirmed": "1"})
    assert not PumpingSession.objects.exists()
    assert MilkBag.objects.get().session is None


def test_sessions_are_on_the_timeline_and_today(client_for, alice, nora):
    made = services.add_session(child=nora, user=alice, started_at=_ago(minutes=20),
                                minutes=15, side="left", amount_ml=70, store="fridge")
    client = client_for(alice)
    day = timezone.localdate(made.started_at).isoformat()
    timeline = client.get(f"/timeline/?day={day}").content.decode()
    assert "Pumped 70 ml" in timeline and "left · 15 minutes" in timeline
    home = client.get("/").content.decode()
    assert 'data-testid="milk-today"' in home and "In the store: 1 bottle or bag, 70 ml" in home


@pytest.mark.parametrize("path", ["/milk/pumping/{s}/", "/milk/store/{b}/"])
def test_another_household_finds_nothing(client_for, alice, nora, mallory, path):
    session = services.add_session(child=nora, user=alice, started_at=_ago(hours=2),
                                   amount_ml=80, store="fridge")
    url = path.format(s=session.pk, b=MilkBag.objects.get().pk)
    client = client_for(mallory)
    assert client.get(url).status_code == 404
    assert client.post(url, {"delete": "1", "confirmed": "1"}).status_code == 404
    assert client.post(f"/milk/store/{MilkBag.objects.get().pk}/tap/",
                       {"action": "used", "version": 1}).status_code == 404
    assert PumpingSession.objects.exists() and MilkBag.objects.get().state == "kept"


def test_a_viewer_reads_but_does_not_write(client_for, alice, carol, nora):
    session = services.add_session(child=nora, user=alice, started_at=_ago(hours=2),
                                   amount_ml=80, store="fridge")
    bag = MilkBag.objects.get()
    client = client_for(carol)
    assert client.get("/milk/pumping/").status_code == 200
    assert client.get("/milk/store/").status_code == 200
    assert client.post("/milk/pumping/", {"started_at": _local(_ago(minutes=1)),
                                          "unit": "ml"}).status_code == 403
    assert client.post("/milk/store/", {"amount": "50", "unit": "ml", "place": "fridge",
                                        "expressed_at": _local(_ago(minutes=1))}
                       ).status_code == 403
    assert client.get(f"/milk/pumping/{session.pk}/").status_code == 403
    assert client.post(f"/milk/store/{bag.pk}/tap/", {"action": "used",
                                                     "version": 1}).status_code == 403
    assert PumpingSession.objects.count() == 1 and MilkBag.objects.get().state == "kept"


@pytest.mark.parametrize("path", ["/milk/pumping/", "/milk/store/"])
def test_the_pages_make_the_same_queries_for_a_long_history(client_for, alice, nora, path,
                                                            django_assert_max_num_queries):
    client = client_for(alice)

    def fill(n):
        for i in range(n):
            services.add_session(child=nora, user=alice, started_at=_ago(hours=3 + i),
                                 amount_ml=50 + i, side="left", minutes=10, store="freezer")

    fill(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    fill(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_deleting_the_household_takes_pumping_and_the_store_with_it(client_for, alice,
                                                                     household, nora, sam):
    from nestwell.accounts.models import Household
    from tests.conftest import PASSWORD

    services.add_session(child=nora, user=alice, started_at=_ago(hours=2), amount_ml=80,
                         store="freezer")
    services.add_session(child=sam, user=None, started_at=_ago(hours=2), amount_ml=50,
                         store="fridge")  # another household's, untouched
    response = client_for(alice).post("/household/data/delete/", {
        "name": "the garcias", "password": PASSWORD})
    assert response.status_code == 302
    assert not Household.objects.filter(pk=household.pk).exists()
    assert list(PumpingSession.objects.values_list("child", flat=True)) == [sam.pk]
    assert list(MilkBag.objects.values_list("child", flat=True)) == [sam.pk]


def test_for_a_baby_in_neonatal_care_the_units_rules_come_first(client_for, alice, nora):
    page = client_for(alice).get(f"/milk/store/?child={nora.pk}").content.decode()
    assert 'data-testid="unit-rules"' not in page  # a baby at term, at home
    nora.neonatal_care = True
    nora.save()
    page = client_for(alice).get(f"/milk/store/?child={nora.pk}").content.decode()
    assert 'data-testid="unit-rules"' in page and "the unit's own rules" in page


def test_a_session_of_another_day_shows_its_day_in_the_latest_list(client_for, alice, nora):
    from nestwell.accounts import measures

    before = _ago(days=2)
    PumpingSession.objects.create(household=nora.household, child=nora, amount_ml=60,
                                  started_at=before)
    PumpingSession.objects.create(household=nora.household, child=nora, amount_ml=40,
                                  started_at=_ago(minutes=30))
    page = client_for(alice).get(f"/milk/pumping/?child={nora.pk}").content.decode()
    day = measures.day(timezone.localtime(before), "D j M")
    assert page.count(f">{day}, ") == 1  # the older one says its day; today's its time


def test_a_tap_on_the_wrong_bag_is_taken_back_with_undo(client_for, bob, alice, nora):
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(days=10), amount_ml=90,
                           place="freezer")
    before = (bag.place, bag.use_by, bag.thawed_at, bag.state, bag.finished_at)
    client = client_for(bob)
    client.post(f"/milk/store/{bag.pk}/tap/", {"action": "thawed", "version": bag.version})
    bag.refresh_from_db()
    assert bag.place == "thawed"
    page = client.get("/milk/store/").content.decode()
    # Said once, in the toast, with its Undo.
    assert page.count("90\u00a0ml thawing in the fridge.") == 1
    assert f'action="/milk/store/{bag.pk}/undo/"' in page
    page = client.post(f"/milk/store/{bag.pk}/undo/", follow=True).content.decode()
    bag.refresh_from_db()
    assert (bag.place, bag.use_by, bag.thawed_at, bag.state, bag.finished_at) == before
    assert "Taken back." in page and 'data-place="freezer"' in page
    # Once: a second Undo has nothing left to take back.
    page = client.post(f"/milk/store/{bag.pk}/undo/", follow=True).content.decode()
    assert "nothing here to undo" in page


def test_used_or_poured_away_by_mistake_comes_back_to_the_store(client_for, alice, nora):
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=5), amount_ml=60,
                           place="fridge")
    client = client_for(alice)
    for action, words in [("used", "60\u00a0ml used."), ("discarded", "60\u00a0ml poured away.")]:
        page = client.post(f"/milk/store/{bag.pk}/tap/", {"action": action,
                                                          "version": bag.version},
                           follow=True).content.decode()
        assert words in page and "Nothing in the store" in page
        client.post(f"/milk/store/{bag.pk}/undo/")
        bag.refresh_from_db()
        assert (bag.state, bag.finished_at, bag.place) == ("kept", None, "fridge")


def test_undo_is_refused_late_or_after_another_change(client_for, alice, bob, nora):
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(days=1), amount_ml=90,
                           place="fridge")
    client = client_for(alice)
    client.post(f"/milk/store/{bag.pk}/tap/", {"action": "freezer", "version": bag.version})
    session = client.session
    session["milk_step"]["at"] = (timezone.now() - timedelta(hours=1)).isoformat()
    session.save()
    page = client.post(f"/milk/store/{bag.pk}/undo/", follow=True).content.decode()
    bag.refresh_from_db()
    assert "too late to undo" in page and bag.place == "freezer"

    client.post(f"/milk/store/{bag.pk}/tap/", {"action": "thawed", "version": bag.version})
    bag.refresh_from_db()
    services.finish_bag(bag, version=bag.version, state="used")  # her partner, meanwhile
    page = client.post(f"/milk/store/{bag.pk}/undo/", follow=True).content.decode()
    bag.refresh_from_db()
    assert "left as it is" in page and (bag.state, bag.place) == ("used", "thawed")


def test_only_her_own_last_tap_is_undone(client_for, alice, bob, nora):
    first = services.add_bag(child=nora, user=alice, expressed_at=_ago(days=1), amount_ml=90,
                             place="fridge")
    client_for(alice).post(f"/milk/store/{first.pk}/tap/", {"action": "used",
                                                              "version": first.version})
    # Her partner's session made no tap: there is nothing for him to take back.
    page = client_for(bob).post(f"/milk/store/{first.pk}/undo/", follow=True).content.decode()
    first.refresh_from_db()
    assert "nothing here to undo" in page and first.state == "used"


def test_a_twins_store_says_what_is_kept_for_the_other_twin(client_for, bob, alice, nora):
    """Milk pumped with Léa on the page is kept under Léa: Hugo's store said "nothing in
    the store" with 271 ml there. It says what is kept for the other twin, with the way."""
    from nestwell.children.models import Child

    hugo = Child.objects.create(household=nora.household, name="Hugo",
                                birth_at=nora.birth_at)
    for ml in (120, 151):
        services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=3), amount_ml=ml,
                         place="fridge")
    page = client_for(bob).get(f"/milk/store/?child={hugo.pk}").content.decode()
    assert 'data-testid="kept-elsewhere"' in page
    assert "Kept for Nora: 2 bottles or bags, 271\u00a0ml." in page
    assert f'href="/milk/store/?child={nora.pk}"' in page
    page = client_for(bob).get(f"/milk/store/?child={nora.pk}").content.decode()
    assert 'data-testid="kept-elsewhere"' not in page  # nothing kept for Hugo


def test_an_empty_store_says_so_once(client_for, alice, nora):
    page = client_for(alice).get("/milk/store/").content.decode()
    assert "Nothing in the store just now." in page
    assert "0 bottles or bags kept" not in page and "0 bottle or bag kept" not in page


def test_milk_past_its_time_is_not_moved_on_and_keeps_its_warning(client_for, alice, nora):
    """Jana's 90 ml at room temperature since 07:00 read "past its time" at 16:16, was
    still offered the freezer, and one tap later read "use by 5 June 2027"."""
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=9), amount_ml=90,
                           place="room")
    client = client_for(alice)
    page = client.get("/milk/store/").content.decode()
    assert "Past the time the guidance gives" in page
    taps = page.split('class="chips wrap bag-taps"', 1)[1].split("</form>", 1)[0]
    assert 'value="freezer"' not in taps and 'value="fridge"' not in taps
    assert 'value="discarded"' in taps and 'value="used"' in taps
    page = client.post(f"/milk/store/{bag.pk}/tap/", {"action": "freezer",
                                                      "version": bag.version},
                       follow=True).content.decode()
    bag.refresh_from_db()
    assert bag.place == "room" and "is not moved on" in page
    assert "Past the time the guidance gives" in page


def test_a_session_kept_before_the_limit_keeps_its_amount_when_its_note_changes(alice, nora):
    """An imported 800 ml session (the import allows up to 1000) could not have its note
    changed once a session's limit became 500 ml; a new amount over 500 still asks."""
    from django.core.exceptions import ValidationError

    session = PumpingSession.objects.create(household=nora.household, child=nora,
                                            started_at=_ago(hours=3), amount_ml=800,
                                            created_by=alice)
    services.update_session(session, version=session.version, started_at=session.started_at,
                            amount_ml=800, note="both sides, a long one")
    session.refresh_from_db()
    assert (session.amount_ml, session.note) == (800, "both sides, a long one")
    with pytest.raises(ValidationError) as refused:
        services.update_session(session, version=session.version,
                                started_at=session.started_at, amount_ml=900)
    assert "more than one pumping session gives (up to 500" in str(refused.value)


def test_a_us_household_reads_and_keeps_the_cdc_s_fridge_days(client_for, alice, nora):
    household = nora.household
    household.country, household.time_zone = "", "America/Chicago"  # guessed: the US
    household.save()
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(minutes=30),
                           amount_ml=90, place="fridge")
    assert bag.use_by - bag.expressed_at < timedelta(days=4, hours=2)
    page = client_for(alice).get("/milk/store/").content.decode()
    assert "up to 4 days" in page and "CDC, “Breast Milk Storage" in page
    household.time_zone = "Europe/London"
    household.save()
    page = client_for(alice).get("/milk/store/").content.decode()
    assert "up to 8 days" in page


@pytest.mark.parametrize(("typed", "unit", "ml"), [
    ("1,5 oz", "ml", 44), ("90", "ml", 90), ("120 ml", "oz", 120), ("\u0669\u0660 مل", "oz", 90),
    ("3", "oz", 89)])
def test_an_amount_typed_with_its_unit_is_read_in_that_unit(typed, unit, ml):
    """Valeria typed "1,5 oz" with ml chosen: refused as "Enter the amount as a number"."""
    assert services.read_amount(typed, unit) == ml


def test_milk_taken_to_the_unit_leaves_the_store(client_for, alice, nora):
    """Lena: the only taps were Used and Poured away for the milk she brings to the unit."""
    bag = services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=2), amount_ml=40,
                           place="fridge")
    client = client_for(alice)
    assert 'data-testid="bag-to-unit"' not in client.get(
        f"/milk/store/?child={nora.pk}").content.decode()
    nora.neonatal_care = nora.in_unit = True
    nora.save()
    assert 'data-testid="bag-to-unit"' in client.get(
        f"/milk/store/?child={nora.pk}").content.decode()
    page = client.post(f"/milk/store/{bag.pk}/tap/", {"action": "to_unit",
                                                      "version": bag.version},
                       follow=True).content.decode()
    assert "40\u00a0ml taken to the unit." in page and "Nothing in the store" in page
    bag.refresh_from_db()
    assert bag.state == "to_unit" and bag.finished_at is not None
    client.post(f"/milk/store/{bag.pk}/undo/")
    bag.refresh_from_db()
    assert (bag.state, bag.finished_at) == ("kept", None)


def test_today_says_an_empty_store_in_words_not_as_nought(client_for, alice, nora):
    # Fatima took it all to the unit: "In the store: 0 bottles or bags, 0 ml" read oddly
    # (and wrongly in Arabic); so did "Pumped today: 0 times" the morning after.
    client = client_for(alice)
    # Pumped this very minute: today on any clock (50 minutes ago is yesterday at 00:30).
    bag = services.add_session(child=nora, user=alice, started_at=_ago(minutes=0),
                               amount_ml=70, store="fridge").bags.get()
    services.finish_bag(bag, version=bag.version, state="to_unit")
    today = client.get("/").content.decode().split('data-testid="milk-today"')[1]
    today = today.split("</p>")[0]
    assert "Pumped today: 1 time" in today and "Nothing in the store just now." in today
    assert "0 bottles" not in today
    # Milk kept from before, nothing pumped yet today: the store, and a way to pumping.
    PumpingSession.objects.all().delete()
    services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=30), amount_ml=40,
                     place="fridge")
    today = client.get("/").content.decode().split('data-testid="milk-today"')[1]
    today = today.split("</p>")[0]
    assert "No pumping logged today." in today and "In the store: 1 bottle or bag" in today
    assert "0 times" not in today


def test_today_counts_the_milk_that_can_still_be_given(client_for, alice, nora):
    """Ben's walk: "In the store: 34 bottles or bags, 4280 ml", most of them past their
    use-by time. Today counts what can still be given and says how many are past it."""
    services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=2), amount_ml=70,
                     place="fridge")
    services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=24 * 10), amount_ml=120,
                     place="fridge")
    services.add_bag(child=nora, user=alice, expressed_at=_ago(hours=24 * 12), amount_ml=90,
                     place="fridge")
    home = client_for(alice).get("/").content.decode()
    assert "In the store: 1 bottle or bag, 70\xa0ml." in home
    assert "2 past their use-by time." in home
    MilkBag.objects.filter(amount_ml=70).update(use_by=timezone.now() - timedelta(minutes=1))
    home = client_for(alice).get("/").content.decode()
    assert "Nothing in the store just now." in home and "3 past their use-by time." in home
