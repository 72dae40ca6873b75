"""Pregnancy: counting movements, letters to the baby, and the pregnancy home screen."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.pregnancy import services as pregnancy
from nestwell.pregnancy.movements import part_of_day, summarise


@pytest.fixture
def bump(household):
    return Child.objects.create(household=household, name="Bump",
                                due_date=timezone.localdate() + timedelta(weeks=12))


# --- pure ----------------------------------------------------------------------------

def test_time_to_ten_is_the_tenth_tap():
    taps = [30, 70, 100, 180, 200, 260, 400, 420, 500, 615, 700]
    session = summarise(None, taps, 800)
    assert (session.count, session.seconds_to_ten, session.minutes_to_ten) == (11, 615, 10)
    assert summarise(None, taps[:9], 800).seconds_to_ten is None
    assert summarise(6, [], 900).count == 6  # a count typed in from paper


@pytest.mark.parametrize(("hour", "part"), [(4, "night"), (5, "morning"), (11, "morning"),
                                            (12, "afternoon"), (17, "evening"), (22, "night")])
def test_parts_of_the_day(hour, part):
    assert part_of_day(hour) == part


# --- the counter ---------------------------------------------------------------------

def test_the_pregnancy_home_offers_bump_actions_and_the_birth(client_for, alice, bump):
    page = client_for(alice).get("/").content.decode()
    assert "of pregnancy" in page
    for words in ("Talking to the bump", "Music for the bump", "Baby's movements",
                  "Write to your baby", "record the birth"):
        assert words in page, words


def test_a_caregiver_does_not_see_the_birth_button(client_for, bob, bump):
    page = client_for(bob).get("/").content.decode()
    assert "record the birth" not in page and "Baby's movements" in page


def test_counting_taps_and_time_to_ten(client_for, alice, bump):
    client = client_for(alice)
    client.post(f"/pregnancy/movements/?child={bump.pk}")
    session = Moment.objects.get(kind="movement_count")
    assert session.is_running and session.details == {"count": 0}
    for _ in range(3):
        response = client.post(f"/pregnancy/movements/{session.pk}/tap/",
                               headers={"HX-Request": "true"})
    page = response.content.decode()
    assert 'data-testid="movement-count">3<' in page and "<html" not in page
    client.post(f"/pregnancy/movements/{session.pk}/untap/")
    session.refresh_from_db()
    assert session.details["count"] == 2 and len(session.details["taps"]) == 2
    client.post(f"/pregnancy/movements/{session.pk}/finish/")
    session.refresh_from_db()
    assert not session.is_running and session.details["count"] == 2
    page = client.get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert "2 movements" in page and "Start counting" in page


def test_the_tenth_tap_shows_how_long_the_first_ten_took(alice, bump):
    session = pregnancy.start_counting(child=bump, user=alice)
    for minute in range(1, 12):
        session = pregnancy.tap(session, at=session.started_at + timedelta(minutes=minute * 2))
    assert session.details["taps"][9] == 20 * 60


def test_the_advice_never_asks_her_to_wait(client_for, alice, bump):
    page = client_for(alice).get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert "call your maternity unit straight away" in page
    assert "Do not wait" in page and "not a verdict" in page


def test_one_session_at_a_time_and_none_after_birth(alice, bump, nora):
    pregnancy.start_counting(child=bump, user=alice)
    with pytest.raises(ValidationError):
        pregnancy.start_counting(child=bump, user=alice)
    with pytest.raises(ValidationError):
        pregnancy.start_counting(child=nora, user=alice)


def test_a_finished_session_takes_no_more_taps(client_for, alice, bump):
    session = pregnancy.start_counting(child=bump, user=alice)
    pregnancy.finish(session)
    assert client_for(alice).post(f"/pregnancy/movements/{session.pk}/tap/").status_code == 404
    with pytest.raises(ValidationError):
        pregnancy.tap(session)


def test_editing_a_session_keeps_its_taps(client_for, alice, bump):
    session = pregnancy.start_counting(child=bump, user=alice)
    for _ in range(4):
        session = pregnancy.tap(session)
    session = pregnancy.finish(session)
    london = ZoneInfo("Europe/London")
    start = timezone.localtime(session.started_at, london).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(session.ended_at + timedelta(minutes=1), london).strftime(
        "%Y-%m-%dT%H:%M")
    response = client_for(alice).post(f"/moments/{session.pk}/edit/", {
        "started_at": start, "ended_at": end, "actor": alice.pk, "note": "after lunch",
        "version": session.version, "count": 5})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.details["count"] == 5 and len(session.details["taps"]) == 4


def test_the_running_session_shows_in_the_timers_with_its_count(client_for, alice, bump):
    session = pregnancy.start_counting(child=bump, user=alice)
    pregnancy.tap(session)
    page = client_for(alice).get("/timers/").content.decode()
    assert "1 movement" in page and "/pregnancy/movements/" in page


def test_another_household_cannot_tap(client_for, mallory, alice, bump):
    session = pregnancy.start_counting(child=bump, user=alice)
    client = client_for(mallory)
    for action in ("tap", "untap", "finish"):
        assert client.post(f"/pregnancy/movements/{session.pk}/{action}/").status_code == 404
    session.refresh_from_db()
    assert session.details["count"] == 0 and session.is_running


def test_movement_page_queries_stay_constant(client_for, alice, bump,
                                             django_assert_max_num_queries):
    for day in range(10):
        start = timezone.now() - timedelta(days=day, hours=2)
        Moment.objects.create(household=bump.household, child=bump, kind="movement_count",
                              started_at=start, ended_at=start + timedelta(minutes=20),
                              details={"count": 10, "taps": list(range(0, 600, 60))})
    client = client_for(alice)
    with django_assert_max_num_queries(8):
        assert client.get(f"/pregnancy/movements/?child={bump.pk}").status_code == 200


# --- letters -------------------------------------------------------------------------

def test_a_letter_is_hers_alone_unless_shared(client_for, alice, bob, mallory, bump):
    client = client_for(alice)
    client.post(f"/letters/?child={bump.pk}", {"text": "Dear little one, Quillfeather"})
    client.post(f"/letters/?child={bump.pk}", {"text": "We painted your room, Bramblewick",
                                               "shared": "on"})
    assert Moment.objects.filter(kind="letter").count() == 2
    mine = client.get(f"/letters/?child={bump.pk}").content.decode()
    assert "Quillfeather" in mine and "Bramblewick" in mine
    private = Moment.objects.get(note__contains="Quillfeather")
    bobs = client_for(bob)
    page = bobs.get(f"/letters/?child={bump.pk}").content.decode()
    assert "Quillfeather" not in page and "Bramblewick" in page
    day = timezone.localdate().isoformat()
    timeline = bobs.get(f"/timeline/?child={bump.pk}&day={day}").content.decode()
    assert "Quillfeather" not in timeline and "Bramblewick" in timeline
    assert bobs.get(f"/moments/{private.pk}/edit/").status_code == 404
    assert bobs.post(f"/moments/{private.pk}/delete/").status_code == 404
    assert "Quillfeather" not in client_for(mallory).get("/letters/").content.decode()


def test_an_empty_letter_is_refused_kindly(client_for, alice, bump):
    page = client_for(alice).post(f"/letters/?child={bump.pk}", {"text": "  "})
    assert "Write a few words first." in page.content.decode()
    assert not Moment.objects.filter(kind="letter").exists()


def test_the_movement_page_offers_her_maternity_unit_as_a_tap(client_for, alice, bob, bump):
    from nestwell.wellbeing.models import SupportContact

    SupportContact.objects.create(household=bump.household, owner=alice, name="St Mary's",
                                  role="maternity_unit", phone="020 3312 6666")
    SupportContact.objects.create(household=bump.household, owner=bob, name="Bob's ward",
                                  role="maternity_unit", phone="020 0000 0000")
    page = client_for(alice).get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert 'href="tel:02033126666"' in page and "Maternity unit or labour ward" in page
    assert "Bob's ward" not in page and "02000000000" not in page


def test_without_a_number_the_movement_page_offers_to_add_one(client_for, alice, bump):
    page = client_for(alice).get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert "Add your maternity unit" in page and "tel:" not in page


def test_ten_in_seconds_reads_as_under_a_minute(client_for, alice, bump):
    # "the first ten in 1 minute (17 s)" contradicted itself.
    session = pregnancy.start_counting(child=bump, user=alice)
    for second in range(1, 11):
        session = pregnancy.tap(session, at=session.started_at + timedelta(seconds=second))
    Moment.objects.filter(pk=session.pk).update(
        ended_at=session.started_at + timedelta(seconds=17))
    page = client_for(alice).get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert "the first ten in under a minute" in page and "the first ten in 1 minute" not in page
    # The session's length is said as such: "(17 s)" read as the time the ten took.
    assert "(counted for 17 s)" in page


def test_after_the_birth_the_page_keeps_the_counts_without_the_urgent_advice(
        client_for, alice, bump):
    long_ago = timezone.now() - timedelta(days=40)
    Moment.objects.create(household=bump.household, child=bump, kind="movement_count",
                          started_at=long_ago, ended_at=long_ago + timedelta(minutes=5),
                          details={"count": 12})
    Child.objects.filter(pk=bump.pk).update(birth_at=timezone.now() - timedelta(days=10))
    page = client_for(alice).get(f"/pregnancy/movements/?child={bump.pk}").content.decode()
    assert 'data-testid="movement-advice"' not in page
    assert "Counted in pregnancy" in page and "12 movements" in page


def test_a_letter_that_speaks_of_harm_opens_support(client_for, alice, bump):
    response = client_for(alice).post(f"/letters/?child={bump.pk}", {
        "text": "Little one, some days I think you would be better off without me."})
    assert response.status_code == 302 and response.url == "/support/?from=note"
    assert Moment.objects.filter(kind="letter").count() == 1


def test_a_midwife_alone_does_not_stand_in_for_the_unit_that_answers_at_night(
        client_for, alice, bob, bump):
    """Nadia added her community midwife (office hours): the page made that number its
    one-tap call under "call your maternity unit, day or night", and stopped asking for
    the unit's. The midwife stays a tap, and the unit is still asked for."""
    from nestwell.wellbeing.models import SupportContact

    SupportContact.objects.create(household=bump.household, owner=alice, name="Siobhán",
                                  role="midwife", phone="021 492 0000", for_household=True)
    url = f"/pregnancy/movements/?child={bump.pk}"
    for person in (alice, bob):
        page = client_for(person).get(url).content.decode()
        assert 'href="tel:0214920000"' in page
        assert 'data-testid="add-maternity-unit"' in page
        assert "Add your maternity unit or labour ward too: it answers day and night" in page
    SupportContact.objects.create(household=bump.household, owner=alice, name="CUMH",
                                  role="maternity_unit", phone="021 492 0500")
    page = client_for(alice).get(url).content.decode()
    assert 'data-testid="add-maternity-unit"' not in page
    assert page.index("tel:0214920500") < page.index("tel:0214920000")  # the unit first
