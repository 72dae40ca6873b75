"""How long milk keeps, by place: the pure rules, with the figures from the NHS, the
Breastfeeding Network and the CDC (see nestwell/milk/storage.py)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from nestwell.milk import storage

LONDON = ZoneInfo("Europe/London")
EXPRESSED = datetime(2026, 5, 10, 9, 30, tzinfo=LONDON)


def test_room_temperature_keeps_four_hours():
    assert storage.use_by("room", EXPRESSED, LONDON) == EXPRESSED + timedelta(hours=4)


def test_the_fridge_keeps_eight_days_to_the_same_time_of_day():
    assert storage.use_by("fridge", EXPRESSED, LONDON) == datetime(2026, 5, 18, 9, 30,
                                                                   tzinfo=LONDON)


def test_a_family_in_the_us_follows_the_cdc_four_days_in_the_fridge():
    """A mother in Texas was told 8 days (the NHS's figure); the CDC says 4."""
    chicago = ZoneInfo("America/Chicago")
    expressed = datetime(2026, 5, 10, 21, 13, tzinfo=chicago)
    us = storage.guide_for("US")
    assert (us.fridge_days, "CDC" in us.source) == (4, True)
    assert storage.use_by("fridge", expressed, chicago, fridge_days=us.fridge_days) == \
        datetime(2026, 5, 14, 21, 13, tzinfo=chicago)
    assert storage.moved_use_by("room", "fridge", expressed, chicago,
                                expressed + timedelta(hours=1), fridge_days=4) == \
        datetime(2026, 5, 14, 21, 13, tzinfo=chicago)
    assert storage.guide_for("GB").fridge_days == storage.guide_for("").fridge_days == 8


def test_the_freezer_keeps_six_months():
    assert storage.use_by("freezer", EXPRESSED, LONDON) == datetime(2026, 11, 10, 9, 30,
                                                                    tzinfo=LONDON)


def test_six_months_from_the_end_of_a_long_month_is_the_shorter_months_last_day():
    aug31 = datetime(2026, 8, 31, 20, 0, tzinfo=LONDON)
    assert storage.use_by("freezer", aug31, LONDON) == datetime(2027, 2, 28, 20, 0,
                                                                tzinfo=LONDON)


def test_thawed_milk_keeps_twelve_hours_from_leaving_the_freezer():
    thawed = datetime(2026, 6, 1, 20, 0, tzinfo=LONDON)
    assert storage.use_by("thawed", EXPRESSED, LONDON, thawed_at=thawed) == (
        thawed + timedelta(hours=12))


def test_twelve_thawed_hours_across_the_autumn_clock_change_are_real_hours():
    thawed = datetime(2026, 10, 24, 20, 0, tzinfo=LONDON)  # clocks go back at 02:00 BST
    found = storage.use_by("thawed", EXPRESSED, LONDON, thawed_at=thawed)
    assert found.astimezone(UTC) - thawed.astimezone(UTC) == timedelta(hours=12)
    assert found.astimezone(LONDON).strftime("%H:%M") == "07:00"


def test_thawed_milk_never_keeps_past_its_time_in_the_freezer():
    thawed = datetime(2026, 11, 10, 3, 0, tzinfo=LONDON)
    assert storage.use_by("thawed", EXPRESSED, LONDON, thawed_at=thawed) == datetime(
        2026, 11, 10, 9, 30, tzinfo=LONDON)


def test_thawed_milk_needs_to_say_when_it_left_the_freezer():
    with pytest.raises(ValueError):
        storage.use_by("thawed", EXPRESSED, LONDON)
    with pytest.raises(ValueError):
        storage.use_by("shelf", EXPRESSED, LONDON)


@pytest.mark.parametrize(("old", "new", "allowed"), [
    ("room", "fridge", True), ("room", "freezer", True), ("fridge", "freezer", True),
    ("freezer", "thawed", True),
    ("fridge", "room", False), ("freezer", "fridge", False), ("thawed", "freezer", False),
    ("thawed", "fridge", False), ("fridge", "thawed", False), ("room", "thawed", False),
    ("fridge", "fridge", False), ("fridge", "cupboard", False)])
def test_milk_moves_only_onwards_and_thawed_milk_never_refreezes(old, new, allowed):
    assert storage.can_move(old, new) is allowed


def test_a_move_works_the_use_by_out_again():
    moved = EXPRESSED + timedelta(days=2)
    assert storage.moved_use_by("room", "fridge", EXPRESSED, LONDON, moved) == datetime(
        2026, 5, 18, 9, 30, tzinfo=LONDON)
    assert storage.moved_use_by("fridge", "freezer", EXPRESSED, LONDON, moved) == datetime(
        2026, 11, 10, 9, 30, tzinfo=LONDON)
    thaw = EXPRESSED + timedelta(days=40)
    assert storage.moved_use_by("freezer", "thawed", EXPRESSED, LONDON, thaw) == (
        thaw + timedelta(hours=12))
    with pytest.raises(ValueError):
        storage.moved_use_by("thawed", "freezer", EXPRESSED, LONDON, thaw)
    with pytest.raises(ValueError):
        storage.moved_use_by("freezer", "thawed", EXPRESSED, LONDON,
                             EXPRESSED - timedelta(hours=1))


def test_hours_across_the_spring_clock_change_are_real_hours():
    before = datetime(2027, 3, 28, 0, 30, tzinfo=LONDON)  # clocks go forward at 01:00
    found = storage.use_by("room", before, LONDON)
    assert found.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=4)
    assert found.astimezone(LONDON).strftime("%H:%M") == "05:30"  # the clock jumped an hour


def test_days_across_a_clock_change_keep_the_time_of_day():
    before = datetime(2026, 10, 20, 18, 0, tzinfo=LONDON)  # BST; clocks go back on 25 Oct
    found = storage.use_by("fridge", before, LONDON)
    assert found.astimezone(LONDON).replace(tzinfo=None) == datetime(2026, 10, 28, 18, 0)
    assert found.astimezone(UTC) - before.astimezone(UTC) == timedelta(days=8, hours=1)


def test_the_answer_does_not_depend_on_the_zone_the_time_was_given_in():
    utc = EXPRESSED.astimezone(UTC)
    assert storage.use_by("fridge", utc, LONDON) == storage.use_by("fridge", EXPRESSED,
                                                                   LONDON)


@pytest.mark.parametrize(("amount", "unit", "ml"), [
    (90, "ml", 90), (3, "oz", 89), (4, "fl oz", 118), (0.5, "ml", 1), (120.4, "ml", 120)])
def test_amounts_in_fl_oz_become_whole_ml(amount, unit, ml):
    assert storage.to_ml(amount, unit) == ml
