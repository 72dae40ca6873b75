"""What is typical by age, the stool-colour card and the fever rule: pure functions,
checked day by day and exactly at their boundaries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from nestwell.health import fever, nappies

# (day of life, wet, dirty) that are just enough, from the UNICEF UK Baby Friendly
# assessment's bands (days 1-2, 3-4, 5-6, 7-28).
ENOUGH = {1: (1, 1), 2: (1, 1), 3: (3, 2), 4: (3, 2), 5: (5, 2), 6: (5, 2)}
ENOUGH.update({d: (6, 2) for d in range(7, 29)})


@pytest.mark.parametrize("day", range(1, 29))
def test_what_is_typical_for_each_day_of_the_first_four_weeks(day):
    typical = nappies.typical_for(day)
    assert (typical.wet, typical.dirty) == ENOUGH[day]


@pytest.mark.parametrize("day", [0, -3, 29, 60, 365])
def test_before_the_birth_and_after_four_weeks_nothing_is_typical(day):
    assert nappies.typical_for(day) is None


@pytest.mark.parametrize("day", range(2, 29))
def test_just_enough_reassures_and_one_fewer_is_worth_mentioning(day):
    wet, dirty = ENOUGH[day]
    kept = wet + dirty
    assert nappies.day_reading(day, wet, dirty, complete=True, kept=kept) == nappies.REASSURE
    assert nappies.day_reading(day, wet - 1, dirty, complete=True,
                               kept=kept) == nappies.MENTION
    assert nappies.day_reading(day, wet, dirty - 1, complete=True,
                               kept=kept) == nappies.MENTION


def test_a_day_still_going_on_is_never_worth_mentioning_yet():
    assert nappies.day_reading(10, 1, 0, complete=False, kept=1) is None
    assert nappies.day_reading(10, 6, 2, complete=False, kept=8) == nappies.REASSURE


def test_a_day_with_nothing_kept_is_not_read_nobody_wrote_them_down():
    assert nappies.day_reading(10, 0, 0, complete=True, kept=0) is None
    assert nappies.day_reading(10, 0, 0, complete=True, kept=2) == nappies.MENTION  # dry


def test_the_birth_day_is_only_part_of_a_day_and_is_never_read():
    assert nappies.day_reading(1, 0, 0, complete=True, kept=1) is None


def test_past_four_weeks_only_the_counts_are_shown():
    assert nappies.day_reading(29, 0, 0, complete=True, kept=1) is None


def test_the_day_of_life_counts_the_birth_day_as_day_one():
    assert nappies.day_of_life(date(2026, 3, 29), date(2026, 3, 29)) == 1
    assert nappies.day_of_life(date(2026, 3, 29), date(2026, 4, 4)) == 7


def test_both_counts_as_wet_and_as_dirty_and_dry_as_neither():
    assert nappies.is_wet("both") and nappies.is_dirty("both")
    assert nappies.is_wet("wet") and not nappies.is_dirty("wet")
    assert not nappies.is_wet("dry") and not nappies.is_dirty("dry")


@pytest.mark.parametrize(("colour", "pale"), [
    ("white", True), ("grey", True), ("pale", True), ("yellow", False), ("green", False),
    ("brown", False), ("meconium", False), ("", False), ("purple", False)])
def test_only_the_pale_side_of_the_card_calls_for_a_call_today(colour, pale):
    assert nappies.is_pale(colour) is pale


def test_every_colour_has_a_name_and_a_class_for_its_swatch():
    from pathlib import Path

    css = (Path(nappies.__file__).parents[1] / "static/nestwell/app.css").read_text()
    for colour in nappies.STOOL_COLOURS.values():
        assert str(colour.label)
        assert f".stool-{colour.code} {{ background: {colour.swatch}; }}" in css


# --- fever (NICE NG143: 38 °C or more under 3 months) --------------------------------

BORN = date(2026, 1, 31)


@pytest.mark.parametrize(("celsius", "on", "expected"), [
    ("37.9", date(2026, 2, 10), None),
    ("38.0", date(2026, 2, 10), "call_now"),
    ("39.5", date(2026, 4, 29), "call_now"),      # the day before 3 months (30 April)
    ("38.0", date(2026, 4, 30), "raised"),        # 3 months to the day: 31 Jan + 3 months
    ("37.9", date(2026, 4, 30), None),
    ("38.0", date(2026, 5, 1), "raised"),
])
def test_the_fever_message_appears_exactly_at_its_boundaries(celsius, on, expected):
    assert fever.reading(Decimal(celsius), BORN, on) == expected


# --- low (NICE NG51/NG254 table 1: under 36 °C at any age) ----------------------------

@pytest.mark.parametrize(("celsius", "on", "expected"), [
    ("35.9", date(2026, 2, 10), "low"),
    ("36.0", date(2026, 2, 10), None),
    ("35.9", date(2026, 12, 10), "low"),          # at any age, not only under 3 months
    ("30.0", date(2026, 6, 1), "low"),
    ("35.9", date(2026, 6, 1), "low"),
])
def test_a_low_temperature_asks_for_a_call_at_any_age(celsius, on, expected):
    assert fever.reading(Decimal(celsius), BORN, on) == expected
    assert fever.reading(Decimal(celsius), None, on) == expected  # age not known


def test_96_6_fahrenheit_is_low_and_96_8_is_not():
    assert fever.reading(fever.to_celsius(Decimal("96.6"), "F"), BORN, date(2026, 6, 1)) \
        == "low"  # 35.9 °C
    assert fever.reading(fever.to_celsius(Decimal("96.8"), "F"), BORN, date(2026, 6, 1)) \
        is None   # 36.0 °C


def test_three_months_is_real_age_by_the_calendar():
    assert fever.months_later(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert fever.months_later(date(2026, 5, 15), 3) == date(2026, 8, 15)
    assert fever.under_three_months(date(2026, 5, 15), date(2026, 8, 14))
    assert not fever.under_three_months(date(2026, 5, 15), date(2026, 8, 15))


@pytest.mark.parametrize(("value", "unit", "celsius"), [
    ("100.4", "F", "38.0"), ("100.2", "F", "37.89"), ("98.6", "F", "37.0"),
    ("101", "F", "38.33"), ("37.95", "C", "38.0"), ("36.5", "c", "36.5")])
def test_readings_become_celsius_to_one_decimal_or_two_from_fahrenheit(value, unit, celsius):
    assert fever.to_celsius(Decimal(value), unit) == Decimal(celsius)


def test_every_fahrenheit_reading_reads_back_as_typed():
    """About half of the readings from 95.0 to 106.9 °F read back changed (101 as 100.9)."""
    from nestwell.lib.measures import fahrenheit

    for tenths in range(950, 1070):
        typed = Decimal(tenths) / 10
        assert fahrenheit(fever.to_celsius(typed, "F")) == typed, typed


def test_a_kept_reading_from_fahrenheit_is_known_as_such():
    """An import keeps 0.01 °C only for a reading that came from °F (38.33 is 101 °F); any
    other number is read as typed in °C (37.95 is 38.0, a fever under three months)."""
    assert fever.from_fahrenheit(Decimal("38.33")) and fever.from_fahrenheit(Decimal("38.00"))
    assert not fever.from_fahrenheit(Decimal("37.95"))
    assert not fever.from_fahrenheit(Decimal("60.00"))


@pytest.mark.parametrize(("colour", "blood"), [
    ("red", True), ("black", True), ("meconium", False), ("white", False), ("brown", False),
    ("", False), ("crimson", False)])
def test_red_and_black_after_the_first_days_may_be_blood(colour, blood):
    """The card named only the pale colours; a red or a black poo had nowhere to go."""
    assert nappies.is_blood(colour) is blood
    assert not (nappies.is_blood(colour) and nappies.is_pale(colour))


@pytest.mark.parametrize(("day", "meconium"), [(1, True), (2, True), (3, True), (4, False),
                                              (10, False)])
def test_a_black_poo_in_the_first_three_days_is_the_meconium(day, meconium):
    birth = date(2026, 3, 27)
    assert nappies.black_is_meconium(birth, birth + timedelta(days=day - 1)) is meconium
