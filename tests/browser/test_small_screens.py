"""What a phone of 360 or 390 px shows when the text is long, the words are long, or the
controls are many: the page never grows sideways, words keep whole where they are ours,
and everything she taps is big enough."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.accounts.models import Membership, User
from nestwell.accounts.roles import Role
from nestwell.care.models import Routine, RoutineStep
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.wellbeing.models import CheckIn, SupportContact
from tests.browser.helpers import signed_in_with_baby
from tests.conftest import PASSWORD
from tests.insights.test_dashboard import fill

# How the page lays out does not depend on the database: CI runs these on SQLite only.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.database_independent]

URL = "https://www.example.org/" + "a-very-long-path/" * 5 + "?with=query&and=more"
WORD = "Aaaa" * 75  # 300 letters with nowhere to break
HEBREW = "ההאכלה הייתה רגועה ושקטה"

WIDER_THAN_THE_SCREEN = """() => ({page: document.documentElement.scrollWidth,
                                  screen: window.innerWidth})"""

# Every word of the matched elements on one line: a word split across lines has more
# than one client rectangle.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const el of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""


def long_texts_everywhere(user, household, child):
    """Long words everywhere; the timeline's address for the day of the moments. They are
    kept within one hour that began at least two hours ago: the same day, all in the past,
    whatever the clock (run at 00:10, "today" had no room for three ended moments, and
    the timeline of today showed none)."""
    now = timezone.now()
    zone = ZoneInfo(household.time_zone)
    anchor = (now - timedelta(hours=2)).astimezone(zone).replace(minute=0, second=0,
                                                                 microsecond=0)
    for i, note in enumerate((URL, WORD, HEBREW)):
        start = anchor + timedelta(minutes=i + 1)
        Moment.objects.create(household=household, child=child, kind="feeding",
                              started_at=start, ended_at=start + timedelta(minutes=10),
                              actor=user, created_by=user, note=note,
                              details={"method": "bottle", "amount_ml": 120})
    Moment.objects.create(household=household, child=child, kind="letter", started_at=now,
                          ended_at=now, actor=user, created_by=user, note=f"{URL}\n{WORD}",
                          details={"shared": True})
    Milestone.objects.create(household=household, child=child, kind="other", title=WORD[:80],
                             happened_on=date.today() - timedelta(days=2), note=URL + WORD)
    CheckIn.objects.create(household=household, author=user, mood=3, connection=3, energy=3,
                           stress=3, support=3, safety="safe", note=URL + " " + WORD)
    SupportContact.objects.create(household=household, owner=user, name=WORD[:80],
                                  role="midwife", phone="0123456789", note=WORD[:200])
    routine = Routine.objects.create(household=household, child=child, name=WORD[:60])
    RoutineStep.objects.create(routine=routine, kind="bath", at="19:00")
    return f"/timeline/?day={anchor.date().isoformat()}&child={child.pk}"


@pytest.mark.parametrize("viewport", ["phone", "narrow"])
def test_long_words_never_widen_the_page(screen, viewport):
    s = screen(viewport, "long-text")
    user, household, child = signed_in_with_baby(s, name=WORD[:60])
    timeline = long_texts_everywhere(user, household, child)
    note_moment = Moment.objects.filter(note=WORD).get()
    for path, name in [
        ("/", "home"), (timeline, "timeline"), (f"/moments/{note_moment.pk}/edit/", "edit"),
        (f"/letters/?child={child.pk}", "letters"), (f"/milestones/?child={child.pk}", "firsts"),
        (f"/routines/?child={child.pk}", "routines"), ("/you/check-ins/", "check-ins"),
        ("/you/contacts/", "contacts"), ("/support/", "support"), ("/children/", "children"),
        (f"/care/?child={child.pk}", "answering"), (f"/insights/?child={child.pk}", "dashboard"),
        (f"/insights/protocol/?child={child.pk}", "protocol"),
    ]:
        s.go(path)
        sizes = s.page.evaluate(WIDER_THAN_THE_SCREEN)
        assert sizes["page"] == sizes["screen"], f"{path} is wider than the screen: {sizes}"
        if name in ("home", "timeline", "letters"):
            s.shoot(name)
    # The pencil to edit a moment stays on the screen.
    s.go(timeline)
    pencil = s.page.locator("[data-testid=moment] .actions a").first.bounding_box()
    assert pencil["x"] + pencil["width"] <= s.page.viewport_size["width"]


def test_her_words_lay_out_in_their_own_direction(screen):
    s = screen("phone", "long-text")
    user, household, child = signed_in_with_baby(s)
    s.go(long_texts_everywhere(user, household, child))
    hebrew = s.page.locator(".note", has_text=HEBREW)
    expect(hebrew).to_have_attribute("dir", "auto")
    assert hebrew.evaluate("el => getComputedStyle(el).direction") == "rtl"
    for path, selector in [("/", "h1"), (f"/letters/?child={child.pk}", ".letter-text"),
                           (f"/milestones/?child={child.pk}", ".milestone .small:last-child"),
                           ("/you/check-ins/", ".note"), ("/you/contacts/", ".contact strong")]:
        s.go(path)
        expect(s.page.locator(selector).first).to_have_attribute("dir", "auto")


@pytest.mark.parametrize("viewport", ["phone", "narrow"])
def test_check_in_words_keep_whole(screen, viewport):
    s = screen(viewport, "small-screens")
    signed_in_with_baby(s)
    s.go("/you/check-in/")
    assert s.page.evaluate(BROKEN_WORDS, ".checkin-form .choices label") == []
    sizes = s.page.evaluate(WIDER_THAN_THE_SCREEN)
    assert sizes["page"] == sizes["screen"]
    s.shoot("check-in")


def test_the_household_controls_stay_in_their_card(screen):
    s = screen("narrow", "small-screens")
    _user, household, _child = signed_in_with_baby(s)
    grandma = User.objects.create_user(email="grandma.rosalind.featherstonehaugh@example.org",
                                       password=PASSWORD, display_name="Grandma Rosalind")
    Membership.objects.create(user=grandma, household=household, role=Role.CAREGIVER)
    s.go("/household/")
    card = s.page.locator(".card", has=s.page.locator("table.members")).bounding_box()
    for control in (*s.page.locator("table.members select").all(),
                    *s.page.get_by_role("button", name="Change").all(),
                    s.page.get_by_role("button", name="Remove")):
        box = control.bounding_box()
        assert box["x"] >= card["x"] and box["x"] + box["width"] <= card["x"] + card["width"]
    s.shoot("household")


def test_the_routine_time_looks_like_every_other_field(screen):
    s = screen("phone", "small-screens")
    _user, _household, child = signed_in_with_baby(s)
    s.go(f"/routines/new/?child={child.pk}")
    time_field = s.page.locator("input[type=time]").first
    name_field = s.page.get_by_label("Name")
    assert time_field.bounding_box()["height"] >= 44
    look = "el => [getComputedStyle(el).fontFamily, getComputedStyle(el).borderRadius]"
    assert time_field.evaluate(look) == name_field.evaluate(look)
    s.shoot("routine")


def test_the_visit_report_keeps_room_for_its_values(screen):
    s = screen("narrow", "small-screens")
    user, household, child = signed_in_with_baby(s)
    fill(household, child, user, days=5)
    s.go(f"/insights/report/?child={child.pk}&wellbeing=on")
    widths = s.page.evaluate("""() => [...document.querySelectorAll('.report dl.kv')].map(dl =>
      Math.min(...[...dl.querySelectorAll('dd')].map(dd =>
        dd.getBoundingClientRect().width / dl.getBoundingClientRect().width)))""")
    assert widths and min(widths) > 0.5, widths
    assert s.page.evaluate(BROKEN_WORDS, ".report dd") == []
    s.shoot("report")


def test_numbers_to_call_or_text_stay_on_one_line(screen):
    s = screen("narrow", "small-screens")
    user, household, _child = signed_in_with_baby(s)
    household.country = "GB"
    household.save()
    SupportContact.objects.create(household=household, owner=user, name="Midwife Jo",
                                  role="midwife", phone="+44 20 7946 0000")
    s.go("/support/")
    lines = s.page.evaluate("""() => [...document.querySelectorAll('.support .button strong')]
      .map(el => [el.innerText, new Set([...el.getClientRects()].map(r => r.top)).size,
                  Math.round(el.getBoundingClientRect().height)])""")
    assert lines and all(height < 40 for _text, _rects, height in lines), lines
    s.shoot("support")
