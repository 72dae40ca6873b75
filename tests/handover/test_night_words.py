"""The nights, told without a reproach: "together" and "taking turns" only where more than
one person answered (to a mother who answered every cry alone they read as blame)."""

from datetime import UTC, datetime, time, timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from nestwell.care.models import Cue
from nestwell.handover.summary import Handover, Window

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=UTC)


def card(names, total):
    handover = Handover(window=Window(since=NOW - timedelta(hours=12), until=NOW, first=True),
                        children=[], night_names=names, night_total=total)
    return render_to_string("handover/_card.html", {
        "handover": handover, "handover_night_names": " and ".join(names)})


def test_one_person_all_night_is_told_plainly():
    text = card(["Mariam"], 3)
    assert "This week 3 cries at night were answered by Mariam." in text
    assert "together" not in text and "Taking turns" not in text


def test_shared_nights_are_told_as_shared():
    text = card(["Mariam", "Sami"], 3)
    assert "answered, together, by Mariam and Sami." in text and "Taking turns" in text


def test_the_crying_page_says_taking_turns_only_when_turns_were_taken(client_for, alice,
                                                                      bob, nora, household):
    night = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=2),
                                                 time(23, 30)))
    Cue.objects.create(household=household, child=nora, signal="cry", started_at=night,
                       responded_at=night + timedelta(minutes=1), responder=alice,
                       closed_at=night + timedelta(minutes=9), outcome="settled")
    url = f"/care/?child={nora.pk}"
    page = client_for(alice).get(url).content.decode()
    assert 'data-testid="night-share"' in page and "Taking turns" not in page
    later = night + timedelta(hours=2)
    Cue.objects.create(household=household, child=nora, signal="cry", started_at=later,
                       responded_at=later + timedelta(minutes=1), responder=bob,
                       closed_at=later + timedelta(minutes=9), outcome="settled")
    assert "Taking turns" in client_for(alice).get(url).content.decode()


def test_a_feed_long_ago_is_told_in_days():
    """"Last feed: 140 h 41 min ago" after days without logging."""
    from nestwell.journal.templatetags.journal import ago_label

    assert ago_label(140 * 3600 + 41 * 60) == "5 days"
    assert ago_label(47 * 3600 + 59 * 60) == "47 h 59 min"
    assert ago_label(2 * 24 * 3600) == "2 days"
    assert ago_label(95) == "1 min"
    assert ago_label(None) == ""


def test_the_only_person_she_can_write_to_is_chosen_already(client_for, alice, bob, carol):
    """"This field is required" after a note to the only other person who could read it."""
    import re

    from nestwell.accounts.models import Membership

    Membership.objects.filter(user=carol).delete()  # alice and bob alone
    page = client_for(bob).get("/handover/notes/").content.decode()
    assert re.search(rf'value="{alice.pk}"[^>]*checked', page)
    Membership.objects.create(user=carol, household=alice.memberships.get().household,
                              role="viewer")
    page = client_for(bob).get("/handover/notes/").content.decode()
    assert not re.search(r'name="addressee"[^>]*checked', page)  # two: she chooses
