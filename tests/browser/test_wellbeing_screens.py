"""Her own space, in the browser: check-in, contacts, sharing, and the support page."""

import pytest
from playwright.sync_api import expect

from nestwell.accounts.models import Membership, User
from nestwell.accounts.roles import Role
from nestwell.wellbeing.models import CheckIn, Share, SupportContact
from tests.browser.conftest import axe_violations
from tests.browser.helpers import sign_in, signed_in_with_baby
from tests.browser.test_every_screen import visit
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check_in(page, safety_label):
    for question, answer in (("How is your mood?", "Low"),
                             ("How connected did you feel with your baby today?", "Close"),
                             ("How is your energy?", "Empty"),
                             ("How stressed do you feel?", "A lot"),
                             ("How supported do you feel?", "A little")):
        page.get_by_role("group", name=question).get_by_text(answer, exact=True).click()
    page.get_by_label("Roughly how many hours did you sleep in the last 24?").fill("3.5")
    page.get_by_role("group", name="Do you feel safe right now — you and your baby?") \
        .get_by_text(safety_label, exact=True).click()
    page.get_by_role("button", name="Save my check-in").click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_her_space(screen, viewport):
    s = screen(viewport, "wellbeing")
    user, household, _child = signed_in_with_baby(s)
    SupportContact.objects.create(household=household, owner=user, name="Midwife Jo",
                                  role="midwife", phone="+44 20 7946 0000")
    visit(s, "/you/", "hub", "For you")
    visit(s, "/you/check-in/", "checkin", "How are you, really?")
    check_in(s.page, "Yes, I feel safe")
    expect(s.page.get_by_text("Thank you for checking in with yourself.")).to_be_visible()
    expect(s.page.get_by_test_id("checkin")).to_have_count(1)
    s.shoot("hub-after-checkin")
    visit(s, "/you/check-ins/", "checkin-history", "Your check-ins")
    visit(s, "/you/contacts/", "contacts", "Your support contacts")
    visit(s, "/you/contacts/new/", "contact-add", "Add someone")
    contact = SupportContact.objects.get(owner=user)
    visit(s, f"/you/contacts/{contact.pk}/", "contact-edit", "Midwife Jo")
    visit(s, "/you/questionnaires/epds/paper/", "paper", "A score from paper")
    partner = User.objects.create_user(email=f"p-{viewport}@example.org", password=PASSWORD,
                                       display_name="Sam")
    Membership.objects.create(user=partner, household=household, role=Role.CAREGIVER)
    visit(s, "/you/sharing/", "sharing", "What you share")
    s.page.get_by_label("My check-ins").check()
    s.page.get_by_role("button", name="Save").click()
    expect(s.page.get_by_text("Sharing with Sam updated.")).to_be_visible()
    assert Share.objects.get(owner=user, member=partner).checkins

    s.clear_cookies()
    sign_in(s, partner.email)
    visit(s, f"/you/shared/{user.pk}/", "shared", "What Jess shares with you")
    s.clear_cookies()
    sign_in(s, user.email)
    visit(s, "/you/audit/", "audit", "Who has looked, and when")
    expect(s.page.get_by_text("Sam looked at what you share")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_not_feeling_safe_opens_the_support_page_at_once(screen, viewport):
    s = screen(viewport, "safety")
    user, household, _child = signed_in_with_baby(s)
    household.country = "GB"
    household.save()
    SupportContact.objects.create(household=household, owner=user, name="Midwife Jo",
                                  role="midwife", phone="+44 20 7946 0000")
    s.go("/you/check-in/")
    check_in(s.page, "No")
    expect(s.page.get_by_test_id("support-page")).to_be_visible()
    expect(s.page.get_by_role("heading", name="You are not alone")).to_be_visible()
    expect(s.page.get_by_role("link", name="Midwife Jo")).to_have_attribute(
        "href", "tel:+442079460000")
    s.shoot("support-after-checkin")
    # After the birth: her own warning signs, and nothing said "in pregnancy".
    expect(s.page.get_by_test_id("worried-after-birth")).to_be_visible()
    expect(s.page.get_by_test_id("worried-in-pregnancy")).to_have_count(0)
    s.page.get_by_test_id("worried-after-birth").scroll_into_view_if_needed()
    s.shoot("support-after-birth")
    assert CheckIn.objects.get().safety == "not_safe"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_back_then_not_safe_opens_the_support_page(screen, viewport):
    """She checks in feeling safe, presses Back (the same form comes back, with the same
    key), answers "No" and saves: the support page at once, and her answer kept."""
    s = screen(viewport, "safety")
    signed_in_with_baby(s)
    s.go("/you/check-in/")
    check_in(s.page, "Yes, I feel safe")
    s.page.wait_for_url(lambda url: url.rstrip("/").endswith("/you"))
    s.page.go_back()
    s.page.wait_for_url(lambda url: "/you/check-in/" in url)
    check_in(s.page, "No")
    expect(s.page.get_by_test_id("support-page")).to_be_visible()
    expect(s.page.get_by_text("This was already saved; here it is.")).to_have_count(0)
    s.shoot("support-after-back")
    assert list(CheckIn.objects.order_by("pk").values_list("safety", flat=True)) == [
        "safe", "not_safe"]


def test_the_support_page_without_signing_in(screen):
    s = screen("phone", "safety")
    s.go("/login/")
    s.page.get_by_role("link", name="Need support now?").click()
    expect(s.page.get_by_test_id("support-page")).to_be_visible()
    s.shoot("support-anonymous")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_alone_is_enough_to_reach_support(screen, viewport):
    """Only the safety question answered: support at once, and she can finish later."""
    s = screen(viewport, "safety")
    signed_in_with_baby(s)
    s.go("/you/check-in/")
    s.page.get_by_role("group", name="How is your mood?").get_by_text("Low", exact=True).click()
    s.page.get_by_role("group", name="Do you feel safe right now — you and your baby?") \
        .get_by_text("No", exact=True).click()
    s.page.get_by_role("button", name="Save my check-in").click()
    expect(s.page.get_by_test_id("support-page")).to_be_visible()
    expect(s.page.get_by_text("This field is required.")).to_have_count(0)
    s.shoot("support-after-partial-checkin")
    s.page.get_by_role("button", name="Finish my check-in").click()
    expect(s.page.get_by_role("heading", name="How are you, really?")).to_be_visible()
    expect(s.page.get_by_role("group", name="How is your mood?").get_by_label("Low", exact=True)) \
        .to_be_checked()
    assert not CheckIn.objects.exists()


def check_in_safe(s, mood):
    """A full check-in with this mood, empty energy, a lot of stress, a little support,
    close to the baby, and "Yes, I feel safe"."""
    s.go("/you/check-in/")
    s.page.get_by_role("group", name="How is your mood?").get_by_text(
        mood, exact=True).click()
    for question, answer in (("How connected did you feel with your baby today?", "Close"),
                             ("How is your energy?", "Empty"),
                             ("How stressed do you feel?", "A lot"),
                             ("How supported do you feel?", "A little")):
        s.page.get_by_role("group", name=question).get_by_text(answer, exact=True).click()
    s.page.get_by_role("group", name="Do you feel safe right now — you and your baby?") \
        .get_by_text("Yes, I feel safe", exact=True).click()
    s.page.get_by_role("button", name="Save my check-in").click()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_very_low_day_that_feels_safe_offers_support_on_her_page(screen, viewport):
    s = screen(viewport, "wellbeing")
    signed_in_with_baby(s)
    check_in_safe(s, "Very low")
    card = s.page.get_by_test_id("heavy-checkin")
    expect(card).to_contain_text("You said you feel safe")
    s.shoot("hub-after-a-hard-day")
    card.get_by_role("link", name="Who to call").click()
    expect(s.page.get_by_test_id("support-page")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_tiring_stretch_that_feels_safe_is_met_gently(screen, viewport):
    """Sophie's evening: low, empty, a lot of stress, a little support, safe."""
    s = screen(viewport, "wellbeing-tiring")
    signed_in_with_baby(s)
    check_in_safe(s, "Low")
    card = s.page.get_by_test_id("tiring-checkin")
    expect(card).to_contain_text("two weeks or more")
    expect(s.page.get_by_test_id("heavy-checkin")).to_have_count(0)
    s.shoot("hub-after-a-tiring-day")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_week_after_an_unsafe_answer_offers_support(screen, viewport):
    """Chloé's walk: the week after she said she did not feel safe spoke only of rest."""
    s = screen(viewport, "wellbeing-week")
    user, household, child = signed_in_with_baby(s)
    CheckIn.objects.create(household=household, author=user, mood=2, connection=3, energy=1,
                           stress=4, support=2, safety="unsure", sleep_hours="4")
    s.go(f"/insights/week/?child={child.pk}")
    expect(s.page.get_by_test_id("week")).to_contain_text("carry it alone")
    s.shoot("week-after-an-unsafe-answer")
    assert not axe_violations(s.page)
    s.page.get_by_test_id("week-support").click()
    expect(s.page.get_by_test_id("support-page")).to_be_visible()
