"""The screens added from the walkthroughs of 2026-12-05, in Chromium on phone and
desktop, light and dark: a twin's crying on the other twin's page, the milk kept for the
other twin, a fever at the top of the night screen, and a dose from the form that asks
first."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.care import services as care
from nestwell.health.models import Nappy, Temperature
from nestwell.medicines import services as medicines
from nestwell.medicines.models import Dose
from nestwell.milk import services as milk
from tests.browser.helpers import signed_in_with_baby, twin_of
from tests.browser.test_every_screen import visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_twins_crying_and_milk_on_the_other_twins_pages(screen, viewport):
    s = screen(viewport, "twins-elsewhere")
    user, _household, lea = signed_in_with_baby(s, name="Lea")
    hugo = twin_of(lea, name="Hugo")
    cry = care.start_episode(child=lea, user=user)
    care.respond(cue=cry, user=user, way="rocked")
    milk.add_bag(child=lea, user=user, expressed_at=timezone.now() - timedelta(hours=3),
                 amount_ml=120, place="fridge")

    visit(s, f"/?child={hugo.pk}", "today-hugo")
    card = s.page.get_by_test_id("crying-elsewhere")
    expect(card).to_contain_text("Lea: crying since")
    expect(card).to_contain_text("Rocked")
    s.shoot("crying-elsewhere")
    card.get_by_role("button", name="Go to Lea").click()
    expect(s.page.get_by_test_id("crying-episode")).to_contain_text("Lea")

    visit(s, f"/milk/store/?child={hugo.pk}", "store-hugo", "Milk store")
    expect(s.page.get_by_test_id("kept-elsewhere")).to_contain_text(
        "Kept for Lea: 1 bottle or bag, 120 ml.")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_fever_on_the_night_screen_and_a_dose_that_asks_first(screen, viewport):
    s = screen(viewport, "night-and-dose")
    user, household, child = signed_in_with_baby(s, name="Maya")
    Temperature.objects.create(household=household, child=child, celsius=38.4,
                               taken_at=timezone.now() - timedelta(hours=1))
    visit(s, f"/night/?child={child.pk}", "night-fever")
    expect(s.page.get_by_test_id("fever-call-now")).to_be_visible()
    expect(s.page.get_by_test_id("fever-emergency")).to_contain_text("999")

    paracetamol = medicines.add_medicine(child=child, user=user, name="Paracetamol",
                                         dose="2.5", unit="ml", form="liquid",
                                         schedule="spaced", min_hours="4", most_per_day=4)
    medicines.give(medicine=paracetamol, user=user,
                   given_at=timezone.now() - timedelta(hours=2))
    page = s.page
    s.go(f"/care-day/medicines/?child={child.pk}")
    page.get_by_text("A dose from earlier, or another amount").click()
    page.locator("[name=amount]").fill("1.5")
    page.get_by_label("Unit").select_option("ml")
    page.get_by_role("button", name="Keep it").click()
    expect(page.get_by_text("By the schedule you entered, Paracetamol fits again")
           ).to_be_visible()
    assert Dose.objects.count() == 1
    s.shoot("dose-asks-first")
    page.get_by_test_id("keep-anyway").click()
    expect(page.get_by_test_id("keep-anyway")).to_have_count(0)
    expect(page.get_by_text("sooner than the schedule you entered")).to_be_visible()
    assert Dose.objects.count() == 2


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_baby_added_twice_is_removed_from_her_page(screen, viewport):
    """The page that takes a baby added by mistake out of the household."""
    from nestwell.children.models import Child

    s = screen(viewport, "remove-baby")
    _user, household, alfie = signed_in_with_baby(s, name="Alfie")
    again = Child.objects.create(household=household, name="Alfie", birth_at=alfie.birth_at)
    visit(s, f"/children/{again.pk}/edit/", "about-alfie")
    s.page.get_by_test_id("child-remove").click()
    expect(s.page.get_by_test_id("remove-child")).to_contain_text("Nothing is logged")
    s.shoot("question")
    s.page.get_by_test_id("remove-child-yes").click()
    expect(s.page.get_by_role("status").first).to_contain_text("Alfie is removed.")
    assert list(Child.objects.filter(household=household)) == [alfie]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_fever_on_today_the_delete_question_the_support_page_and_a_405(screen, viewport):
    """Screens from the last walkthroughs not yet seen: the fever card at the top of Today
    with NHS 111 beside the emergency number, the delete question that names the record,
    the support page's section for a worry about the baby, and the page for an address
    only a button posts to."""
    from nestwell.health import services as health

    s = screen(viewport, "fever-delete-support")
    user, household, child = signed_in_with_baby(s, name="Maya")
    Temperature.objects.create(household=household, child=child, celsius=38.4,
                               taken_at=timezone.now() - timedelta(hours=1))
    visit(s, f"/?child={child.pk}", "today-fever")
    card = s.page.get_by_test_id("fever-call-now")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("fever-health-line")).to_contain_text("NHS 111")

    nappy = health.add_nappy(child=child, kind="both", user=user,
                             changed_at=timezone.now() - timedelta(minutes=40))
    s.go(f"/care-day/nappies/{nappy.pk}/")
    s.page.get_by_role("button", name="Delete").click()
    expect(s.page.get_by_test_id("delete-what")).to_contain_text("Wet and dirty nappy")
    s.shoot("delete-question")
    s.page.get_by_role("link", name="Keep it").click()
    expect(s.page.get_by_role("button", name="Delete")).to_be_visible()
    assert Nappy.objects.filter(pk=nappy.pk).exists()

    visit(s, "/support/", "support")
    section = s.page.get_by_test_id("worried-about-baby")
    section.scroll_into_view_if_needed()
    expect(section).to_contain_text("Worried about your baby's health?")

    response = s.page.goto(s.base + f"/care-day/nappies/{nappy.pk}/undo/")
    assert response.status == 405
    expect(s.page.get_by_test_id("not-allowed")).to_contain_text("Nothing was changed.")
    s.shoot("not-allowed")
    # The browser notes the 405 itself, as it does a 404: the status is meant.
    s.errors[:] = [e for e in s.errors if "405" not in e]


# The buttons whose words reach past their edges (the text's own box against the
# button's, as a centred text spills out on both sides without any scroll width).
OVERFLOWING = """(selector) => [...document.querySelectorAll(selector)].filter((el) => {
  const range = document.createRange(); range.selectNodeContents(el);
  const text = range.getBoundingClientRect(), box = el.getBoundingClientRect();
  return text.left < box.left - 1 || text.right > box.right + 1;
}).map((el) => el.textContent.trim())"""


def test_the_ways_of_answering_a_cry_fit_their_buttons_in_german(screen):
    """ "Hochgenommen" and "Herumgetragen" ran past their buttons at 390 px: the grid's
    columns grew to the longest word."""
    from nestwell.accounts.models import User

    s = screen("phone", "cry-de", timezone_id="Europe/Berlin")
    user, _household, child = signed_in_with_baby(s, name="Mia")
    User.objects.filter(pk=user.pk).update(language="de")
    care.start_episode(child=child, user=user)
    for page in (f"/?child={child.pk}", f"/night/?child={child.pk}"):
        s.go(page)
        grid = s.page.locator(".way-grid").first
        expect(grid).to_contain_text("Herumgetragen")
        assert s.page.evaluate(OVERFLOWING, ".way-grid button") == [], page
        box = grid.bounding_box()
        assert box["x"] + box["width"] <= s.page.viewport_size["width"], page
    grid.scroll_into_view_if_needed()
    s.shoot("ways", both_schemes=False)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_health_visitors_number_given_to_the_household(screen, viewport):
    """The mother ticks her health visitor's number for everyone in the household; the
    grandmother, a caregiver, finds it on the support page at night."""
    from nestwell.accounts.models import Membership, User
    from tests.browser.helpers import sign_in
    from tests.conftest import PASSWORD

    s = screen(viewport, "care-team")
    _user, household, _child = signed_in_with_baby(s, name="Maya")
    page = s.page
    s.go("/you/contacts/new/?role=health_visitor")
    page.get_by_label("Name").fill("Pat Lee")
    page.get_by_label("Phone").fill("020 7946 0001")
    page.get_by_label("Everyone in the household can call this number").check()
    s.shoot("form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Pat Lee")).to_be_visible()

    grandma = User.objects.create_user(email=f"nan-{viewport}@example.org", password=PASSWORD,
                                       display_name="Margaret")
    Membership.objects.create(user=grandma, household=household, role="caregiver")
    other = screen(viewport, "care-team-nan")
    sign_in(other, grandma.email)
    other.go("/support/")
    number = other.page.get_by_test_id("care-team-number")
    expect(number).to_contain_text("Pat Lee")
    expect(number).to_contain_text("from Jess")
    expect(number).to_have_attribute("href", "tel:02079460001")
    number.scroll_into_view_if_needed()
    other.shoot("support")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_her_partner_reads_the_safety_answer_she_shared_with_what_to_do(screen, viewport):
    """From the walkthrough of 2026-12-06 (Kwame): he saw "answered a safety question" and
    a line about offering rest; now the signal in plain words, what he can do, the
    emergency number and the way to the helplines come first."""
    from nestwell.accounts.models import Membership, User
    from nestwell.accounts.roles import Role
    from nestwell.wellbeing.models import ScreeningResponse, Share
    from tests.browser.helpers import PASSWORD, sign_in

    s = screen(viewport, "shared-safety")
    efua, household, _ama = signed_in_with_baby(s, name="Ama")
    household.country = "CA"
    household.save()
    kwame = User.objects.create_user(email=f"kwame-{viewport}@example.org",
                                     password=PASSWORD, display_name="Kwame")
    Membership.objects.create(user=kwame, household=household, role=Role.PARENT)
    ScreeningResponse.objects.create(household=household, author=efua, instrument="phq9",
                                     answers=[2] * 8 + [1], total=17,
                                     band="moderately_severe", safety=[9])
    Share.objects.create(household=household, owner=efua, member=kwame, checkins=False,
                         screenings=True)
    s.clear_cookies()
    sign_in(s, kwame.email)
    # His Today says so first (he need not go looking), and leads to her page
    s.go("/")
    flag = s.page.get_by_test_id("shared-flag")
    expect(flag).to_contain_text("Jess may need you today")
    s.shoot("today")
    flag.get_by_role("link", name="What it says, and what you can do").click()
    s.page.wait_for_url(f"**/you/shared/{efua.pk}/")
    visit(s, f"/you/shared/{efua.pk}/", "shared")
    card = s.page.get_by_test_id("shared-safety")
    expect(card).to_contain_text("thoughts of self-harm have come to mind")
    expect(card.get_by_test_id("shared-emergency")).to_have_attribute("href", "tel:911")
    s.shoot("shared")
    card.get_by_test_id("shared-support").click()
    expect(s.page.get_by_test_id("worried-about-someone")).to_contain_text(
        "The lines above are for you too")
    s.page.get_by_test_id("worried-about-someone").scroll_into_view_if_needed()
    s.shoot("support-someone", both_schemes=False)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_an_epds_total_from_paper_without_question_10_says_that_answer_is_unknown(
        screen, viewport):
    s = screen(viewport, "epds-unknown")
    signed_in_with_baby(s)
    s.go("/you/questionnaires/epds/paper/")
    s.page.get_by_label("Total score").fill("16")
    s.page.get_by_role("button", name="Save").click()
    card = s.page.get_by_test_id("safety-unknown")
    expect(card).to_contain_text("Its score was not given")
    expect(card.get_by_role("link", name="Who to call")).to_have_attribute("href", "/support/")
    s.shoot("result")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_she_signs_out_everywhere_else_and_stays_here(screen, viewport):
    """Aoife's walk: only a new password ended her other sessions."""
    from tests.browser.helpers import sign_in

    s = screen(viewport, "sign-out-elsewhere")
    user, _household, _child = signed_in_with_baby(s)
    laptop = screen(viewport, "sign-out-elsewhere-laptop")
    sign_in(laptop, user.email)
    laptop.go("/account/")
    s.go("/account/")
    button = s.page.get_by_test_id("sign-out-elsewhere")
    button.scroll_into_view_if_needed()
    s.shoot("account")
    button.click()
    expect(s.page.get_by_text("Everywhere else you were signed in is signed out")).to_be_visible()
    s.shoot("done")
    s.go("/account/")
    expect(s.page.get_by_test_id("sign-out-elsewhere")).to_be_visible()  # still signed in
    laptop.page.goto(laptop.base + "/account/")
    expect(laptop.page).to_have_url(re.compile(r"/login/"))


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_twins_today_says_whom_the_after_feed_question_is_about(screen, viewport):
    """Fatima, on Adam's Today after Noor's feed, could read the question as about Adam."""
    from nestwell.journal import services as journal

    s = screen(viewport, "wonder-about-twin")
    user, _household, adam = signed_in_with_baby(s, name="Adam")
    noor = twin_of(adam)
    feed = journal.start_timer(child=noor, kind="feeding", user=user,
                               started_at=timezone.now() - timedelta(minutes=20),
                               details={"method": "breast", "side": "left"})
    journal.stop_timer(moment=feed)
    s.go(f"/?child={adam.pk}")
    card = s.page.get_by_test_id("wondering-card")
    expect(card.get_by_test_id("wondering-about")).to_have_text("About Noor")
    expect(card).to_contain_text("Noor")
    card.scroll_into_view_if_needed()
    s.shoot("today")
