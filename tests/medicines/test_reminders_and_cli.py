"""Medicine reminders through the reminders app (only those she turned on, to her), and
`nestwell log dose` with the same rules as the app."""

import json
from datetime import UTC, datetime, time, timedelta

import pytest

from nestwell.medicines.models import Dose, Medicine
from nestwell.reminders import services as reminders
from tests.cli.test_data import run

# 08:30 in London on a summer day.
MORNING = datetime(2026, 6, 1, 7, 30, tzinfo=UTC)


@pytest.fixture
def vitamin_d(household, nora, alice):
    return Medicine.objects.create(household=household, child=nora, name="Vitamin D",
                                   dose="0.5", unit="ml", schedule="daily",
                                   daily_at=time(8, 0), remind=True, remind_user=alice)


@pytest.fixture
def ibuprofen(household, nora, alice):
    return Medicine.objects.create(household=household, child=nora, name="Ibuprofen",
                                   dose="2.5", unit="ml", schedule="spaced", min_hours=6,
                                   most_per_day=3, remind=True, remind_user=alice)


def _give(medicine, at):
    return Dose.objects.create(household=medicine.household, child=medicine.child,
                               medicine=medicine, given_at=at)


def test_a_daily_supplement_reminder_at_her_time_until_it_is_given(alice, bob, household,
                                                                   vitamin_d):
    assert reminders.due_for(alice, household, now=MORNING - timedelta(hours=1)) == []
    [due] = reminders.due_for(alice, household, now=MORNING)
    assert due.kind == "medicine" and "Vitamin D for Nora: not given yet today" in due.text
    assert "08:00" in due.text and due.key == f"medicine:{vitamin_d.pk}:2026-06-01"
    assert reminders.due_for(bob, household, now=MORNING) == []  # she asked, not him
    _give(vitamin_d, MORNING - timedelta(minutes=10))
    assert reminders.due_for(alice, household, now=MORNING) == []


def test_no_reminder_unless_she_turned_it_on(alice, household, vitamin_d):
    Medicine.objects.filter(pk=vitamin_d.pk).update(remind=False)
    assert reminders.due_for(alice, household, now=MORNING) == []


def test_a_spaced_medicine_reminds_once_the_next_dose_fits(alice, household, ibuprofen):
    assert reminders.due_for(alice, household, now=MORNING) == []  # none given yet
    _give(ibuprofen, MORNING - timedelta(hours=5))
    assert reminders.due_for(alice, household, now=MORNING) == []
    [due] = reminders.due_for(alice, household, now=MORNING + timedelta(hours=1))
    assert "may be given again from 09:30" in due.text and "pharmacist" in due.text
    assert due.since == MORNING + timedelta(hours=1)
    # A day later it is no longer news.
    assert reminders.due_for(alice, household, now=MORNING + timedelta(hours=30)) == []


def test_a_spaced_medicine_waits_for_the_24_hour_window(alice, household, ibuprofen):
    for hours in (20, 13, 7):
        _give(ibuprofen, MORNING - timedelta(hours=hours))
    # Six hours after the last would be 07:30 UTC + 5 h; three in 24 h hold it until the
    # first of them is a day old: 11:30 UTC.
    assert reminders.due_for(alice, household, now=MORNING + timedelta(hours=3)) == []
    [due] = reminders.due_for(alice, household, now=MORNING + timedelta(hours=4))
    assert "from 12:30" in due.text  # 11:30 UTC is 12:30 in London


def test_a_dose_from_the_command_line(alice, nora, vitamin_d, capsys):
    code = run("log", "dose", "--detail", "medicine=vitamin d", "--json",
               "--as", "alice@example.org")
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["medicine"] == "Vitamin D" and out["amount"] == "0.50"
    assert Dose.objects.get().created_by == alice


def test_a_spaced_dose_from_the_command_line_says_the_next_time(alice, nora, ibuprofen,
                                                                capsys):
    assert run("log", "dose", "--detail", "medicine=Ibuprofen", "--detail", "amount=2",
               "--detail", "unit=ml", "--as", "alice@example.org") == 0
    out = capsys.readouterr().out
    assert "Ibuprofen kept for Nora" in out and "the next not before" in out


def test_bad_dose_input_is_refused_and_changes_nothing(alice, carol, nora, vitamin_d, capsys):
    for argv, message in [
            (("log", "dose", "--detail", "medicine=Calpol"), "“Vitamin D”"),
            (("log", "dose", "--detail", "medicine=Vitamin D", "--detail", "amount=-1",
              "--detail", "unit=ml"), "as a number"),
            (("log", "dose", "--detail", "medicine=Vitamin D", "--detail", "colour=red"),
             "no detail")]:
        assert run(*argv, "--as", "alice@example.org") == 2, argv
        assert message in capsys.readouterr().err, argv
    assert run("log", "dose", "--detail", "medicine=Vitamin D",
               "--as", "carol@example.org") == 2
    assert not Dose.objects.exists()
