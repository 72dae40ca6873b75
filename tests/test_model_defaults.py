"""Defaults that do not depend on the clock.

A fixed date or time as a field's default makes Django's system check warn (fields.W161)
whenever the wall clock happens to be within ten seconds of it. The deployment check
fails on any warning, so one such default failed CI at five in the evening and passed at
every other moment of the day."""

from datetime import date, datetime, time
from unittest import mock

import pytest
from django.apps import apps
from django.core import checks
from django.db import models

DATED = (models.DateField, models.TimeField)  # DateTimeField is a DateField


def _dated_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, DATED) and field.has_default():
                yield model, field


def test_no_date_or_time_field_has_a_fixed_default():
    fixed = [f"{model._meta.label}.{field.name}" for model, field in _dated_fields()
             if isinstance(field.default, (date, time))]
    assert fixed == []


@pytest.mark.parametrize("clock", ["07:00:00", "17:00:00", "20:00:00", "22:00:00",
                                   "00:00:00"])
def test_the_system_check_is_quiet_at_any_time_of_day(clock):
    now = datetime.combine(date(2026, 12, 5), time.fromisoformat(clock))
    with mock.patch("django.db.models.fields._get_naive_now", return_value=now):
        found = [m for m in checks.run_checks() if m.id == "fields.W161"]
    assert found == []


def test_the_default_times_are_still_the_same():
    values = {f"{model._meta.label}.{field.name}": field.get_default()
              for model, field in _dated_fields() if callable(field.default)
              and isinstance(field, models.TimeField)}
    assert values == {"reminders.Preferences.kangaroo_at": time(17, 0),
                      "reminders.Preferences.quiet_start": time(22, 0),
                      "reminders.Preferences.quiet_end": time(7, 0),
                      "wondering.Choices.daily_at": time(20, 0)}
