"""A tube feed (Lena: a son in a neonatal unit, fed by tube with her milk or donor milk):
logged as a feed with its amount, never with a side, counted on the report in its own row,
and its amount taken as a timer stops."""

from datetime import timedelta

from django.utils import timezone

from nestwell.journal import services
from nestwell.journal.models import Moment


def test_the_form_takes_a_tube_feed_with_donor_milk(client_for, alice, nora):
    client = client_for(alice)
    form = client.get(f"/moments/new/feeding/?child={nora.pk}").content.decode()
    assert 'value="tube"' in form and 'value="donor"' in form
    start = timezone.localtime(timezone.now() - timedelta(hours=1))
    response = client.post(f"/moments/new/feeding/?child={nora.pk}", {
        "child": nora.pk, "started_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (start + timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M"),
        "actor": alice.pk, "method": "tube", "amount_ml": "18", "milk": "donor"})
    assert response.status_code == 302, response.content.decode()[:2000]
    feed = Moment.objects.get(child=nora, kind="feeding")
    assert {k: feed.details[k] for k in ("method", "amount_ml", "milk")} == {
        "method": "tube", "amount_ml": 18, "milk": "donor"}
    assert "side" not in feed.details


def test_a_side_never_goes_with_a_tube(alice, nora):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="side only goes with a breastfeed"):
        services.log_moment(child=nora, kind="feeding", user=alice,
                            details={"method": "tube", "side": "left"})


def test_the_report_gives_tube_feeds_their_own_row(client_for, alice, nora):
    now = timezone.now()
    for hours, ml in ((3, 15), (6, 18), (9, None)):
        details = {"method": "tube", "milk": "breast_milk"}
        if ml:
            details["amount_ml"] = ml
        services.log_moment(child=nora, kind="feeding", user=alice,
                            started_at=now - timedelta(hours=hours),
                            ended_at=now - timedelta(hours=hours) + timedelta(minutes=15),
                            details=details)
    page = client_for(alice).get(f"/insights/report/?child={nora.pk}").content.decode()
    assert "Tube feeds" in page
    assert "3 tube feeds, 33\u00a0ml in all (amount noted for 2)" in page or \
        "3 tube feeds, 33 ml in all (amount noted for 2)" in page
    assert "Expressed breast milk: 3" in page


def test_a_tube_feed_timer_takes_its_amount_as_it_stops(client_for, alice, nora):
    feed = services.start_timer(child=nora, kind="feeding", user=alice,
                                details={"method": "tube"})
    client = client_for(alice)
    home = client.get("/").content.decode()
    assert 'data-testid="timer-amount"' in home and "· Tube" in home
    client.post(f"/moments/{feed.pk}/stop/", {"amount": "20", "milk": "donor"})
    feed.refresh_from_db()
    assert feed.ended_at is not None and feed.details["amount_ml"] == 20
    assert feed.details["milk"] == "donor"


def test_a_feed_the_nurse_gave_names_no_one_of_the_household(client_for, alice, nora):
    """Lena: the feed Nurse Anke gave read "Feed · Lena" on the timeline."""
    client = client_for(alice)
    form = client.get(f"/moments/new/feeding/?child={nora.pk}").content.decode()
    assert "Someone else (a nurse, a friend)" in form
    start = timezone.localtime(timezone.now() - timedelta(hours=2))
    client.post(f"/moments/new/feeding/?child={nora.pk}", {
        "child": nora.pk, "started_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ended_at": (start + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M"),
        "actor": "", "method": "tube", "amount_ml": "16"})
    feed = Moment.objects.get(child=nora, kind="feeding")
    assert feed.actor_id is None and feed.created_by == alice
    day = start.date().isoformat()
    timeline = client.get(f"/timeline/?child={nora.pk}&day={day}").content.decode()
    row = timeline[timeline.index("16"):][:400]
    assert "Alice" not in row
    # Edited later, it stays no one's unless she names someone.
    edit = client.get(f"/moments/{feed.pk}/edit/").content.decode()
    assert 'value="" selected' in edit


def test_a_letter_is_still_its_writers(client_for, alice, nora):
    client = client_for(alice)
    response = client.post(f"/moments/new/letter/?child={nora.pk}", {
        "child": nora.pk, "started_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "actor": "", "note": "Dear Nora"})
    assert response.status_code == 200
    assert not Moment.objects.filter(kind="letter").exists()
