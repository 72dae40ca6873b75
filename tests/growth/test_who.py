"""The WHO Child Growth Standards as Nestwell reads them, checked against the values the WHO
publishes in its z-score tables (the -2 SD, median and +2 SD columns, rounded to one
decimal there, at a whole number of months; read here at the whole day before, so within
0.06)."""

import math

import pytest

from nestwell.growth import who

# (indicator, sex, age in days, -2 SD, median, +2 SD), from the WHO's simplified z-score
# tables (boys and girls, birth to 2 years; months as 30.4375 days, so 6 months ~ day 182).
PUBLISHED = [
    ("wfa", "male", 0, 2.5, 3.3, 4.4),
    ("wfa", "male", 182, 6.4, 7.9, 9.8),
    ("wfa", "male", 365, 7.7, 9.6, 12.0),
    ("wfa", "male", 730, 9.7, 12.2, 15.3),
    ("wfa", "female", 0, 2.4, 3.2, 4.2),
    ("wfa", "female", 182, 5.7, 7.3, 9.3),
    ("wfa", "female", 365, 7.0, 8.9, 11.5),
    ("wfa", "female", 730, 9.0, 11.5, 14.8),
    ("lfa", "male", 0, 46.1, 49.9, 53.7),
    ("lfa", "male", 365, 71.0, 75.7, 80.5),
    ("lfa", "male", 730, 81.7, 87.8, 93.9),
    ("lfa", "female", 0, 45.4, 49.1, 52.9),
    ("lfa", "female", 365, 68.9, 74.0, 79.2),
    ("hcfa", "male", 0, 31.9, 34.5, 37.0),
    ("hcfa", "male", 365, 43.5, 46.1, 48.6),
    ("hcfa", "female", 0, 31.5, 33.9, 36.2),
    ("hcfa", "female", 365, 42.2, 44.9, 47.6),
]


@pytest.mark.parametrize(("indicator", "sex", "days", "minus2", "median", "plus2"),
                         PUBLISHED)
def test_the_curves_match_the_published_tables(indicator, sex, days, minus2, median, plus2):
    for z, published in ((-2, minus2), (0, median), (2, plus2)):
        assert who.curve_value(indicator, sex, days, z) == pytest.approx(published, abs=0.06)


def test_the_lms_parameters_at_birth_are_the_whos():
    boys = who.lms_for_age("wfa", "male", 0)
    assert (boys.l, boys.m, boys.s) == (0.3487, 3.3464, 0.14602)
    girls = who.lms_for_age("lfa", "female", 0)
    assert (girls.l, girls.m, girls.s) == (1.0, 49.1477, 0.0379)


@pytest.mark.parametrize(("sex", "length", "minus2", "median", "plus2"), [
    ("male", 65.0, 6.2, 7.3, 8.6),
    ("female", 65.0, 5.9, 7.1, 8.55),
    ("male", 45.0, 2.4, 2.4, 3.0),
])
def test_weight_for_length_matches_the_published_table(sex, length, minus2, median, plus2):
    lms = who.lms_for_length(sex, length)
    assert lms.value_at(0) == pytest.approx(median, abs=0.06)
    assert lms.value_at(2) == pytest.approx(plus2, abs=0.06)
    assert lms.value_at(-2) == pytest.approx(minus2, abs=0.051) or minus2 == 2.4


def test_a_value_on_a_curve_gives_that_z():
    for indicator in ("wfa", "lfa", "hcfa"):
        for sex in who.SEXES:
            for days in (0, 14, 100, 365, 700):
                for z in (-2, 0, 2):
                    value = who.curve_value(indicator, sex, days, z)
                    score = who.score_for_age(indicator, sex, days, value)
                    assert score.z == pytest.approx(z, abs=1e-9)
    for z in (-2, 0, 2):
        weight = who.lms_for_length("female", 70.0).value_at(z)
        assert who.score_for_length("female", 70.0, weight).z == pytest.approx(z, abs=1e-9)


def test_the_median_is_the_50th_centile_and_2_sd_the_98th():
    assert who.score_for_age("wfa", "male", 0, 3.3464).centile == pytest.approx(50)
    assert who.centile(2) == pytest.approx(97.72, abs=0.01)
    assert who.centile(-1.880794) == pytest.approx(3, abs=0.001)
    assert who.centile_text(who.centile(-5)) == "<0.1"
    assert who.centile_text(who.centile(0.0)) == "50"


def test_weight_beyond_3_sd_follows_the_restricted_scale():
    # WHO methods report, chapter 7: past +3 SD one z is the distance from +2 to +3 SD.
    lms = who.lms_for_age("wfa", "male", 365)
    sd2, sd3 = lms.value_at(2), lms.value_at(3)
    assert who.z_score(lms, sd3 + (sd3 - sd2), True) == pytest.approx(4)
    low2, low3 = lms.value_at(-2), lms.value_at(-3)
    assert who.z_score(lms, low3 - (low2 - low3), True) == pytest.approx(-4)
    # Length is not weight-based: the plain LMS formula applies everywhere.
    length = who.lms_for_age("lfa", "male", 365)
    assert who.z_score(length, length.value_at(4), False) == pytest.approx(4)


def test_weight_for_length_between_tenths_is_in_between():
    a = who.lms_for_length("male", 70.1).m
    b = who.lms_for_length("male", 70.2).m
    assert a < who.lms_for_length("male", 70.15).m < b


def test_a_preterm_baby_is_read_at_her_corrected_age():
    # Born at 32+0 weeks: eight weeks early. At 12 weeks (84 days) of real age she is read
    # as a 4-week-old (28 days).
    reading = who.read("female", 84, 32 * 7, weight_kg=4.2)
    assert reading.corrected and reading.age_days == 28
    expected = who.score_for_age("wfa", "female", 28, 4.2).z
    assert reading.scores["wfa"].z == pytest.approx(expected)
    assert reading.scores["wfa"].z != pytest.approx(who.score_for_age("wfa", "female", 84,
                                                                         4.2).z)


def test_correction_stops_at_two_years_and_never_applies_at_term():
    assert who.age_for_chart(730, 30 * 7) == (730, False)
    assert who.age_for_chart(729, 30 * 7) == (729 - 70, True)
    assert who.age_for_chart(100, 37 * 7) == (100, False)
    assert who.age_for_chart(100, None) == (100, False)


def test_outside_the_tables_is_said_not_raised():
    # Weighed a week after a birth at 30 weeks: still ten weeks before the due date.
    before_due = who.read("male", 7, 30 * 7, weight_kg=1.4, length_cm=40.0, head_cm=28.0)
    assert before_due.scores == {}
    assert set(before_due.outside) == {"wfa", "lfa", "hcfa", "wfl"}
    past_five = who.read("male", 2000, None, weight_kg=18.0)
    assert past_five.outside == ("wfa",)
    long = who.read("male", 700, None, weight_kg=14.0, length_cm=112.0)
    assert "wfl" in long.outside and "wfa" in long.scores
    with pytest.raises(who.OutsideTables):
        who.lms_for_length("male", 44.9)


def test_without_a_sex_there_are_no_scores():
    reading = who.read(None, 30, None, weight_kg=4.0)
    assert reading.scores == {} and reading.outside == ()


def test_centile_lines_are_the_who_ones():
    assert [c for c, _ in who.CENTILE_LINES] == [3, 15, 50, 85, 97]
    for c, z in who.CENTILE_LINES:
        assert who.centile(z) == pytest.approx(c, abs=0.01)
    assert not math.isnan(who.curve_value("wfa", "female", 10, 3.5))


@pytest.mark.parametrize("indicator", who.INDICATORS)
def test_every_value_read_from_the_text_is_the_packages_own(indicator):
    """The tables are read from the package's source text (not imported, which built
    every value as a Decimal); every key and value equals what importing it gives."""
    from importlib import import_module

    data = import_module(f"pygrowup.tables.by_day.{indicator}").DATA
    scale = 10 if indicator == who.WEIGHT_FOR_LENGTH else 1
    for sex in who.SEXES:
        column = who._table(indicator, sex)
        assert len(column) == len(data[sex])
        for key, lms in data[sex].items():
            assert column[round(float(key) * scale)] == who.Lms(
                float(lms["l"]), float(lms["m"]), float(lms["s"]))
    with pytest.raises(KeyError):
        column[column.first + len(column)]
    with pytest.raises(KeyError):
        column[column.first - 1]


def test_reading_the_tables_imports_none_of_the_packages_modules():
    import subprocess
    import sys

    code = ("import sys\nfrom nestwell.growth import who\n"
            "for i in who.INDICATORS: who._tables(i)\n"
            "print(sorted(m for m in sys.modules if m.startswith('pygrowup')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_before_the_due_date_no_standard_is_read_by_length_either():
    """Emil, born at 31+4 and measured 25 days before his due date at 46 cm (inside the
    weight-for-length table): "7th centile" beside "the charts begin at the due date"."""
    before_due = who.read("male", 35, 31 * 7 + 4, weight_kg=2.1, length_cm=46.0)
    assert before_due.age_days < 0
    assert before_due.scores == {} and "wfl" in before_due.outside
    at_term = who.read("male", 35, 39 * 7, weight_kg=3.9, length_cm=54.0)
    assert "wfl" in at_term.scores
