"""After a cry settles, a gentle question: two taps keep the answer; What you noticed
shows it back. Phone and desktop, light and dark."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.wondering.models import Wondering
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_settled_cry(page, way):
    """Three taps on Today: crying, how she answers, settled."""
    page.get_by_role("button", name="Baby is crying").click()
    episode = page.get_by_test_id("crying-episode")
    episode.get_by_role("button", name=way).click()
    episode.get_by_role("button", name="Settled", exact=True).click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_two_taps_after_a_settled_cry(screen, viewport):
    s = screen(viewport, "wondering")
    user, household, child = signed_in_with_baby(s, name="Lou")
    page = s.page
    a_settled_cry(page, "Rocked")
    card = page.get_by_test_id("wondering-card")
    expect(card).to_contain_text("Lou")
    s.shoot("card")

    card.get_by_text("wanting you").click()                                      # tap 1
    card.get_by_role("button", name="Keep this").click()                         # tap 2
    expect(page.get_by_test_id("wondering-done")).to_contain_text("What you noticed")
    kept = Wondering.objects.get()
    assert kept.feelings == ["wanting_you"] and kept.author == user
    assert kept.occasion == "settle" and kept.cue is not None
    s.shoot("kept", both_schemes=False)

    # A few weeks of what she noticed, read back as a thread.
    now = timezone.now()
    for weeks, feelings, note in ((1, ["curious", "content"], "Watching the light"),
                                  (2, ["tired"], ""), (3, ["hungry", "wanting_you"],
                                                       "Rooting at my shoulder")):
        Wondering.objects.create(household=household, author=user, child=child,
                                 occasion="daily", key=f"daily:{weeks}",
                                 about_at=now - timedelta(weeks=weeks),
                                 prompt="How do you think Lou felt while playing today?",
                                 feelings=feelings, note=note)
    page.get_by_test_id("wondering-done").get_by_role("link").click()
    expect(page.get_by_role("heading", name="What you noticed")).to_be_visible()
    expect(page.get_by_test_id("noticed-entry")).to_have_count(4)
    expect(page.get_by_test_id("noticed-entry").first).to_contain_text("wanting you")
    s.shoot("thread")

    page.get_by_role("link", name="Change when to ask").click()
    page.get_by_label("Once a day").check()
    s.shoot("choices")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").first).to_contain_text("Your choices are saved")


def test_dont_ask_me_again_in_one_tap(screen):
    s = screen("phone", "wondering-off")
    _user, _household, _child = signed_in_with_baby(s, name="Lou")
    page = s.page
    a_settled_cry(page, "Fed")
    page.get_by_test_id("wondering-never").click()
    expect(page.get_by_test_id("wondering-done")).to_contain_text("We won't ask again")
    s.go("/")
    expect(page.get_by_test_id("wondering-card")).to_have_count(0)
