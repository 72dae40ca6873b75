"""3 a.m.: the baby cries. Three taps: crying, how you answer, settled."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.care.models import Cue, Routine, RoutineStep
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_every_screen import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_three_taps_at_night(screen):
    s = screen("phone", "crying")
    user, household, child = signed_in_with_baby(s)
    page = s.page
    page.get_by_role("button", name="Baby is crying").click()                 # tap 1
    card = page.get_by_test_id("crying-episode")
    expect(card).to_contain_text("Crying since")
    s.shoot("open")
    card.get_by_role("button", name="Rocked").click()                          # tap 2
    expect(card).to_contain_text("Answering since")
    s.shoot("answering")
    card.get_by_role("button", name="Settled", exact=True).click()             # tap 3
    expect(page.get_by_test_id("crying-episode")).to_have_count(0)
    expect(page.get_by_text("Settled. You were there for each other.")).to_be_visible()
    expect(page.get_by_test_id("cue").first).to_contain_text("Rocked")
    s.shoot("settled")
    episode = Cue.objects.get()
    assert episode.ways == ["rocked"] and episode.outcome == "settled"
    assert episode.responder == user


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_care_and_routine_screens(screen, viewport):
    s = screen(viewport, "care")
    user, household, child = signed_in_with_baby(s)
    now = timezone.now()
    for i, (hours_ago, ways, need) in enumerate([(3, ["fed"], "hunger"), (27, ["rocked"], ""),
                                                 (50, ["rocked", "sang"], "tiredness"),
                                                 (74, ["walked"], "")]):
        start = now - timedelta(hours=hours_ago, minutes=i * 7)
        Cue.objects.create(household=household, child=child, signal="cry", started_at=start,
                           responded_at=start + timedelta(minutes=2 + i),
                           closed_at=start + timedelta(minutes=14 + i * 3),
                           outcome="settled", ways=ways, need=need, responder=user)
    routine = Routine.objects.create(household=household, child=child, name="Bedtime")
    for at, kind in (("18:30", "bath"), ("19:00", "feeding"), ("19:20", "sing")):
        RoutineStep.objects.create(routine=routine, kind=kind, at=at)
    visit(s, "/", "home-with-routine", "Mila")
    visit(s, "/care/", "responsive-care", "Answering Mila")
    visit(s, "/routines/", "routines", "Mila's routines")
    visit(s, f"/routines/{routine.pk}/", "routine-edit", "Bedtime")
    visit(s, f"/cues/{Cue.objects.first().pk}/edit/", "cue-edit", "Crying")
