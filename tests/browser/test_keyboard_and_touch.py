"""Reaching things fast: by keyboard (a skip link, then the crying button), and by thumb
(the undo note never covers a button, the home tiles are told apart at a glance)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Buttons in the page whose box overlaps the undo note's box (its own buttons aside).
COVERED = """() => {
  const note = document.querySelector('[data-testid=undo]').getBoundingClientRect();
  return [...document.querySelectorAll('main button, main .button, nav a')]
    .filter(el => !el.closest('[data-testid=undo]') && el.offsetParent !== null)
    .filter(el => { const r = el.getBoundingClientRect();
      return r.left < note.right && r.right > note.left && r.top < note.bottom
        && r.bottom > note.top; })
    .map(el => el.innerText.trim());
}"""

TILE_ICONS = """() => [...document.querySelectorAll('.quick-grid .tile')].map(t => {
  const icon = t.querySelector('.icon');
  return {label: t.innerText.split('\\n').slice(-2)[0].trim(), icon: icon.textContent,
          transform: getComputedStyle(icon).transform};
})"""

# The quick grid's last row reaches its right edge: no tile sits alone in it.
LAST_ROW_FILLED = """() => {
  const grid = document.querySelector('.quick-grid').getBoundingClientRect();
  const tiles = [...document.querySelectorAll('.quick-grid .tile')]
    .map(t => t.getBoundingClientRect());
  const lastTop = Math.max(...tiles.map(r => Math.round(r.top)));
  const right = Math.max(...tiles.filter(r => Math.round(r.top) === lastTop)
    .map(r => r.right));
  return grid.right - right;
}"""


def test_a_skip_link_leads_to_the_crying_button(screen):
    s = screen("phone", "keyboard")
    signed_in_with_baby(s)
    s.go("/")
    s.page.keyboard.press("Tab")
    skip = s.page.get_by_role("link", name="Skip to the page")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    s.shoot("skip-link", both_schemes=False)
    s.page.keyboard.press("Enter")
    s.page.keyboard.press("Tab")
    expect(s.page.get_by_role("button", name="Baby is crying")).to_be_focused()


# The relative luminance (0 black, 1 white) of an element's background colour.
LIGHTNESS = """(selector) => {
  const [r, g, b] = getComputedStyle(document.querySelector(selector)).backgroundColor
    .match(/[\\d.]+/g).slice(0, 3).map(Number).map((c) => {
      c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


@pytest.mark.parametrize("viewport", ["phone", "narrow", "desktop"])
def test_the_undo_note_covers_nothing(screen, viewport):
    s = screen(viewport, "undo-note")
    signed_in_with_baby(s)
    s.go("/")
    s.page.get_by_role("button", name="Talking").click()
    note = s.page.get_by_test_id("undo")
    expect(note).to_contain_text("Talking logged")
    for y in (0, 400, 10_000):  # wherever she has scrolled to
        s.page.evaluate(f"window.scrollTo(0, {y})")
        assert s.page.evaluate(COVERED) == []
    s.page.evaluate("window.scrollTo(0, 0)")
    s.shoot("home")
    # In the dark it stays dark: a bright box after every tap at 3 a.m. would wake her eyes.
    s.page.emulate_media(color_scheme="dark")
    light = s.page.evaluate(LIGHTNESS, "[data-testid=undo]")
    page = s.page.evaluate(LIGHTNESS, "body")
    assert light < 0.2 and abs(light - page) < 0.15, (light, page)
    s.page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("viewport", ["phone", "narrow", "desktop"])
def test_each_feed_tile_has_its_own_look_and_no_tile_sits_alone(screen, viewport):
    s = screen(viewport, "tiles")
    signed_in_with_baby(s)
    s.go("/")
    tiles = {t["label"]: (t["icon"], t["transform"]) for t in s.page.evaluate(TILE_ICONS)}
    looks = [tiles["Skin-to-skin"], tiles["Feed · left"], tiles["Feed · right"],
             tiles["Bottle"]]
    assert len(set(looks)) == 4, tiles
    assert tiles["Feed · left"][0] == "🤱" and tiles["Bottle"][0] == "🍼"
    assert s.page.evaluate(LAST_ROW_FILLED) < 2


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_bottle_timer_takes_its_amount_as_it_stops(screen, viewport):
    from datetime import timedelta

    from django.utils import timezone

    from nestwell.journal.models import Moment

    s = screen(viewport, "bottle-amount")
    user, household, child = signed_in_with_baby(s)
    bottle = Moment.objects.create(household=household, child=child, kind="feeding",
                                   started_at=timezone.now() - timedelta(minutes=12),
                                   actor=user, created_by=user, details={"method": "bottle"})
    s.go("/")
    timer = s.page.get_by_test_id("timer")
    timer.get_by_label("Amount").fill("90")
    s.shoot("running")
    timer.get_by_role("button", name="Stop").click()
    expect(s.page.get_by_role("status").first).to_contain_text("Feed saved")
    bottle.refresh_from_db()
    assert bottle.ended_at is not None and bottle.details["amount_ml"] == 90


def test_after_a_form_the_focus_goes_to_what_the_page_says(screen):
    """A form sent by keyboard swaps the page (hx-boost): the focus goes to the note of what
    happened (the moment to undo) or to what needs correcting, never back to the page
    itself, where a screen reader would hear nothing and the keyboard start again."""
    s = screen("desktop", "keyboard-focus")
    user, _household, child = signed_in_with_baby(s)
    s.go("/")
    tile = s.page.locator(".quick-grid form").filter(has_text="Talking").locator("button")
    tile.focus()
    s.page.keyboard.press("Enter")
    # The page settles a moment after it is swapped in; the focus moves then.
    expect(s.page.get_by_test_id("undo")).to_be_focused()
    # A questionnaire's Next without an answer: the kind error has the focus, and the
    # question group is described by it.
    s.go("/you/questionnaires/phq9/")
    s.page.get_by_role("button", name="Begin").focus()
    s.page.keyboard.press("Enter")
    next_button = s.page.get_by_role("button", name="Next")
    expect(next_button).to_be_visible()
    next_button.focus()
    s.page.keyboard.press("Enter")
    error = s.page.locator("#item-error")
    expect(error).to_be_focused()
    expect(s.page.locator("fieldset")).to_have_attribute("aria-describedby", "item-error")


FOCUSED = "() => { const e = document.activeElement; return e ? (e.id || e.tagName) : null; }"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_keyboard_goes_on_from_where_a_tap_left_it(screen, viewport):
    """Found by a keyboard and screen-reader walkthrough: after Baby is crying the focus
    fell back to the page (a screen reader said nothing of the new card), a running timer's
    refresh every 20 s took the focus off its Stop button, and Enter in a questionnaire's
    answer went back a question (Back was the form's first button)."""
    from nestwell.journal.models import Moment

    s = screen(viewport, "keyboard-after-tap")
    _user, household, child = signed_in_with_baby(s)
    page = s.page
    s.go("/")
    # Its name is its words: "crying face" was read before them.
    crying = page.get_by_role("button", name="Baby is crying", exact=True)
    crying.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#crying-title")).to_be_focused()
    page.get_by_test_id("crying-episode").get_by_role("button", name="Picked up").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#crying-title")).to_be_focused()

    # A running feed: the focus stays on its Stop button across the timers' refresh.
    feed = Moment.objects.create(household=household, child=child, kind="feeding",
                                 started_at=timezone.now() - timedelta(minutes=5),
                                 details={"method": "breast", "side": "left"})
    s.go("/")
    stop = page.locator(f"#stop-{feed.pk}")
    stop.focus()
    page.evaluate("() => htmx.ajax('GET', '/timers/', {target: '#timers', swap: 'outerHTML'})")
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling')")
    page.wait_for_timeout(300)
    assert page.evaluate(FOCUSED) == f"stop-{feed.pk}"

    # Enter in an answer means Next, on the second question as on the first.
    s.go("/you/questionnaires/gad7/")
    page.get_by_role("button", name="Begin").click()
    for question in (1, 2):
        expect(page.locator("h1")).to_contain_text(f"question {question} of 7")
        page.locator("#opt-0").focus()
        page.keyboard.press("Space")
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("question 3 of 7")
    s.shoot("questionnaire-after-enter", both_schemes=False)


def test_on_the_night_screen_a_tap_s_message_has_the_focus_and_doses_say_their_medicine(
        screen):
    """The night screen loads whole after each tap: the focus went back to the top and the
    message was not read out. Two "Given now (2.5 ml)" buttons sounded the same."""
    from nestwell.medicines.models import Medicine

    s = screen("phone", "night-keyboard")
    _user, household, child = signed_in_with_baby(s)
    for name in ("Infant paracetamol", "Vitamin D"):
        Medicine.objects.create(household=household, child=child, name=name,
                                dose="2.5", unit="ml")
    s.go("/night/")
    page = s.page
    for name in ("Infant paracetamol", "Vitamin D"):
        given = page.get_by_role("button", name=re.compile(f"^Given now ?: {name}"))
        expect(given).to_have_count(1)
    page.get_by_test_id("nappy-wet").focus()
    page.keyboard.press("Enter")
    toast = page.locator("#main .toast[role=status]")
    expect(toast).to_be_focused()
    s.shoot("after-nappy", both_schemes=False)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_removing_someone_asks_first(screen, viewport):
    """Remove sat next to Change and took effect at once (a keyboard walkthrough: a risk
    for a shaking hand). It asks, names what goes, and Keep them changes nothing."""
    from nestwell.accounts.models import Membership, Role, User
    from tests.conftest import PASSWORD

    s = screen(viewport, "remove-member")
    _user, household, _child = signed_in_with_baby(s)
    sam = User.objects.create_user(email=f"sam-{viewport}@example.org", password=PASSWORD,
                                   display_name="Sam")
    Membership.objects.create(user=sam, household=household, role=Role.CAREGIVER)
    s.go("/household/")
    page = s.page
    page.get_by_role("button", name="Remove Sam").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Remove Sam from the household?")
    expect(page.locator("h1")).to_be_focused()
    s.shoot("confirm")
    page.get_by_role("link", name="Keep them").click()
    expect(page).to_have_url(re.compile(r"/household/$"))
    expect(page.get_by_test_id("remove-confirm")).to_have_count(0)
    assert Membership.objects.filter(user=sam).exists()
    page.get_by_role("button", name="Remove Sam").click()
    page.get_by_test_id("remove-confirm").click()
    expect(page.get_by_text("Sam is no longer in this household.")).to_be_visible()
    assert not Membership.objects.filter(user=sam).exists()


def test_a_refused_sign_in_says_why_where_the_focus_is(screen):
    """The e-mail field's autofocus took the focus back after a wrong password: a screen
    reader said "E-mail, edit text" and never why."""
    from nestwell.accounts.models import User

    User.objects.create_user(email="ben@example.org", password="a calm night 2026",
                             display_name="Ben")
    s = screen("phone", "sign-in-refused")
    s.go("/login/")
    page = s.page
    page.get_by_label("E-mail").fill("ben@example.org")
    page.get_by_label("Password").fill("not the password")
    page.keyboard.press("Enter")
    error = page.locator(".errorlist").first
    expect(error).to_contain_text("do not match")
    expect(error).to_be_focused()
