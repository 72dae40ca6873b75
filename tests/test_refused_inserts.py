"""Another phone gets in first: between the check ("is a timer of this kind running?", "is
an episode open?") and the insert, the same thing is started elsewhere, and the unique
index refuses the second insert. It becomes the clear error, saves nothing, and a caller
that answers it (the offline sending joins the running timer) goes on in its own
transaction. The check is made to miss here, the way a race makes it miss."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from nestwell.care import services as care
from nestwell.care.models import Cue
from nestwell.journal import services as journal
from nestwell.journal.models import Moment


@pytest.fixture
def check_misses(monkeypatch):
    """Every ``exists()`` says no, until ``undo()``."""
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    return monkeypatch


def running_skin_to_skin(child, user):
    return Moment.objects.create(household=child.household, child=child, kind="skin_to_skin",
                                 started_at=timezone.now(), actor=user, created_by=user)


def test_a_timer_started_twice_at_once_is_refused_and_saves_nothing(alice, nora,
                                                                    check_misses):
    running_skin_to_skin(nora, alice)
    for attempt in (
            lambda: journal.start_timer(child=nora, kind="skin_to_skin", user=alice),
            lambda: journal.log_moment(child=nora, kind="skin_to_skin", user=alice,
                                       running=True)):
        with pytest.raises(ValidationError, match="already running"):
            attempt()
    assert Moment.objects.filter(child=nora).count() == 1


def test_a_caller_that_joins_the_running_timer_goes_on(alice, nora, check_misses):
    """On PostgreSQL a refused insert spoils a transaction until it rolls back to a
    savepoint: start_timer's own, so the caller's block goes on."""
    running = running_skin_to_skin(nora, alice)
    with transaction.atomic():
        with pytest.raises(ValidationError):
            journal.start_timer(child=nora, kind="skin_to_skin", user=alice)
        check_misses.undo()
        assert Moment.objects.running().get(child=nora, kind="skin_to_skin") == running
        journal.log_moment(child=nora, kind="talk", user=alice)
    assert Moment.objects.filter(child=nora).count() == 2


def test_an_episode_opened_twice_at_once_is_refused_and_saves_nothing(alice, bob, nora,
                                                                      check_misses):
    care.start_episode(child=nora, user=alice)
    with pytest.raises(ValidationError, match="already"):
        care.start_episode(child=nora, user=bob)
    assert Cue.objects.filter(child=nora).count() == 1


def test_a_caller_that_finds_the_open_episode_goes_on(alice, bob, nora, check_misses):
    first = care.start_episode(child=nora, user=alice)
    with transaction.atomic():
        with pytest.raises(ValidationError):
            care.start_episode(child=nora, user=bob)
        check_misses.undo()
        assert Cue.objects.open_distress().get(child=nora) == first
        journal.log_moment(child=nora, kind="talk", user=bob)
    assert Cue.objects.filter(child=nora).count() == 1
