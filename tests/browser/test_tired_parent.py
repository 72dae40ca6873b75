"""What a tired parent meets at 3 a.m. (issue 13): the crying card that stays open while
the baby is still crying, a mistaken tap taken back, the need as one optional tap, a calm
card inside a long cry, and her maternity unit's number on the movement counter."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.care.models import Cue
from nestwell.children.models import Child
from nestwell.wellbeing.models import SupportContact
from tests.browser.conftest import small_targets
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_small_targets(s):
    small = small_targets(s.page)
    assert small == [], f"touch targets under 44 px: {small}"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_still_crying_keeps_the_card_and_the_need_is_one_tap(screen, viewport):
    s = screen(viewport, "crying-flow")
    signed_in_with_baby(s)
    page = s.page
    page.get_by_role("button", name="Baby is crying").click()
    card = page.get_by_test_id("crying-episode")
    card.get_by_role("button", name="Tapped by mistake? Undo").click()
    expect(page.get_by_test_id("crying-episode")).to_have_count(0)
    assert not Cue.objects.exists()
    page.get_by_role("button", name="Baby is crying").click()
    card.get_by_role("button", name="Rocked").click()
    card.get_by_role("button", name="Tired").click()
    expect(card.get_by_role("button", name="Tired")).to_have_attribute("aria-pressed", "true")
    card.get_by_role("button", name="Still unsettled").click()
    expect(page.get_by_text("Still crying: the card stays open.")).to_be_visible()
    expect(page.get_by_test_id("crying-episode")).to_be_visible()
    no_small_targets(s)
    s.shoot("still-crying")
    episode = Cue.objects.get()
    assert episode.is_open and episode.need == "tiredness"
    page.get_by_role("button", name="Settled", exact=True).click()
    expect(page.get_by_text("Settled. You were there for each other.")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_long_cry_shows_a_calm_card_with_her_numbers(screen, viewport):
    s = screen(viewport, "long-crying")
    user, household, child = signed_in_with_baby(s)
    SupportContact.objects.create(household=household, owner=user, name="Priya",
                                  role="health_visitor", phone="+44 20 7946 0000")
    Cue.objects.create(household=household, child=child, signal="cry", created_by=user,
                       started_at=timezone.now() - timedelta(minutes=26),
                       responded_at=timezone.now() - timedelta(minutes=25),
                       ways=["rocked", "walked"], responder=user)
    s.go("/")
    calm = s.page.get_by_test_id("long-crying")
    expect(calm).to_contain_text("safe to lay your baby on their back in the cot")
    expect(calm.get_by_role("link", name="Health visitor · Priya")).to_have_attribute(
        "href", "tel:+442079460000")
    expect(calm.get_by_test_id("crying-emergency")).to_have_attribute("href", "tel:999")
    no_small_targets(s)
    s.shoot("card")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_movement_counter_offers_her_maternity_unit(screen, viewport):
    s = screen(viewport, "movements-call")
    user, household, child = signed_in_with_baby(s)
    Child.objects.filter(pk=child.pk).update(
        birth_at=None, due_date=timezone.localdate() + timedelta(weeks=8))
    SupportContact.objects.create(household=household, owner=user, name="St Mary's",
                                  role="maternity_unit", phone="020 3312 6666")
    s.go(f"/pregnancy/movements/?child={child.pk}")
    link = s.page.get_by_role("link", name="Maternity unit or labour ward · St Mary's")
    expect(link).to_have_attribute("href", "tel:02033126666")
    no_small_targets(s)
    s.shoot("page")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_forgotten_timer_asks_when_it_ended(screen, viewport):
    from nestwell.journal.models import Moment

    s = screen(viewport, "forgotten-timer")
    user, household, child = signed_in_with_baby(s)
    started = timezone.now() - timedelta(hours=30)
    t = Moment.objects.create(household=household, child=child, kind="skin_to_skin",
                              started_at=started, actor=user, created_by=user)
    s.go("/")
    ask = s.page.get_by_test_id("timer-ask")
    expect(ask).to_contain_text("Still going?")
    expect(s.page.get_by_test_id("timer-since")).to_be_visible()
    expect(s.page.get_by_role("button", name=re.compile(r"^Stop\b"))).to_have_count(0)
    no_small_targets(s)
    s.shoot("ask")
    ask.get_by_role("button", name="Save this end").click()
    expect(s.page.get_by_text("Skin-to-skin saved for Mila.")).to_be_visible()
    t.refresh_from_db()
    assert t.duration == timedelta(hours=4) - timedelta(seconds=started.second,
                                                        microseconds=started.microsecond)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_mistaken_start_is_undone_and_a_settled_feed_offers_to_stop(screen, viewport):
    from nestwell.journal.models import Moment

    s = screen(viewport, "timer-start")
    signed_in_with_baby(s)
    page = s.page
    expect(page.get_by_role("button", name="Bath starts a timer")).to_be_visible()
    page.get_by_role("button", name="Bath starts a timer").click()
    toast = page.locator(".toast")
    expect(toast).to_contain_text("Bath timer started for Mila.")
    s.shoot("started")
    toast.get_by_role("button", name="Undo").click()
    expect(page.get_by_test_id("timer")).to_have_count(0)
    assert not Moment.objects.alive().exists()
    page.get_by_role("button", name="Baby is crying").click()
    page.get_by_test_id("crying-episode").get_by_role("button", name="Fed").click()
    page.get_by_role("button", name="Settled", exact=True).click()
    offer = page.get_by_test_id("stop-offer")
    expect(offer).to_contain_text("Mila has settled. Is the feed still going?")
    no_small_targets(s)
    s.shoot("stop-offer")
    offer.get_by_role("button", name="Stop the feed").click()
    expect(page.get_by_text("Stopped within a few seconds, so nothing was saved.")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_back_and_save_again_makes_no_duplicate(screen, viewport):
    from nestwell.journal.models import Moment

    s = screen(viewport, "back-resave")
    user, household, child = signed_in_with_baby(s)
    s.go(f"/moments/new/talk/?child={child.pk}")
    s.page.get_by_label("Note").fill("Told her about the rain")
    s.page.get_by_role("button", name="Save").click()
    s.page.wait_for_url(lambda url: "/timeline/" in url)
    s.page.go_back()
    s.page.wait_for_url(lambda url: "/moments/new/" in url)
    s.page.get_by_role("button", name="Save").click()
    expect(s.page.get_by_text("This was already saved; here it is.")).to_be_visible()
    s.shoot("again")
    assert Moment.objects.filter(kind="talk").count() == 1


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_switching_sides_in_one_tap_and_the_next_side(screen, viewport):
    from nestwell.journal.models import Moment

    s = screen(viewport, "switch-side")
    user, household, child = signed_in_with_baby(s)
    start = timezone.now() - timedelta(hours=3)
    Moment.objects.create(household=household, child=child, kind="feeding", started_at=start,
                          ended_at=start + timedelta(minutes=15), actor=user, created_by=user,
                          details={"method": "breast", "side": "right"})
    s.go("/")
    expect(s.page.get_by_test_id("next-side")).to_have_text(
        "The right side was last, so perhaps the left next.")
    s.page.get_by_role("button", name="Feed · left").click()
    timer = s.page.get_by_test_id("timer")
    expect(timer).to_contain_text("Feed · left")
    Moment.objects.filter(ended_at__isnull=True).update(
        started_at=timezone.now() - timedelta(minutes=9))
    s.go("/")
    no_small_targets(s)
    s.shoot("running")
    s.page.get_by_role("button", name="Switch to right").click()
    expect(s.page.get_by_text("Now on the right side.")).to_be_visible()
    expect(s.page.get_by_test_id("timer")).to_contain_text("Feed · right")
    # While a feed runs its card says the side; "the right side was last" would not
    expect(s.page.get_by_test_id("next-side")).to_have_count(0)
    s.shoot("switched")
    assert Moment.objects.filter(kind="feeding").count() == 3


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_timeline_does_not_open_days_to_come(screen, viewport):
    s = screen(viewport, "timeline-future")
    user, household, child = signed_in_with_baby(s)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    s.go(f"/timeline/?child={child.pk}&day={tomorrow}")
    expect(s.page.get_by_text("That day has not come yet; here is today.")).to_be_visible()
    expect(s.page.get_by_role("heading", name="Today")).to_be_visible()
    expect(s.page.locator("a[rel=next]")).to_have_count(0)
    s.shoot("today")
