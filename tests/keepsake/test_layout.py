"""The book's order and sizes, as pure functions."""

from datetime import UTC, date, datetime

from nestwell.keepsake import layout
from nestwell.keepsake.layout import Entry


def entry(key, day, sort=()):
    return Entry(key, day, key, sort=sort)


def test_months_run_in_time_order_from_the_pregnancy_to_the_baby():
    born = date(2026, 3, 10)
    months = layout.months([entry("smile", date(2026, 5, 2)), entry("letter", date(2026, 1, 4)),
                            entry("birth", date(2026, 3, 10)), entry("note", date(2026, 5, 1)),
                            entry("bump", date(2026, 2, 28))], born)
    assert [(m.year, m.month, m.phase, m.months_old) for m in months] == [
        (2026, 1, "pregnancy", 0), (2026, 2, "pregnancy", 0), (2026, 3, "birth", 0),
        (2026, 5, "baby", 2)]
    assert [e.key for e in months[-1].entries] == ["note", "smile"]


def test_a_new_year_counts_on():
    months = layout.months([entry("x", date(2027, 2, 1))], date(2026, 11, 30))
    assert months[0].months_old == 3


def test_without_a_birth_every_month_is_pregnancy():
    assert layout.months([entry("x", date(2026, 8, 1))], None)[0].phase == "pregnancy"


def test_the_pregnancy_begins_forty_weeks_before_the_due_date():
    assert layout.pregnancy_start(due_date=date(2026, 11, 1)) == date(2026, 1, 25)
    assert layout.pregnancy_start(birth_date=date(2026, 3, 10), gestation_days=259) == \
        date(2025, 6, 24)
    assert layout.pregnancy_start() is None


def test_paper_by_country():
    assert layout.paper_for("US") == "letter" and layout.paper_for("ca") == "letter"
    assert layout.paper_for("GB") == "a4" and layout.paper_for("") == "a4"
    assert layout.paper_for(None) == "a4"


def test_a_photo_fits_its_box_without_stretching():
    assert layout.fit(2000, 1000, 100, 100) == (100, 50)
    w, h = layout.fit(900, 1600, 160, 100)
    assert h == 100 and abs(w / h - 900 / 1600) < 1e-9
    assert layout.fit(0, 0, 100, 100) == (100, 75)


def test_within_keeps_the_ends():
    items = [entry(str(d), date(2026, 4, d)) for d in (1, 2, 3)]
    assert [e.key for e in layout.within(items, date(2026, 4, 2), date(2026, 4, 3))] == \
        ["2", "3"]
    assert len(layout.within(items, None, None)) == 3


def test_a_day_with_a_time_a_first_a_photo_and_a_note_keeps_an_order():
    """Elena's note on the birth day: a note (kept by number) was compared with the birth
    (ordered by its time) and the book was a 500."""
    born = datetime(2025, 12, 9, 2, 42, tzinfo=UTC)
    day = born.date()
    months = layout.months([
        entry("note", day, layout.kept(layout.NOTE, 2)),
        entry("photo", day, layout.kept(layout.PHOTO, 7)),
        entry("birth", day, layout.at_time(born)),
        entry("first", day, layout.kept(layout.FIRST, 1)),
        entry("letter", day, layout.at_time(born.replace(hour=1))),
    ], day)
    assert [e.key for e in months[0].entries] == [
        "letter", "birth", "first", "photo", "note"]


def test_after_the_month_a_baby_died_no_age_is_counted_and_no_one_waited_for():
    """A pregnancy lost in March: a note in May is not "waiting for" her; a baby who died
    at one month is not "at 7 months" on a later page."""
    lost = layout.months([entry("bump", date(2026, 2, 1)), entry("letter", date(2026, 3, 2)),
                          entry("note", date(2026, 5, 3))], None, date(2026, 3, 20))
    assert [(m.month, m.phase) for m in lost] == [(2, "pregnancy"), (3, "remembered"),
                                                   (5, "remembered")]
    born, died = date(2026, 3, 10), date(2026, 4, 12)
    months = layout.months([entry("birth", born), entry("smile", date(2026, 4, 2)),
                            entry("letter", date(2026, 10, 1))], born, died)
    assert [(m.month, m.phase, m.months_old) for m in months] == [
        (3, "birth", 0), (4, "baby", 1), (10, "remembered", 0)]
