"""When a wondering prompt appears: at the moments she chose, never more than she set."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nestwell.wondering.rule import FRESH, Choices, Occasion, daily_occasion, due, todays_prompts

LONDON = ZoneInfo("Europe/London")
T = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def feed(minutes, pk=1):
    return Occasion("feed", f"moment:{pk}", T + timedelta(minutes=minutes))


def settle(minutes, pk=1):
    return Occasion("settle", f"cue:{pk}", T + timedelta(minutes=minutes))


def test_a_feed_just_stopped_brings_its_prompt():
    assert due(Choices(), [feed(0)], set(), T + timedelta(minutes=1)) == feed(0)


def test_a_settled_cry_brings_its_prompt():
    assert due(Choices(), [settle(0)], set(), T + timedelta(minutes=1)) == settle(0)


def test_only_the_moments_she_chose():
    feeds_only = Choices(after_feed=True, after_settle=False)
    assert due(feeds_only, [settle(0)], set(), T) is None
    assert due(Choices(after_feed=False), [feed(0)], set(), T) is None


def test_off_means_never():
    off = Choices(after_feed=False, after_settle=False, daily=False)
    assert due(off, [feed(0), settle(5)], set(), T + timedelta(minutes=6)) is None


def test_at_most_one_a_day_by_default_even_when_the_first_went_unanswered():
    occasions = [feed(0, 1), settle(120, 2), feed(240, 3)]
    assert todays_prompts(Choices(), occasions, set(), T + timedelta(hours=5)) == [feed(0, 1)]
    # The first went by unanswered: later moments bring no more.
    assert due(Choices(), occasions, set(), T + timedelta(minutes=121)) is None
    assert due(Choices(), occasions, set(), T + timedelta(minutes=241)) is None


def test_once_answered_or_put_away_it_is_not_asked_again():
    assert due(Choices(), [feed(0)], {"moment:1"}, T + timedelta(minutes=1)) is None


def test_a_setting_allows_more():
    occasions = [feed(0, 1), settle(120, 2), feed(240, 3), feed(300, 4)]
    three = Choices(per_day=3)
    assert [o.key for o in todays_prompts(three, occasions, set(), T + timedelta(hours=6))] \
        == ["moment:1", "cue:2", "moment:3"]
    assert due(three, occasions, {"moment:1"}, T + timedelta(minutes=121)) == settle(120, 2)
    assert due(three, occasions, {"moment:1", "cue:2", "moment:3"},
               T + timedelta(minutes=301)) is None


def test_never_more_than_three_whatever_is_stored():
    occasions = [feed(i * 60, i) for i in range(6)]
    assert len(todays_prompts(Choices(per_day=50), occasions, set(), T + timedelta(hours=7))) == 3


def test_an_answer_counts_even_after_she_turned_that_moment_off():
    occasions = [feed(0, 1), settle(60, 2)]
    settle_only = Choices(after_feed=False)
    assert due(settle_only, occasions, {"moment:1"}, T + timedelta(minutes=61)) is None


def test_a_moment_prompt_stays_only_while_fresh():
    assert due(Choices(), [feed(0)], set(), T + FRESH) == feed(0)
    assert due(Choices(), [feed(0)], set(), T + FRESH + timedelta(seconds=1)) is None


def test_a_future_occasion_is_not_yet_a_prompt():
    assert due(Choices(), [feed(10)], set(), T) is None


def test_the_daily_one_comes_at_her_time_and_stays_the_day():
    choices = Choices(after_feed=False, after_settle=False, daily=True, daily_at=time(20, 0))
    day = date(2026, 3, 10)
    daily = daily_occasion(choices, day, LONDON)
    assert daily.key == "daily:2026-03-10"
    assert due(choices, [daily], set(), datetime(2026, 3, 10, 19, 59, tzinfo=LONDON)) is None
    assert due(choices, [daily], set(), datetime(2026, 3, 10, 20, 0, tzinfo=LONDON)) == daily
    assert due(choices, [daily], set(), datetime(2026, 3, 10, 23, 30, tzinfo=LONDON)) == daily
    assert due(choices, [daily], {daily.key}, datetime(2026, 3, 10, 23, 30,
                                                        tzinfo=LONDON)) is None


def test_no_daily_occasion_unless_chosen():
    assert daily_occasion(Choices(), date(2026, 3, 10), LONDON) is None


def test_the_daily_time_on_a_clock_change_day_is_local():
    choices = Choices(daily=True, daily_at=time(20, 0))
    daily = daily_occasion(choices, date(2026, 3, 29), LONDON)  # clocks go forward
    assert daily.at.astimezone(UTC) == datetime(2026, 3, 29, 19, 0, tzinfo=UTC)


def test_a_feed_before_the_daily_time_takes_the_one_place():
    choices = Choices(daily=True, daily_at=time(20, 0))
    day = date(2026, 3, 10)
    daily = daily_occasion(choices, day, LONDON)
    morning = Occasion("feed", "moment:1", datetime(2026, 3, 10, 8, 0, tzinfo=LONDON))
    evening = datetime(2026, 3, 10, 20, 30, tzinfo=LONDON)
    assert due(choices, [morning, daily], set(), evening) is None
    assert due(choices, [morning, daily], {"moment:1"}, evening) is None
