"""Deleting an account, as a person would: from her account page, with what goes and what
stays said first, her password, one tick, and a quiet goodbye; the last parent is told
what to do first. Phone and desktop, light and dark."""

import pytest
from playwright.sync_api import expect

from nestwell.accounts.models import Membership, User
from nestwell.accounts.roles import Role
from tests.browser.helpers import signed_in_with_baby
from tests.browser.test_every_screen import visit
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_caregiver_deletes_his_account(screen, viewport):
    s = screen(viewport, "delete-account")
    user, household, _child = signed_in_with_baby(s, role=Role.CAREGIVER)
    parent = User.objects.create_user(email=f"p-{viewport}@example.org", password=None,
                                      display_name="Sam")
    Membership.objects.create(user=parent, household=household, role=Role.PARENT)
    s.go("/account/")
    s.page.get_by_role("link", name="Delete your account").click()
    expect(s.page.get_by_role("heading", name="Delete your account")).to_be_visible()
    expect(s.page.get_by_test_id("what-stays")).to_contain_text("without your name")
    visit(s, "/account/delete/", "delete-account", "Delete your account")
    s.page.get_by_label("Your password").fill(PASSWORD)
    s.page.get_by_role("button", name="Delete my account").click()
    expect(s.page.get_by_text("Tick this to say you understand.")).to_be_visible()
    assert User.objects.filter(pk=user.pk).exists()
    s.page.get_by_label("Your password").fill(PASSWORD)
    s.page.get_by_label("I understand that my account cannot come back.").check()
    s.page.get_by_role("button", name="Delete my account").click()
    expect(s.page.get_by_role("heading", name="Your account is deleted")).to_be_visible()
    s.shoot("account-deleted")
    assert not User.objects.filter(pk=user.pk).exists()
    s.errors[:] = [e for e in s.errors if "400" not in e]


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_only_member_is_told_what_to_do_first(screen, viewport):
    s = screen(viewport, "delete-account")
    signed_in_with_baby(s)
    visit(s, "/account/delete/", "delete-account-held", "Delete your account")
    # She is its only member: there is nobody to make a parent, so she is asked to delete it.
    expect(s.page.get_by_test_id("account-held")).to_contain_text(
        "You are the only one in Our family. Delete the household first")
    expect(s.page.get_by_role("button", name="Delete my account")).to_have_count(0)
