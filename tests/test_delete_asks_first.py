"""Delete asks first, on every page that keeps a record, and names the record it asks
about ("Wet nappy", when it was changed), not only the baby: at 3 a.m. she sees which
one goes before she says yes. Nothing goes until she does."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nestwell.care import services as care
from nestwell.care.models import Cue, Routine, RoutineStep
from nestwell.growth import services as growth
from nestwell.growth.models import Measurement
from nestwell.health import services as health
from nestwell.health.models import Nappy, Temperature
from nestwell.medicines import services as medicines
from nestwell.medicines.models import Dose, Medicine
from nestwell.milestones import services as milestones
from nestwell.milestones.models import Milestone
from nestwell.milk import services as milk
from nestwell.milk.models import MilkBag, PumpingSession
from nestwell.wellbeing.models import SupportContact

pytestmark = pytest.mark.django_db

EARLIER = timedelta(hours=2)


def _paracetamol(nora, alice):
    return medicines.add_medicine(child=nora, user=alice, name="Paracetamol", dose="2.5",
                                  unit="ml", form="liquid", schedule="spaced", min_hours="4",
                                  most_per_day=4)


def _routine(nora, alice):
    routine = Routine.objects.create(household=nora.household, child=nora, name="Bedtime")
    RoutineStep.objects.create(routine=routine, kind="bath", at=time(18, 30))
    return routine


# kind: (make the record, its edit page's URL name, the words that name it, its model)
RECORDS = {
    "nappy": (lambda nora, alice: health.add_nappy(child=nora, kind="wet", user=alice,
                                                   changed_at=timezone.now() - EARLIER),
              "health:nappy_edit", ["Wet nappy"], Nappy),
    "temperature": (lambda nora, alice: health.add_temperature(
        child=nora, celsius="37.2", user=alice, taken_at=timezone.now() - EARLIER),
        "health:temperature_edit", ["Temperature 37.2\u00a0°C"], Temperature),
    "dose": (lambda nora, alice: medicines.give(medicine=_paracetamol(nora, alice),
                                                user=alice, given_at=timezone.now() - EARLIER),
             "medicines:dose_edit", ["Paracetamol, 2.5\u00a0ml"], Dose),
    "medicine": (lambda nora, alice: medicines.give(
        medicine=_paracetamol(nora, alice), user=alice).medicine,
        "medicines:edit", ["Paracetamol, with the 1 dose kept"], Medicine),
    "measurement": (lambda nora, alice: growth.add_measurement(
        child=nora, measured_on=timezone.localdate() - timedelta(days=2), user=alice,
        weight_grams=4600, length_mm=578),
        "journal:measurement_edit", ["4.6\u00a0kg, 57.8\u00a0cm"], Measurement),
    "milestone": (lambda nora, alice: milestones.add_milestone(
        child=nora, kind="other", title="First laugh", user=alice,
        happened_on=timezone.localdate() - timedelta(days=1)),
        "journal:milestone_edit", ["First laugh"], Milestone),
    "pumping": (lambda nora, alice: milk.add_session(child=nora, user=alice, minutes=15,
                                                     started_at=timezone.now() - EARLIER),
                "milk:pumping_edit", ["Pumping session"], PumpingSession),
    "bag": (lambda nora, alice: milk.add_bag(child=nora, user=alice, amount_ml=120,
                                             place="fridge",
                                             expressed_at=timezone.now() - EARLIER),
            "milk:bag_edit", ["Milk in the store, 120\u00a0ml"], MilkBag),
    "cue": (lambda nora, alice: care.start_episode(child=nora, user=alice,
                                                   at=timezone.now() - EARLIER),
            "journal:cue_edit", ["Crying"], Cue),
    "routine": (_routine, "journal:routine_edit", ["Routine: Bedtime"], Routine),
    "contact": (lambda nora, alice: SupportContact.objects.create(
        household=nora.household, owner=alice, name="Dr Jo", role="gp", phone="123 456"),
        "wellbeing:contact_edit", ["Dr Jo"], SupportContact),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_delete_asks_first_and_names_the_record(kind, client_for, alice, nora):
    make, url_name, words, model = RECORDS[kind]
    record = make(nora, alice)
    url = reverse(url_name, args=[record.pk])
    client = client_for(alice)

    asked = client.post(url, {"delete": "1"})
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Delete this for good?" in page
    for word in words:
        assert word in page, (kind, word)
    assert model.objects.filter(pk=record.pk).exists()  # nothing went yet
    assert 'name="confirmed"' in page

    gone = client.post(url, {"delete": "1", "confirmed": "1"})
    assert gone.status_code == 302
    assert not model.objects.filter(pk=record.pk).exists()


def test_the_question_gives_the_time_on_her_clock_and_a_day_for_a_dated_record(
        client_for, alice, nora):
    """A record with a time reads "Thu 3 Dec, 14:05"; one kept by the day, the day."""
    nappy = health.add_nappy(child=nora, kind="dirty", user=alice,
                             changed_at=timezone.now() - EARLIER)
    client = client_for(alice)
    page = client.post(reverse("health:nappy_edit", args=[nappy.pk]),
                       {"delete": "1"}).content.decode()
    local = timezone.localtime(nappy.changed_at, nora.household.tz)
    assert local.strftime("%H:%M") in page

    on = timezone.localtime(nora.birth_at, nora.household.tz).date() + timedelta(days=3)
    kept = milestones.add_milestone(child=nora, kind="other", title="First smile", user=alice,
                                    happened_on=on)
    page = client.post(reverse("journal:milestone_edit", args=[kept.pk]),
                       {"delete": "1"}).content.decode()
    assert f"{on.day} {on:%B %Y}" in page


def test_a_viewer_is_not_asked_and_nothing_goes(client_for, carol, alice, nora):
    cue = care.start_episode(child=nora, user=alice)
    routine = _routine(nora, alice)
    client = client_for(carol)
    assert client.post(reverse("journal:cue_edit", args=[cue.pk]),
                       {"delete": "1"}).status_code == 403
    assert client.post(reverse("journal:routine_edit", args=[routine.pk]),
                       {"delete": "1", "confirmed": "1"}).status_code == 403
    assert Cue.objects.filter(pk=cue.pk).exists() and Routine.objects.exists()
