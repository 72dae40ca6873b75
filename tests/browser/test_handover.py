"""The partner's place, in the browser: a note left for him, the handover card on Today
for twins, his short check-in, "read" and "got it"."""

import re
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from nestwell.accounts.models import Membership, User
from nestwell.accounts.roles import Role
from nestwell.care.models import Cue
from nestwell.handover.models import Note, Seen
from nestwell.health.models import Nappy, Temperature
from nestwell.journal.models import Moment
from nestwell.medicines.models import Dose, Medicine
from nestwell.wellbeing.models import CheckIn
from tests.browser.helpers import sign_in, signed_in_with_baby, twin_of
from tests.browser.test_every_screen import visit
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_night(household, twins, jess, sam):
    now = timezone.now()
    for child, side, hours in ((twins[0], "left", 2), (twins[1], "right", 3)):
        Moment.objects.create(household=household, child=child, kind="feeding",
                              started_at=now - timedelta(hours=hours),
                              ended_at=now - timedelta(hours=hours) + timedelta(minutes=20),
                              details={"method": "breast", "side": side}, created_by=jess)
        Moment.objects.create(household=household, child=child, kind="sleep",
                              started_at=now - timedelta(hours=7),
                              ended_at=now - timedelta(hours=4), created_by=sam)
        Nappy.objects.create(household=household, child=child, kind="wet",
                             changed_at=now - timedelta(hours=1))
    # A pale stool for Noor: a call today, said outside the fold.
    Nappy.objects.create(household=household, child=twins[1], kind="dirty", colour="pale",
                         changed_at=now - timedelta(minutes=50))
    # Sam gave Noor a bottle in the night.
    Moment.objects.create(household=household, child=twins[1], kind="feeding",
                          started_at=now - timedelta(hours=6),
                          ended_at=now - timedelta(hours=6) + timedelta(minutes=15),
                          details={"method": "bottle", "amount_ml": 90}, created_by=sam)
    # Two cries answered at night (02:00 in London, the night before), one by each.
    night = datetime.combine(timezone.localdate(timezone=household.tz) - timedelta(days=1),
                             time(2, 0), tzinfo=household.tz)
    for child, who in zip(twins, (jess, sam), strict=True):
        Cue.objects.create(household=household, child=child, signal="cry", started_at=night,
                           responded_at=night + timedelta(minutes=1), responder=who,
                           closed_at=night + timedelta(minutes=15), outcome="settled")
    Cue.objects.create(household=household, child=twins[1], signal="cry",
                       started_at=now - timedelta(hours=5),
                       closed_at=now - timedelta(hours=5) + timedelta(minutes=25))
    # A fever at 3 a.m. in a baby under three months, and the paracetamol given for it.
    Temperature.objects.create(household=household, child=twins[0], created_by=sam,
                               taken_at=now - timedelta(hours=4), celsius=Decimal("38.2"))
    paracetamol = Medicine.objects.create(household=household, child=twins[0],
                                          name="Paracetamol")
    Dose.objects.create(household=household, child=twins[0], medicine=paracetamol,
                        given_at=now - timedelta(hours=3, minutes=50), created_by=sam)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_partners_place(screen, viewport):
    s = screen(viewport, "handover")
    jess, household, mila = signed_in_with_baby(s)
    noor = twin_of(mila)
    sam = User.objects.create_user(email=f"sam-{viewport}@example.org", password=PASSWORD,
                                   display_name="Sam")
    Membership.objects.create(user=sam, household=household, role=Role.CAREGIVER)
    a_night(household, (mila, noor), jess, sam)

    visit(s, "/handover/notes/", "notes", "A note for someone")
    s.page.get_by_role("group", name="For").get_by_text("Sam", exact=True).click()
    s.page.get_by_label("Your note").fill("Expressed milk in the fridge, from 6 pm")
    s.page.get_by_role("button", name="Leave the note").click()
    expect(s.page.get_by_text("Your note waits on Sam's handover card.")).to_be_visible()
    expect(s.page.get_by_test_id("note-written")).to_have_count(1)
    s.shoot("notes-after")

    s.clear_cookies()
    sign_in(s, sam.email)
    visit(s, "/", "today", "Mila")
    card = s.page.get_by_test_id("handover")
    expect(card.get_by_test_id("note-for-you")).to_contain_text(
        "Expressed milk in the fridge, from 6 pm")
    expect(card.get_by_test_id("handover-child")).to_have_count(2)
    expect(card.get_by_test_id("last-feed").first).to_contain_text("left side")
    expect(card.get_by_test_id("handover-nights")).to_contain_text("by Jess and Sam")
    expect(card.get_by_test_id("handover-crying")).to_have_count(1)
    # The fever is said at once, outside the fold; the dose is inside it.
    expect(card.get_by_test_id("handover-fever")).to_contain_text("Mila")
    expect(card.get_by_test_id("handover-fever")).to_contain_text("call for advice now")
    expect(card.get_by_test_id("handover-pale")).to_contain_text("Noor")
    expect(card.get_by_test_id("handover-pale")).to_be_visible()
    # Folded, so that the tiles stay near the top on a phone; one tap opens it.
    expect(card.get_by_test_id("last-feed").first).to_be_hidden()
    card.get_by_text("Feeds, sleep, nappies and care").click()
    expect(card.get_by_test_id("last-feed").first).to_be_visible()
    expect(card.get_by_test_id("handover-dose")).to_contain_text("Paracetamol: given at")
    expect(card.get_by_test_id("handover-temperature")).to_contain_text("38.2")
    feeds = card.get_by_test_id("handover-feeds")
    expect(feeds.first).to_have_text(re.compile(r"^\s*🤱 One feed in this time\s*$"))
    expect(feeds.last).to_contain_text("2 feeds in this time · bottles: 90")
    s.shoot("today-handover-open")

    card.get_by_role("button", name="Read").click()
    expect(s.page.get_by_test_id("note-for-you")).to_have_count(0)
    assert Note.objects.get().read_at is not None
    s.page.get_by_test_id("handover-seen").click()
    expect(s.page.get_by_test_id("handover")).to_have_count(0)  # rests until news
    assert Seen.objects.filter(user=sam).exists()
    Moment.objects.create(household=household, child=noor, kind="feeding",
                          started_at=timezone.now(), details={"method": "bottle"},
                          created_by=jess)
    s.go("/")
    expect(s.page.get_by_test_id("handover-since")).to_contain_text("Since")
    expect(s.page.get_by_test_id("handover-timers")).to_contain_text("Noor")
    s.shoot("today-after-got-it")

    visit(s, "/you/", "partner-hub", "For you")
    s.page.get_by_test_id("short-checkin").click()
    expect(s.page.get_by_role("heading", name="How are you, really?")).to_be_visible()
    visit(s, "/you/check-in/short/", "short-checkin", "How are you, really?")
    for question, answer in (("How is your mood?", "Okay"),
                             ("How supported do you feel?", "Somewhat"),
                             ("How close to your baby do you feel?", "Close"),
                             ("Do you feel safe right now — you and your baby?",
                              "Yes, I feel safe")):
        s.page.get_by_role("group", name=question).get_by_text(answer, exact=True).click()
    s.page.get_by_label("Roughly how many hours did you sleep in the last 24?").fill("4")
    s.page.get_by_role("button", name="Save my check-in").click()
    expect(s.page.get_by_text("Thank you for checking in with yourself.")).to_be_visible()
    assert CheckIn.objects.get(author=sam).kind == "short"
    s.shoot("partner-hub-after")

    # A very low mood: the support page at once.
    s.go("/you/check-in/short/")
    s.page.get_by_role("group", name="How is your mood?").get_by_text(
        "Very low", exact=True).click()
    s.page.get_by_role("button", name="Save my check-in").click()
    expect(s.page.get_by_test_id("continue-later")).to_be_visible()
    s.shoot("short-checkin-support")
