"""Leaving a household, the links parents keep an eye on, and her own data (issue 12); a
caregiver stepping back herself."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.accounts.models import Membership, User
from nestwell.accounts.roles import Role
from nestwell.insights.models import ShareLink
from nestwell.keepsake.models import KeepsakeNote
from nestwell.wellbeing.models import CheckIn
from tests.browser.helpers import sign_in, signed_in_with_baby
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def person(household, name, role, viewport):
    user = User.objects.create_user(email=f"{name.lower()}-{viewport}@example.org",
                                    password=PASSWORD, display_name=name)
    Membership.objects.create(user=user, household=household, role=role)
    return user


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_parents_see_every_link_and_she_keeps_her_own_data(screen, viewport):
    s = screen(viewport, "leaving")
    jess, household, child = signed_in_with_baby(s)
    bob = person(household, "Bob", Role.CAREGIVER, viewport)
    dana = person(household, "Dana", Role.PARENT, viewport)
    today = timezone.localdate()
    ShareLink.objects.create(household=household, child=child, created_by=bob,
                             label="Health visitor", token_hash="b" * 64,
                             first=today - timedelta(days=6), last=today,
                             expires_at=timezone.now() + timedelta(days=7))
    CheckIn.objects.create(household=household, author=dana, mood=3, connection=4,
                           energy=2, stress=3, support=4, safety="safe")
    KeepsakeNote.objects.create(household=household, child=child, author=dana,
                                written_on=today, text="Your hand around my finger.")

    # Jess, who made the household, sees Bob's link and stops it.
    s.go(f"/insights/report/?first={today - timedelta(days=6)}&last={today}")
    row = s.page.get_by_test_id("share-row")
    expect(row).to_contain_text("made by Bob")
    s.shoot("report-links")
    row.get_by_role("button", name="Stop it").click()
    expect(s.page.get_by_test_id("share-row")).to_have_count(0)

    # Dana, invited later, cannot remove Jess.
    s.clear_cookies()
    sign_in(s, dana.email)
    s.go("/household/")
    expect(s.page.get_by_text("(joined before you)")).to_be_visible()
    s.shoot("household-invited-parent")

    # Removed, Dana still has her own check-ins.
    Membership.objects.filter(user=dana).delete()
    s.go("/account/mine/")
    expect(s.page.get_by_test_id("own-data")).to_contain_text("1 check-in")
    expect(s.page.get_by_test_id("own-data")).to_contain_text("1 note for the keepsake book")
    s.shoot("own-data")
    s.page.get_by_label("Your password").fill(PASSWORD)
    s.page.get_by_role("button", name="Delete mine").click()
    expect(s.page.get_by_text("Nothing yet.")).to_be_visible()
    s.shoot("own-data-deleted")
    assert not CheckIn.objects.filter(author=dana).exists()
    assert not KeepsakeNote.objects.filter(author=dana).exists()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_caregiver_leaves_the_household_herself(screen, viewport):
    """From her account page: a page to confirm, then her own start again (looked at on a
    phone and a desktop, light and dark)."""
    s = screen(viewport, "leave")
    user, household, _child = signed_in_with_baby(s, role=Role.CAREGIVER)
    s.go("/account/")
    s.page.get_by_test_id("leave-link").click()
    expect(s.page.get_by_role("heading", level=1)).to_have_text("Leave Our family?")
    s.shoot("confirm")
    s.page.get_by_test_id("leave-confirm").click()
    s.page.wait_for_url(lambda url: "/household/" not in url or "/new/" in url)
    expect(s.page.get_by_text("You are no longer in Our family.")).to_be_visible()
    assert not Membership.objects.filter(user=user, household=household).exists()
    s.shoot("after")
