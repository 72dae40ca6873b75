from datetime import date, datetime, time, timedelta

import pytest

from nestwell.children.stages import (
    age_words,
    birthday,
    calendar_months,
    corrected_age_days,
    early_or_small,
    gestation_on,
    pregnancy_week,
    stage,
)


@pytest.mark.parametrize(("birth", "today", "expected"), [
    (None, date(2026, 5, 1), "pregnancy"),
    (date(2026, 1, 1), date(2026, 1, 1), "newborn"),
    (date(2026, 1, 1), date(2026, 2, 11), "newborn"),        # day 41
    (date(2026, 1, 1), date(2026, 2, 12), "early_months"),   # day 42: six weeks
    (date(2026, 1, 1), date(2026, 6, 30), "early_months"),
    (date(2026, 1, 1), date(2026, 7, 1), "first_year"),      # six months
    (date(2026, 1, 1), date(2026, 12, 31), "first_year"),
    (date(2026, 1, 1), date(2027, 1, 1), "beyond"),
    (date(2024, 8, 31), date(2025, 2, 27), "early_months"),
    (date(2024, 8, 31), date(2025, 2, 28), "first_year"),  # no 31 February: its last day
])
def test_stage_follows_the_calendar(birth, today, expected):
    assert stage(birth, date(2026, 9, 1), today) == expected


def test_pregnancy_week_counts_back_from_the_due_date():
    assert pregnancy_week(date(2026, 9, 1), date(2026, 9, 1)) == (40, 0)
    assert pregnancy_week(date(2026, 9, 1), date(2026, 8, 29)) == (39, 4)
    assert pregnancy_week(date(2026, 9, 1), date(2025, 11, 1)) == (0, 0)  # before conception


# --- Corrected age, early and small babies (pure) ---------------------------------


def test_gestation_on_the_due_date_is_forty_weeks():
    assert gestation_on(date(2026, 9, 1), date(2026, 9, 1)) == 280
    assert gestation_on(date(2026, 9, 1), date(2026, 7, 28)) == 35 * 7


@pytest.mark.parametrize(("days", "grams", "expected"), [
    (36 * 7 + 6, 3000, True),    # 36+6: preterm
    (37 * 7, 3000, False),       # 37+0: term
    (40 * 7, 2499, True),        # small at term
    (40 * 7, 2500, False),
    (None, None, False),         # nothing known: no assumption
    (None, 1800, True),
    (30 * 7, None, True),
])
def test_early_or_small_follows_the_who_definitions(days, grams, expected):
    assert early_or_small(days, grams) is expected


def test_corrected_age_subtracts_the_weeks_born_early():
    birth = date(2026, 1, 10)
    # Born at 32+0: eight weeks early. At 10 weeks old, corrected age is 2 weeks.
    assert corrected_age_days(birth, 32 * 7, birth + timedelta(weeks=10)) == 14
    # Before the due date it is negative: the days still to go.
    assert corrected_age_days(birth, 32 * 7, birth + timedelta(weeks=3)) == -35
    # On the due date it is zero; at term it equals the real age.
    assert corrected_age_days(birth, 32 * 7, birth + timedelta(weeks=8)) == 0
    assert corrected_age_days(birth, 280, birth + timedelta(days=9)) == 9


def test_corrected_age_across_a_leap_day_and_a_year_end():
    birth = date(2027, 12, 20)
    assert corrected_age_days(birth, 34 * 7 + 3, date(2028, 3, 1)) == (
        (date(2028, 3, 1) - birth).days - (280 - 241))


@pytest.mark.parametrize(("days", "words"), [
    (-3, ("days", 0)), (0, ("days", 0)), (13, ("days", 13)), (14, ("weeks", 2)),
    (118, ("weeks", 16)), (119, ("months", 3)), (365, ("months", 12)),
])
def test_ages_are_said_in_days_then_weeks_then_months(days, words):
    assert age_words(days) == words


def test_on_the_day_of_the_birth_the_baby_is_born_today_not_0_days_old():
    from nestwell.children.current import age_label

    assert age_label("days", 0, old=True) == "Born today"
    assert age_label("days", 1, old=True) == "1 day old"
    assert age_label("days", 0) == "0 days"  # a corrected age keeps its number


@pytest.mark.parametrize(("born", "on", "months"), [
    (date(2025, 12, 9), date(2026, 6, 9), 6), (date(2025, 12, 9), date(2026, 6, 8), 5),
    (date(2025, 12, 9), date(2026, 12, 1), 11), (date(2025, 12, 9), date(2026, 12, 9), 12),
    (date(2026, 1, 31), date(2026, 2, 28), 1), (date(2026, 1, 31), date(2026, 2, 27), 0),
    (date(2026, 3, 31), date(2026, 4, 30), 1), (date(2027, 1, 30), date(2028, 2, 29), 13),
    (date(2026, 5, 1), date(2026, 4, 1), 0),
])
def test_months_are_counted_on_the_calendar(born, on, months):
    assert calendar_months(born, on) == months


def test_six_months_to_the_day_is_six_months_not_five():
    """Elena's first taste of food, 9 June for a baby born 9 December: "at 5 months" on
    the firsts page, "at 6 months" in the book."""
    born, on = date(2025, 12, 9), date(2026, 6, 9)
    assert age_words((on - born).days, born, on) == ("months", 6)


@pytest.mark.parametrize(("born", "today", "years"), [
    (date(2025, 12, 9), date(2026, 12, 9), 1), (date(2025, 12, 9), date(2026, 12, 8), 0),
    (date(2025, 12, 9), date(2025, 12, 9), 0), (date(2024, 12, 9), date(2026, 12, 9), 2),
    (date(2024, 2, 29), date(2025, 2, 28), 1), (date(2024, 2, 29), date(2028, 2, 29), 4),
    (date(2024, 2, 29), date(2028, 2, 28), 0),
])
def test_a_birthday_is_the_day_she_turns_a_year_older(born, today, years):
    assert birthday(born, today) == years


def test_today_wishes_a_happy_first_birthday(client_for, alice, nora):
    """Elena found no word of Mila's first birthday: "12 months old", as any other day."""
    from django.utils import timezone

    today = timezone.localdate()
    client = client_for(alice)
    if (today.month, today.day) == (2, 29):  # no first birthday falls on it: the fourth
        born, said = today.replace(year=today.year - 4), "Nora is 4 years old today."
    else:
        born, said = today.replace(year=today.year - 1), "Nora is one year old today."
    nora.birth_at = timezone.make_aware(datetime.combine(born, time(9, 30)))
    nora.save()
    page = client.get(f"/?child={nora.pk}").content.decode()
    assert said in page
    if "one year" in said:
        assert "Happy first birthday!" in page and "The first year, in a keepsake book" in page
    nora.birth_at -= timedelta(days=1)
    nora.save()
    assert 'data-testid="birthday"' not in client.get(f"/?child={nora.pk}").content.decode()
