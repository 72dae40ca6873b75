"""Every screen, opened as a person would, on a phone and a desktop, light and dark.

Each visit fails on a console error (a blocked script or style shows up there), on a
touch target smaller than 44 px and on a serious or critical axe-core violation, in light
and dark (see conftest). The screenshots land in artifacts/screenshots/.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.accounts.models import Invitation, Membership, User
from nestwell.accounts.roles import Role
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from tests.browser.conftest import small_targets
from tests.browser.helpers import sign_in, signed_in_with_baby
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def visit(s, path, name, expect_heading=None):
    s.go(path)
    if expect_heading:
        expect(s.page.get_by_role("heading", name=expect_heading).first).to_be_visible()
    small = small_targets(s.page)
    assert small == [], f"touch targets under 44 px on {path}: {small}"
    s.shoot(name)


def fill_journal(child, user):
    now = timezone.now()
    rows = [
        ("feeding", 50, 18, {"method": "breast", "side": "right", "eye_contact": True}),
        ("skin_to_skin", 120, 40, {}),
        ("talk", 150, 0, {"eye_contact": True}),
        ("sing", 200, 0, {"song": "You are my sunshine"}),
        ("bath", 260, 12, {}),
        ("note", 280, 0, {}),
    ]
    notes = {"feeding": "A slow, sleepy feed.", "note": "Grandma came round with soup."}
    for kind, ago, minutes, details in rows:
        start = now - timedelta(minutes=ago)
        Moment.objects.create(household=child.household, child=child, kind=kind,
                              started_at=start, ended_at=start + timedelta(minutes=minutes),
                              actor=user, created_by=user, details=details,
                              note=notes.get(kind, ""))
    return Moment.objects.create(household=child.household, child=child, kind="feeding",
                                 started_at=now - timedelta(minutes=7), actor=user,
                                 created_by=user, details={"method": "breast", "side": "left"})


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_parents_screens(screen, viewport):
    s = screen(viewport, "screens")
    user, household, child = signed_in_with_baby(s)
    Child.objects.create(household=household, name="Max", birth_at=child.birth_at)
    fill_journal(child, user)
    feed = Moment.objects.filter(kind="feeding", ended_at__isnull=False).first()

    visit(s, "/", "home", "Mila")
    visit(s, "/timeline/", "timeline", "Today")
    visit(s, f"/moments/new/feeding/?child={child.pk}", "moment-add", "Feed")
    visit(s, f"/moments/{feed.pk}/edit/", "moment-edit", "Edit Feed")
    visit(s, f"/moments/{feed.pk}/delete/", "moment-delete", "Delete this moment?")
    visit(s, "/children/", "children", "Babies")
    visit(s, f"/children/{child.pk}/edit/", "child-edit", "About Mila")
    visit(s, "/household/", "household", "Household")
    visit(s, "/account/", "account", "Jess")
    visit(s, "/account/password/", "password-change", "Change your password")

    # An invitation link, as the parent sees it once.
    s.go("/household/")
    s.page.get_by_role("button", name="Create invitation link").click()
    expect(s.page.get_by_test_id("invite-link")).to_contain_text("/join/")
    s.shoot("invitation-created")
    # One tap copies it (the test server is on localhost, a secure context).
    s.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=s.base)
    copy = s.page.get_by_role("button", name="Copy the link")
    copy.click()
    expect(s.page.get_by_role("button", name="Copied")).to_be_visible()
    assert s.page.evaluate("navigator.clipboard.readText()") == \
        s.page.get_by_test_id("invite-link").inner_text().strip()

    # Nothing there: the friendly not-found page.
    s.page.goto(s.base + "/moments/999999/edit/")
    expect(s.page.get_by_role("heading", name="We could not find that")).to_be_visible()
    s.shoot("not-found", both_schemes=False)
    s.errors[:] = [e for e in s.errors if "404" not in e]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_screens_before_signing_in(screen, viewport):
    s = screen(viewport, "screens")
    visit(s, "/login/", "login", "Welcome back")
    visit(s, "/signup/", "signup", "Welcome to Nestwell")
    visit(s, "/password-reset/", "password-reset", "Reset your password")
    s.page.get_by_label("E-mail").fill("someone@example.org")
    s.page.get_by_role("button", name="Send the link").click()
    expect(s.page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    s.shoot("password-reset-sent")

    parent, household, _child = signed_in_with_baby(s, name="Ari")
    invitation = Invitation.issue(household, Role.CAREGIVER, parent, "Grandpa")
    s.clear_cookies()
    visit(s, f"/join/{invitation.token}/", "join", "Join Our family")
    s.page.goto(s.base + "/join/no-such-link/")
    expect(s.page.get_by_role("heading", name=re.compile("does not work"))).to_be_visible()
    s.shoot("join-invalid", both_schemes=False)
    s.errors[:] = [e for e in s.errors if "404" not in e]

    # A sign-in form left open while the cookies went (signed out in another tab).
    s.go("/login/")
    s.context.clear_cookies()
    s.page.get_by_label("E-mail").fill(parent.email)
    s.page.get_by_label("Password").fill(PASSWORD)
    s.page.get_by_role("button", name="Sign in").click()
    expect(s.page.get_by_role("heading", name="Please try that again")).to_be_visible()
    s.shoot("stale-form")
    s.errors[:] = [e for e in s.errors if "403" not in e]
    s.page.get_by_role("link", name="Open it again").click()
    expect(s.page.get_by_role("heading", name="Welcome back")).to_be_visible()


def test_a_pregnancy_home_and_a_viewers_view(screen):
    s = screen("phone", "screens")
    user, household, child = signed_in_with_baby(s, name="Bean")
    Child.objects.filter(pk=child.pk).update(birth_at=None,
                                             due_date=timezone.localdate() + timedelta(weeks=9))
    visit(s, "/", "pregnancy-home", "Bean")
    expect(s.page.get_by_text(re.compile(r"Week 3\d\+\d of pregnancy"))).to_be_visible()
    expect(s.page.get_by_role("button", name="Talking to the bump")).to_be_visible()
    expect(s.page.get_by_role("button", name="Skin-to-skin")).to_have_count(0)

    grandma = User.objects.create_user(email="gran@example.org", password=PASSWORD,
                                       display_name="Gran")
    Membership.objects.create(user=grandma, household=household, role=Role.VIEWER)
    s.clear_cookies()
    sign_in(s, "gran@example.org")
    visit(s, "/", "viewer-home", "Bean")
    expect(s.page.get_by_role("button", name="Talking to the bump")).to_have_count(0)
    s.page.goto(s.base + "/household/")
    expect(s.page.get_by_role("heading", name="This needs another role")).to_be_visible()
    s.shoot("forbidden", both_schemes=False)
    s.errors[:] = [e for e in s.errors if "403" not in e]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_screens_no_other_walk_opens(screen, viewport):
    """So that every page is scanned (axe, targets, light and dark), the few that no other
    browser test reaches."""
    from django.contrib.auth.tokens import default_token_generator
    from django.test import Client
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    s = screen(viewport, "screens")
    user, household, child = signed_in_with_baby(s)
    fill_journal(child, user)
    visit(s, f"/insights/week/?child={child.pk}", "week")

    # Bringing a file in: the dry-run report.
    own = Client()
    own.force_login(user)
    exported = b"".join(own.get("/household/data/export/?format=json").streaming_content)
    s.go("/household/data/")
    s.page.locator("input[type=file]").set_input_files(
        {"name": "nestwell.json", "mimeType": "application/json", "buffer": exported})
    s.page.get_by_label("It comes from").select_option("nestwell")
    s.page.get_by_role("button", name="Check the file").click()
    s.page.wait_for_load_state("networkidle")
    s.shoot("import-report")

    # A new password from the e-mailed link.
    s.clear_cookies()
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    s.go(f"/password-reset/{uid}/{default_token_generator.make_token(user)}/")
    s.page.wait_for_url(re.compile(r"/password-reset/.+/set-password/"))
    s.shoot("password-reset-confirm")

    # Someone signed in without a household yet.
    User.objects.create_user(email=f"new-{viewport}@example.org", password=PASSWORD,
                             display_name="Robin")
    sign_in(s, f"new-{viewport}@example.org")
    visit(s, "/household/new/", "create-household")


def test_a_caregivers_today_offers_the_bottle(screen):
    """Bob looks after Mila while her mother works: the bottle, not the breast's two tiles,
    and no "the left side was last"."""
    s = screen("phone", "screens")
    _bob, _household, child = signed_in_with_baby(s, role=Role.CAREGIVER)
    Moment.objects.create(household=child.household, child=child, kind="feeding",
                          started_at=timezone.now() - timedelta(hours=2),
                          ended_at=timezone.now() - timedelta(hours=2) + timedelta(minutes=15),
                          details={"method": "breast", "side": "left"})
    visit(s, "/", "caregiver-home", "Mila")
    expect(s.page.get_by_role("button", name=re.compile("Bottle"))).to_be_visible()
    expect(s.page.get_by_role("button", name=re.compile("Feed · left"))).to_have_count(0)
    expect(s.page.get_by_test_id("next-side")).to_have_count(0)
