"""A caregiver steps back from a household herself, from her account page: a page to
confirm, then her own start again (looked at on a phone and a desktop, light and dark)."""

import pytest
from playwright.sync_api import expect

from nestwell.accounts.models import Membership
from nestwell.accounts.roles import Role
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_caregiver_leaves_the_household(screen, viewport):
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
