"""The birth in one step, the first hour, corrected age and kangaroo care."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.pregnancy import services as pregnancy
from nestwell.wellbeing.models import ScreeningResponse


@pytest.fixture
def bump(household):
    return Child.objects.create(household=household, name="Bump",
                                due_date=timezone.localdate() + timedelta(weeks=6))


def local(dt):
    """As typed into the form: wall-clock time in the household's zone."""
    return timezone.localtime(dt, ZoneInfo("Europe/London")).strftime("%Y-%m-%dT%H:%M")


def test_the_form_suggests_the_weeks_from_the_due_date(client_for, alice, bump):
    page = client_for(alice).get(f"/children/{bump.pk}/birth/").content.decode()
    assert 'name="gestation_weeks" dir="auto" value="34"' in page
    assert 'name="gestation_days" value="0"' in page


def test_recording_the_birth_keeps_every_earlier_record(client_for, alice, bump, household):
    start = timezone.now() - timedelta(days=20)
    Moment.objects.create(household=household, child=bump, kind="bump_talk",
                          started_at=start, ended_at=start)
    Moment.objects.create(household=household, child=bump, kind="letter", started_at=start,
                          ended_at=start, note="Dear you", created_by=alice)
    session = pregnancy.start_counting(child=bump, user=alice)
    ScreeningResponse.objects.create(household=household, author=alice, instrument="maas",
                                     version="1", total=70)
    born_at = timezone.now() - timedelta(hours=2)
    response = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(born_at), "gestation_weeks": "34", "gestation_days": "2",
        "weight_grams": "2150", "notes": "Quick, calm, Sam was there", "neonatal_care": "on"})
    assert response.url == f"/children/{bump.pk}/first-hour/"
    bump.refresh_from_db()
    assert bump.is_born and bump.gestation_total_days == 34 * 7 + 2
    assert (bump.birth_weight_grams, bump.neonatal_care) == (2150, True)
    assert bump.birth_notes == "Quick, calm, Sam was there" and bump.due_date is not None
    assert Moment.objects.filter(child=bump).count() == 3
    session.refresh_from_db()
    assert not session.is_running  # the movement count ended with the birth
    assert ScreeningResponse.objects.count() == 1
    page = client_for(alice).get(f"/timeline/?child={bump.pk}&day="
                                 f"{timezone.localtime(start).date()}").content.decode()
    assert "Talking to the bump" in page and "Dear you" in page


def test_bad_birth_details_change_nothing(client_for, alice, bump):
    client = client_for(alice)
    for data in ({"born_at": local(timezone.now() + timedelta(days=1))},
                 {"born_at": local(timezone.now()), "weight_grams": "90000"},
                 {"born_at": local(timezone.now()), "gestation_days": "3"},
                 {"born_at": "soon"}):
        response = client.post(f"/children/{bump.pk}/birth/", data)
        assert response.status_code == 200 and 'class="errorlist' in response.content.decode()
    bump.refresh_from_db()
    assert not bump.is_born


@pytest.mark.parametrize(("typed", "grams"), [("3.45 kg", 3450), ("3,450", 3450),
                                             ("2.15", 2150)])
def test_a_birth_weight_is_taken_in_grams_or_kilograms(client_for, alice, bump, typed, grams):
    response = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(hours=1)), "weight_grams": typed})
    assert response.status_code == 302
    bump.refresh_from_db()
    assert bump.birth_weight_grams == grams


def test_45_weeks_is_said_once_and_as_such(client_for, alice, bump):
    response = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(hours=1)), "gestation_weeks": "45",
        "gestation_days": "2"})
    page = response.content.decode()
    assert "Enter a number of weeks from 20 to 44." in page
    assert "Add the weeks too" not in page  # she did


def test_a_birth_weight_out_of_range_is_explained(client_for, alice, bump):
    response = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(hours=1)), "weight_grams": "34"})
    assert "from 300 g to 7 kg" in response.content.decode()
    bump.refresh_from_db()
    assert not bump.is_born


def test_the_birth_is_recorded_once(client_for, alice, nora):
    response = client_for(alice).get(f"/children/{nora.pk}/birth/")
    assert response.url == f"/children/{nora.pk}/first-hour/"


def test_the_first_hour_is_saved_as_moments_and_edited_in_place(client_for, alice, bob, nora):
    client = client_for(alice)
    birth = nora.birth_at
    data = {"skin_to_skin_at": local(birth + timedelta(minutes=2)),
            "skin_to_skin_minutes": "60",
            "feeding_at": local(birth + timedelta(minutes=40)), "feeding_minutes": "20",
            "cuddle_at": local(birth + timedelta(minutes=70)), "cuddle_minutes": "15",
            "cuddle_who": bob.pk}
    assert client.post(f"/children/{nora.pk}/first-hour/", data).status_code == 302
    firsts = {m.kind: m for m in Moment.objects.filter(details__first=True)}
    assert set(firsts) == {"skin_to_skin", "feeding", "cuddle"}
    assert firsts["cuddle"].actor == bob
    assert firsts["skin_to_skin"].duration == timedelta(minutes=60)
    data["skin_to_skin_minutes"] = "90"
    client.post(f"/children/{nora.pk}/first-hour/", data)
    assert Moment.objects.filter(details__first=True).count() == 3
    assert Moment.objects.get(kind="skin_to_skin", details__first=True).duration == \
        timedelta(minutes=90)
    page = client.get(f"/children/{nora.pk}/first-hour/").content.decode()
    assert 'name="skin_to_skin_minutes" value="90"' in page
    # After a caesarean or a stay in the neonatal unit the firsts came later: said kindly.
    assert 'data-testid="first-hour-later"' in page and "whenever it came" in page
    # Bob leaves the household: his first hold stays his, shown and kept on a new save
    # (it had become Alice's, the person saving).
    bob.memberships.all().delete()
    page = client.get(f"/children/{nora.pk}/first-hour/").content.decode()
    assert f'<option value="{bob.pk}" selected>' in page
    data["feeding_minutes"] = "25"
    assert client.post(f"/children/{nora.pk}/first-hour/", data).status_code == 302
    data.pop("cuddle_who")
    assert client.post(f"/children/{nora.pk}/first-hour/", data).status_code == 302
    assert Moment.objects.get(kind="cuddle", details__first=True).actor == bob


def test_a_first_before_the_birth_is_refused(client_for, alice, nora):
    response = client_for(alice).post(f"/children/{nora.pk}/first-hour/", {
        "skin_to_skin_at": local(nora.birth_at - timedelta(hours=1))})
    assert "before the birth" in response.content.decode()
    assert not Moment.objects.filter(details__first=True).exists()


def test_minutes_that_would_end_after_now_are_said_on_the_minutes(client_for, alice, nora):
    """600 minutes from a start an hour ago: "this time is in the future" came above the
    form, pointing at a start that was not."""
    from django.utils import timezone

    response = client_for(alice).post(f"/children/{nora.pk}/first-hour/", {
        "skin_to_skin_at": local(timezone.now() - timedelta(hours=1)),
        "skin_to_skin_minutes": "600"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "With this many minutes it would end later than now." in page
    assert "in the future" not in page
    assert not Moment.objects.filter(details__first=True).exists()


def test_no_first_hour_before_the_birth(client_for, alice, bump):
    assert client_for(alice).get(f"/children/{bump.pk}/first-hour/").status_code == 404
    assert 'data-testid="child-first-hour"' not in client_for(alice).get(
        f"/children/{bump.pk}/edit/").content.decode()


def test_the_first_hour_is_found_after_the_first_week(client_for, alice, nora):
    """Today offers it for a week; a mother whose baby was in neonatal care often starts
    later, and the page says the firsts can be noted whenever they came."""
    page = client_for(alice).get(f"/children/{nora.pk}/edit/").content.decode()
    assert f'href="/children/{nora.pk}/first-hour/" data-testid="child-first-hour"' in page


def test_a_preterm_baby_shows_corrected_age(client_for, alice, household):
    # Born at local noon 70 days ago, so the age does not depend on the hour the test runs
    # (a birth "exactly 10 weeks ago" can fall on another local date across a DST change).
    noon = datetime.combine(timezone.localdate(timezone=household.tz) - timedelta(weeks=10),
                            time(12), tzinfo=household.tz)
    baby = Child.objects.create(household=household, name="Wren", birth_at=noon,
                                gestation_weeks=30, gestation_days=0, birth_weight_grams=1400)
    page = client_for(alice).get(f"/?child={baby.pk}").content.decode()
    assert "10 weeks old" in page and "corrected-age" in page and "Kangaroo care" in page
    assert "3 weeks corrected" not in page and "due date in" not in page  # 10 - 10 = 0 weeks
    young = Child.objects.create(household=household, name="Pip",
                                 birth_at=noon + timedelta(weeks=8),
                                 gestation_weeks=32)
    page = client_for(alice).get(f"/?child={young.pk}").content.decode()
    assert "due date in 42 days" in page


def test_a_term_baby_has_no_corrected_age_or_kangaroo_link(client_for, alice, nora):
    page = client_for(alice).get(f"/?child={nora.pk}").content.decode()
    assert "corrected-age" not in page and "Kangaroo care" not in page


def test_kangaroo_hours_per_day_against_eight(client_for, alice, carol, household):
    baby = Child.objects.create(household=household, name="Wren",
                                birth_at=timezone.localtime() - timedelta(days=5),
                                gestation_weeks=33, birth_weight_grams=1900,
                                medical_notes="Jaundice, treated with lights")
    today_start = timezone.localtime(timezone.now(), ZoneInfo("Europe/London")).replace(
        hour=0, minute=5)
    # Nine real hours (added in UTC: on London's wall clock, the day after the clocks
    # change, "+ 9 h" had been eight or ten).
    start = (today_start - timedelta(days=1)).astimezone(ZoneInfo("UTC"))
    Moment.objects.create(household=household, child=baby, kind="skin_to_skin",
                          started_at=start, ended_at=start + timedelta(hours=9))
    page = client_for(carol).get(f"/kangaroo/?child={baby.pk}").content.decode()
    assert "8 to 24 hours a day" in page and "World Health Organization" in page
    assert "9.0 h ✓" in page and "Jaundice" in page
    # From the first day with any skin-to-skin (yesterday), not from the birth: the days
    # before she began logging are not empty bars to measure her against (Lena).
    assert page.count('data-testid="kangaroo-day"') == 2
    for word in ("should", "missed", "failed"):
        assert word not in page.lower()


def test_kangaroo_page_queries_stay_constant(client_for, alice, household,
                                             django_assert_max_num_queries):
    baby = Child.objects.create(household=household, name="Wren",
                                birth_at=timezone.now() - timedelta(days=20),
                                gestation_weeks=31)
    for i in range(40):
        start = timezone.now() - timedelta(hours=i * 8)
        Moment.objects.create(household=household, child=baby, kind="skin_to_skin",
                              started_at=start - timedelta(hours=2), ended_at=start)
    client = client_for(alice)
    with django_assert_max_num_queries(8):
        assert client.get(f"/kangaroo/?child={baby.pk}").status_code == 200


def test_skin_to_skin_starts_and_stops_on_the_kangaroo_page(client_for, alice, carol,
                                                              household):
    """The page counted the hours but had no way to log them."""
    baby = Child.objects.create(household=household, name="Oscar",
                                birth_at=timezone.now() - timedelta(days=9),
                                gestation_weeks=31, gestation_days=2)
    client = client_for(alice)
    page = client.get(f"/kangaroo/?child={baby.pk}").content.decode()
    assert 'name="kind" value="skin_to_skin"' in page and "Start skin-to-skin" in page
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    response = client.post("/moments/quick/", {"child": baby.pk, "kind": "skin_to_skin",
                                       "next": "kangaroo", "idempotency_key": key})
    assert response.status_code == 302 and response.url == "/kangaroo/"
    running = Moment.objects.get(child=baby, kind="skin_to_skin", ended_at__isnull=True)
    page = client.get(f"/kangaroo/?child={baby.pk}").content.decode()
    assert "Skin-to-skin since" in page and f'action="/moments/{running.pk}/stop/"' in page
    # a viewer reads the hours and is offered no button
    viewer = client_for(carol).get(f"/kangaroo/?child={baby.pk}").content.decode()
    assert 'data-testid="kangaroo-timer"' not in viewer


def test_no_kangaroo_page_in_pregnancy(client_for, alice, bump):
    assert client_for(alice).get(f"/kangaroo/?child={bump.pk}").status_code == 404


def test_the_birth_gives_the_baby_her_name(client_for, alice, bump):
    client = client_for(alice)
    page = client.get(f"/children/{bump.pk}/birth/").content.decode()
    assert 'name="name" dir="auto" value="Bump"' in page
    assert "And days" in page and ">and days<" not in page
    response = client.post(f"/children/{bump.pk}/birth/", {
        "name": "  Mila  ", "born_at": local(timezone.now() - timedelta(hours=1))},
        follow=True)
    bump.refresh_from_db()
    assert bump.name == "Mila" and bump.is_born
    assert "Welcome, Mila." in response.content.decode()


def test_an_empty_name_keeps_the_one_from_pregnancy(client_for, alice, bump):
    client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "name": "", "born_at": local(timezone.now() - timedelta(hours=1))})
    bump.refresh_from_db()
    assert bump.name == "Bump" and bump.is_born


@pytest.mark.parametrize(("typed", "grams"), [
    ("\u0663\u0662\u0660\u0660", 3200), ("3.2 كغ", 3200), ("\u0663\u066b\u0662 كغ", 3200)])
def test_a_birth_weight_typed_on_an_arabic_keyboard(client_for, alice, bump, typed, grams):
    """"٣٢٠٠" and "3.2 كغ" were refused, though the hint offers "3.45 كغ"."""
    response = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(hours=2)), "weight_grams": typed})
    assert response.status_code == 302
    bump.refresh_from_db()
    assert bump.birth_weight_grams == grams


def test_the_birth_is_a_line_of_its_own_on_its_day(client_for, alice, bob, bump, household):
    zone = ZoneInfo("Europe/London")
    day = timezone.localdate() - timedelta(days=2)
    born_at = datetime.combine(day, time(10, 0), tzinfo=zone)
    before, after = born_at - timedelta(hours=1), born_at + timedelta(hours=1)
    Moment.objects.create(household=household, child=bump, kind="bump_talk",
                          started_at=before, ended_at=before)
    client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(born_at), "gestation_weeks": "34", "gestation_days": "2",
        "weight_grams": "2150", "neonatal_care": "on"})
    Moment.objects.create(household=household, child=bump, kind="skin_to_skin",
                          started_at=after, ended_at=after + timedelta(minutes=40))
    page = client_for(alice).get(f"/timeline/?child={bump.pk}&day={day}").content.decode()
    kinds = re.findall(r'data-kind="([a-z_]+)"', page)
    assert kinds == ["skin_to_skin", "birth", "bump_talk"]  # newest first, at its time
    row = page[page.index('data-kind="birth"'):]
    row = row[:row.index("</li>")]
    assert "Bump is born" in row and "10:00" in row
    assert "34+2 weeks · 2.15\u00a0kg · cared for in a neonatal unit" in row
    assert f'href="/children/{bump.pk}/edit/"' in row
    # Someone who cannot change the baby's details sees the line without the pencil.
    page = client_for(bob).get(f"/timeline/?child={bump.pk}&day={day}").content.decode()
    row = page[page.index('data-kind="birth"'):]
    assert "Bump is born" in row and "/edit/" not in row[:row.index("</li>")]
    # Not on the day before.
    page = client_for(alice).get(f"/timeline/?child={bump.pk}&day={day - timedelta(days=1)}")
    assert 'data-kind="birth"' not in page.content.decode()


def test_a_birth_written_down_days_later_counts_the_weeks_to_its_own_day(client_for, alice,
                                                                           bump):
    """Lucía recorded on Saturday a birth of Monday: the weeks filled in for Saturday
    (39+3) were stored, not the 38+5 of the day her baby was born."""
    born_at = timezone.now() - timedelta(days=4)
    client = client_for(alice)
    client.post(f"/children/{bump.pk}/birth/", {
        "born_at": local(born_at), "gestation_weeks": "34", "gestation_days": "0"})
    bump.refresh_from_db()
    days = 34 * 7 - (timezone.localdate() - timezone.localdate(born_at)).days
    assert bump.is_born and bump.gestation_total_days == days


def test_weeks_she_typed_herself_are_kept_for_a_birth_days_ago(client_for, alice, bump):
    born_at = timezone.now() - timedelta(days=4)
    client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(born_at), "gestation_weeks": "35", "gestation_days": "1"})
    bump.refresh_from_db()
    assert bump.gestation_total_days == 35 * 7 + 1


def test_pregnancy_entries_after_the_birth_time_are_pointed_out(client_for, alice, bump,
                                                               household):
    """A birth recorded days later and dated back left the bump talk kept since on the
    newborn's days, without a word."""
    after = timezone.now() - timedelta(hours=1)
    Moment.objects.create(household=household, child=bump, kind="bump_talk",
                          started_at=after, ended_at=after)
    before = timezone.now() - timedelta(days=3)
    Moment.objects.create(household=household, child=bump, kind="bump_music",
                          started_at=before, ended_at=before)
    client = client_for(alice)
    response = client.post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(days=1)), "gestation_weeks": "34",
        "gestation_days": "6"}, follow=True)
    page = response.content.decode()
    assert "1 entry from pregnancy" in page and "dated after the birth time" in page
    assert Moment.objects.filter(child=bump).count() == 2  # nothing removed for her


def test_no_word_when_pregnancy_ended_before_the_birth(client_for, alice, bump, household):
    before = timezone.now() - timedelta(days=3)
    Moment.objects.create(household=household, child=bump, kind="bump_talk",
                          started_at=before, ended_at=before)
    page = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(hours=2)), "gestation_weeks": "34",
        "gestation_days": "0"}, follow=True).content.decode()
    assert "entry from pregnancy" not in page and "entries from pregnancy" not in page


def test_the_partners_first_hold_is_not_hers_by_default(client_for, alice, nora):
    """With no one else in the household yet, "Who held the baby" under "First hold by
    your partner" was set to the mother herself."""
    page = client_for(alice).get(f"/children/{nora.pk}/first-hour/").content.decode()
    select = page.split('name="cuddle_who"')[1].split("</select>")[0]
    assert '<option value="" selected>' in select
    assert f'value="{alice.pk}" selected' not in select


@pytest.mark.parametrize(("typed", "days_box", "kept"), [
    ("31+2", "", (31, 2)), ("31 + 2", "5", (31, 2)), ("٣١+٢", "", (31, 2)),
    ("31", "4", (31, 4)), ("31+0", "6", (31, 0))])
def test_weeks_and_days_go_in_one_box_as_a_midwife_writes_them(client_for, alice, bump,
                                                              typed, days_box, kept):
    """Hannah typed her son's "31+2" in the weeks box and was refused: the unit's notes
    write it so. The days after the "+" take the place of the days box's."""
    response = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(hours=1)), "gestation_weeks": typed,
        "gestation_days": days_box})
    assert response.status_code == 302, response.content.decode()
    bump.refresh_from_db()
    assert (bump.gestation_weeks, bump.gestation_days) == kept


@pytest.mark.parametrize(("typed", "said"), [
    ("31+9", "the days run from 0 to 6"), ("31w", "like 31+2"), ("12+2", "from 20 to 44"),
    ("31++2", "like 31+2")])
def test_weeks_that_cannot_be_read_are_refused_in_plain_words(client_for, alice, bump, typed,
                                                              said):
    response = client_for(alice).post(f"/children/{bump.pk}/birth/", {
        "born_at": local(timezone.now() - timedelta(hours=1)), "gestation_weeks": typed})
    assert response.status_code == 200
    assert said in response.content.decode().replace("&#x27;", "'")
    bump.refresh_from_db()
    assert not bump.is_born



def test_the_first_feed_says_how_and_shows_it(client_for, alice, nora):
    """Nadia's first breastfeed showed a bottle on Today: the first feed had no method."""
    client = client_for(alice)
    data = {"feeding_at": local(nora.birth_at + timedelta(minutes=40)),
            "feeding_minutes": "20", "feeding_method": "breast"}
    assert client.post(f"/children/{nora.pk}/first-hour/", data).status_code == 302
    feed = Moment.objects.get(kind="feeding", details__first=True)
    assert feed.details == {"first": True, "method": "breast"}
    page = client.get(f"/children/{nora.pk}/first-hour/").content.decode()
    import re

    assert re.search(r'<input type="radio" name="feeding_method" value="breast"[^>]*checked',
                     page)
    # Left "not noted" on a later save, what was kept stays.
    data["feeding_method"] = ""
    client.post(f"/children/{nora.pk}/first-hour/", data)
    assert Moment.objects.get(kind="feeding", details__first=True).details["method"] == \
        "breast"
    assert "🤱" in client.get("/").content.decode()
