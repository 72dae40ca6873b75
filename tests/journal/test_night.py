"""The night screen: big tiles for what this household logs most, the running timers and
the crying button, each coming back to the night screen after a tap."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.journal import night
from nestwell.journal.kinds import BORN, PREGNANCY
from nestwell.journal.models import Moment

BREAST_LEFT = ("feeding", {"method": "breast", "side": "left"})
BOTTLE = ("feeding", {"method": "bottle"})


def test_a_new_household_gets_calm_defaults():
    assert night.choose([], BORN) == ["feeding:breast", "skin_to_skin", "soothing", "sleep"]


def test_what_she_logs_most_comes_first():
    rows = [BOTTLE] * 5 + [("talk", {})] * 3 + [("cuddle", {})] * 3 + [BREAST_LEFT]
    assert night.choose(rows, BORN) == ["feeding:bottle", "talk", "cuddle", "feeding:breast"]


def test_what_this_person_logs_weighs_more_on_their_night_screen():
    """A household of breastfeeds, talking and singing (hers), and his bottles: on his
    night screen the bottle is a tile, and his feed shortcut opens on it."""
    jess, tom = 1, 2
    rows = ([(*BREAST_LEFT, jess)] * 6 + [("talk", {}, jess)] * 4 + [("sing", {}, jess)] * 4
            + [("cuddle", {}, jess)] * 4 + [(*BOTTLE, tom)] * 2)
    assert "feeding:bottle" not in night.choose(rows, BORN, person=jess)
    assert night.choose(rows, BORN, person=tom)[0] == "feeding:bottle"
    assert night.choose(rows, BORN, person=tom, first="feeding")[0] == "feeding:bottle"


def test_a_partner_who_has_not_fed_yet_has_the_bottle_on_his_first_night():
    """Chloé's walk: Marc's first night with the expressed milk, and only her breastfeeds
    on his screen."""
    chloe, marc = 1, 2
    rows = [(*BREAST_LEFT, chloe)] * 6 + [("skin_to_skin", {}, chloe)] * 2
    assert night.choose(rows, BORN, person=marc) == [
        "feeding:breast", "skin_to_skin", "soothing", "feeding:bottle"]
    assert "feeding:bottle" not in night.choose(rows, BORN, person=chloe)
    # Once he has logged a breastfeed for her, his screen is as hers.
    rows += [(*BREAST_LEFT, marc)]
    assert "feeding:bottle" not in night.choose(rows, BORN, person=marc)
    # Nothing logged yet by anyone: the calm defaults.
    assert "feeding:bottle" not in night.choose([], BORN, person=marc)


def test_ties_follow_the_defaults_and_gaps_are_filled_from_them():
    rows = [("sleep", {}), ("skin_to_skin", {})]
    assert night.choose(rows, BORN) == ["skin_to_skin", "sleep", "feeding:breast", "soothing"]


def test_kinds_without_a_quick_button_never_become_tiles():
    rows = [("letter", {})] * 9 + [("movement_count", {})] * 9
    assert night.choose(rows, BORN) == night.choose([], BORN)


def test_a_shortcut_puts_its_tile_first_even_when_rarely_logged():
    rows = [BOTTLE] * 5 + [("talk", {})] * 3 + [("cuddle", {})] * 3 + [("sleep", {})]
    assert night.choose(rows, BORN, first="skin_to_skin") == [
        "skin_to_skin", "feeding:bottle", "talk", "cuddle"]


def test_the_feed_shortcut_opens_on_the_way_this_baby_feeds():
    assert night.choose([BOTTLE] * 3, BORN, first="feeding")[0] == "feeding:bottle"
    assert night.choose([], BORN, first="feeding")[0] == "feeding:breast"


def test_a_breastfeed_is_a_pair_with_the_other_side_suggested():
    tiles = night.tiles(["feeding:breast"], night.last_side([BREAST_LEFT, BOTTLE]))
    assert [(t.details["side"], t.suggested) for t in tiles] == [("left", False),
                                                                 ("right", True)]


def test_the_feed_shortcut_leads_with_the_likely_side():
    tiles = night.tiles(["feeding:breast", "sleep"], "left", lead="feeding")
    assert [(t.details.get("side"), t.lead) for t in tiles] == [
        ("left", False), ("right", True), (None, False)]
    assert [t.lead for t in night.tiles(["sleep", "feeding:breast"], None,
                                        lead="feeding")] == [False, False, False]


def test_a_pregnancy_gets_the_bump_tiles():
    assert night.choose([], PREGNANCY) == ["bump_talk", "bump_music"]


def test_the_page_shows_the_tiles_the_timers_and_the_crying_button(client_for, alice, nora):
    start = timezone.now() - timedelta(minutes=5)
    Moment.objects.create(household=nora.household, child=nora, kind="skin_to_skin",
                          started_at=start, actor=alice, created_by=alice)
    page = client_for(alice).get("/night/").content.decode()
    assert 'data-theme="night"' in page
    assert page.count('data-testid="night-tile"') == 5  # left, right, and three more
    # skin-to-skin runs: its card above stops it, and another kind takes its tile
    assert 'data-key="skin_to_skin"' not in page and 'data-key="sleep"' in page
    assert 'data-testid="timer"' in page
    assert "Baby is crying" in page
    assert 'id="wake-note"' in page
    assert 'name="next" value="night"' in page


def test_a_tile_logs_through_the_quick_log_and_comes_back(client_for, alice, nora):
    response = client_for(alice).post("/moments/quick/", {
        "kind": "feeding", "method": "breast", "side": "right", "child": nora.pk,
        "next": "night"})
    assert response.status_code == 302 and response["Location"] == "/night/"
    timer = Moment.objects.get()
    assert timer.is_running and timer.details == {"method": "breast", "side": "right"}


def test_stopping_a_timer_comes_back_to_the_night_screen(client_for, alice, nora):
    timer = Moment.objects.create(household=nora.household, child=nora, kind="skin_to_skin",
                                  started_at=timezone.now() - timedelta(minutes=20),
                                  actor=alice, created_by=alice)
    response = client_for(alice).post(f"/moments/{timer.pk}/stop/", {"next": "night"})
    assert response["Location"] == "/night/"
    timer.refresh_from_db()
    assert timer.ended_at is not None


def test_the_crying_flow_stays_on_the_night_screen(client_for, alice, nora):
    client = client_for(alice)
    response = client.post("/cues/crying/", {"child": nora.pk, "next": "night"})
    assert response["Location"] == f"/night/?child={nora.pk}"  # the twin who cried
    cue = Cue.objects.get()
    page = client.get("/night/").content.decode()
    assert 'data-testid="crying-episode"' in page
    response = client.post(f"/cues/{cue.pk}/respond/", {"way": "picked_up", "next": "night"})
    assert response["Location"] == f"/night/?child={nora.pk}"


def test_the_timers_keep_coming_back_here_when_they_refresh(client_for, alice, nora):
    Moment.objects.create(household=nora.household, child=nora, kind="skin_to_skin",
                          started_at=timezone.now(), actor=alice, created_by=alice)
    part = client_for(alice).get("/timers/?next=night").content.decode()
    assert 'name="next" value="night"' in part and "/timers/?next=night" in part
    part = client_for(alice).get("/timers/?next=elsewhere").content.decode()
    assert 'name="next" value="home"' in part


def test_the_crying_shortcut_puts_the_crying_button_in_focus(client_for, alice, nora):
    page = client_for(alice).get("/night/?tap=crying").content.decode()
    assert 'class="crying-button block lead" autofocus' in page


def test_the_skin_to_skin_shortcut_focuses_its_tile(client_for, alice, nora):
    page = client_for(alice).get("/night/?tap=skin_to_skin").content.decode()
    first = page.index('data-testid="night-tile"')
    assert 'data-key="skin_to_skin" autofocus' in page[first:first + 200]


def test_an_odd_tap_is_ignored(client_for, alice, nora):
    assert client_for(alice).get("/night/?tap=%3Cscript%3E").status_code == 200


def test_a_viewer_sees_the_timers_but_no_buttons_to_log(client_for, carol, nora):
    page = client_for(carol).get("/night/").content.decode()
    assert 'data-testid="night-tile"' not in page
    assert "Baby is crying" not in page
    assert "Need support now?" in page


def test_without_a_child_it_goes_home(client_for, alice):
    assert client_for(alice).get("/night/")["Location"] == "/"


def test_today_links_the_night_screen(client_for, alice, nora):
    assert 'data-testid="night-link"' in client_for(alice).get("/").content.decode()


def test_in_pregnancy_the_bump_tiles_show_and_no_crying_button(client_for, alice, household):
    Child.objects.create(household=household, name="Bump",
                         due_date=timezone.localdate() + timedelta(days=60))
    page = client_for(alice).get("/night/").content.decode()
    assert page.count('data-testid="night-tile"') == 2
    assert 'data-key="bump_talk"' in page
    assert "Baby is crying" not in page


def test_choosing_a_baby_comes_back_to_the_night_screen(client_for, alice, household, nora):
    twin = Child.objects.create(household=household, name="Noor", birth_at=nora.birth_at)
    response = client_for(alice).post(f"/children/{twin.pk}/select/", {"next": "night"})
    assert response["Location"] == "/night/"


def test_the_left_breast_button_stays_on_the_left_right_to_left(client_for, alice, nora):
    """A page read right to left (Arabic) lays its grid out from the right, which had put
    "Feed · left" on the right of the screen: the pair comes right first there, so the left
    breast's button is on the left, on Today and the night screen."""
    import re

    alice.language = "ar"
    alice.save(update_fields=["language"])
    client = client_for(alice)
    for path in ("/", "/night/"):
        page = client.get(path).content.decode()
        assert 'dir="rtl"' in page
        sides = re.findall(r'name="side" value="(left|right)"', page)
        assert sides[:2] == ["right", "left"], (path, sides)
    alice.language = "en"
    alice.save(update_fields=["language"])
    for path in ("/", "/night/"):
        sides = re.findall(r'name="side" value="(left|right)"',
                           client.get(path).content.decode())
        assert sides[:2] == ["left", "right"], (path, sides)


def test_a_high_temperature_under_three_months_is_on_the_night_screen(client_for, bob, nora):
    """The night screen, the one a partner uses at night, showed nothing of a fever that
    Today and the handover showed: 38 °C or more in a baby under three months is at its
    top for twelve hours, with the emergency number."""
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.health.models import Temperature

    taken = Temperature.objects.create(household=nora.household, child=nora, celsius=38.3,
                                       taken_at=timezone.now() - timedelta(hours=1))
    page = client_for(bob).get("/night/").content.decode()
    assert 'data-testid="fever-call-now"' in page and 'data-testid="fever-emergency"' in page
    assert "baby's doctor or midwife" in page
    Temperature.objects.filter(pk=taken.pk).update(
        taken_at=timezone.now() - timedelta(hours=13))
    assert 'data-testid="fever-call-now"' not in client_for(bob).get("/night/").content.decode()


def test_a_fever_stays_on_today_after_the_handover_is_seen(client_for, bob, nora, household):
    """On Today the fever was only a line of the handover card, and *Got it* there took it
    away; a grandmother in the UK could tap 999 but not NHS 111, the number it named."""
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.health.models import Temperature

    household.country = "GB"
    household.save(update_fields=["country"])
    Temperature.objects.create(household=nora.household, child=nora, celsius="38.4",
                               taken_at=timezone.now() - timedelta(hours=1))
    client = client_for(bob)
    client.post("/handover/seen/")
    for path in ("/", "/night/"):
        page = client.get(path).content.decode()
        assert 'data-testid="fever-call-now"' in page, path
        assert 'href="tel:111" data-testid="fever-health-line"' in page, path


def test_a_low_temperature_is_on_the_night_screen_too(client_for, bob, nora):
    """Under 36 °C at any age asks for a call now (NICE NG51), on the night screen as on
    the temperatures page."""
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.health.models import Temperature

    Temperature.objects.create(household=nora.household, child=nora, celsius="35.6",
                               taken_at=timezone.now() - timedelta(hours=1))
    page = client_for(bob).get("/night/").content.decode()
    assert 'data-testid="fever-low"' in page and 'data-testid="fever-emergency"' in page
    assert 'data-testid="fever-call-now"' not in page


@pytest.mark.parametrize(("country", "tel", "name"), [
    ("GB", "111", "NHS 111"), ("DE", "116117", "116 117"), ("AT", "1450", "1450"),
    ("US", None, None)])
def test_the_fever_card_gives_the_countrys_urgent_health_line(client_for, alice, household,
                                                              nora, country, tel, name):
    """In Germany at night the card said to call the out-of-hours doctor service but gave
    only 112: a country's line for what is urgent but no emergency is a button, as NHS 111
    is in the UK."""
    from nestwell.health.models import Temperature

    household.country = country
    household.save(update_fields=["country"])
    Temperature.objects.create(household=nora.household, child=nora, celsius="38.4",
                               taken_at=timezone.now() - timedelta(hours=1))
    page = client_for(alice).get("/night/").content.decode()
    card = page.split('data-testid="fever-call-now"')[1].split("</div>")[0]
    if tel:
        assert f'href="tel:{tel}" data-testid="fever-health-line"' in card
        assert f"Here, that is {name}, day and night." in card
    else:
        assert "fever-health-line" not in card and "Here, that is" not in card
    assert 'data-testid="fever-emergency"' in card
