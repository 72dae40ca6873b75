"""The handover's rules on hand-built values, with the clock given."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from nestwell.care.responsive import Episode
from nestwell.handover import summary
from nestwell.handover.summary import Feed, Stretch

NOW = datetime(2026, 3, 10, 7, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def h(hours, minutes=0):
    return NOW - timedelta(hours=hours, minutes=minutes)


def test_the_first_look_covers_the_night():
    win = summary.window(None, NOW)
    assert (win.since, win.until, win.first) == (NOW - timedelta(hours=12), NOW, True)


def test_after_a_look_it_starts_there():
    win = summary.window(h(3), NOW)
    assert (win.since, win.first, win.capped) == (h(3), False, False)


def test_a_long_absence_is_summed_up_over_the_last_day_only():
    win = summary.window(NOW - timedelta(days=5), NOW)
    assert (win.since, win.capped) == (NOW - timedelta(hours=24), True)


def test_a_stretch_counts_only_inside_the_window():
    since = h(6)
    assert summary.overlap(Stretch(1, h(8), h(5)), since, NOW) == timedelta(hours=1)
    assert summary.overlap(Stretch(1, h(2), None), since, NOW) == timedelta(hours=2)
    assert summary.overlap(Stretch(1, h(9), h(7)), since, NOW) == timedelta(0)


def test_twins_each_get_their_own_account_of_the_night():
    win = summary.window(h(8), NOW)
    card = summary.handover(
        children={1: "Lou", 2: "Ada"}, win=win,
        feeds=[Feed(1, h(5), h(4, 40), side="left"), Feed(1, h(2), h(1, 45), side="right"),
               Feed(2, h(1), None, method="bottle")],
        sleeps=[Stretch(1, h(9), h(6)), Stretch(1, h(4), h(2)), Stretch(2, h(3), h(1))],
        cries=[Stretch(1, h(6, 30), h(6)), Stretch(2, h(0, 20), None),
               Stretch(2, h(12), h(11, 50))],  # before the window: not counted
        nappies={1: 3})
    lou, ada = card.children
    assert (lou.name, lou.last_feed.side, lou.feed_ago) == ("Lou", "right", timedelta(hours=2))
    assert lou.sleep == timedelta(hours=4)  # 1 h of the first (from the look), then 2 h
    assert (lou.cries, lou.crying, lou.nappies) == (1, timedelta(minutes=30), 3)
    assert (ada.last_feed.method, ada.last_feed.ended_at, ada.feed_ago) == (
        "bottle", None, timedelta(hours=1))
    assert ada.sleep == timedelta(hours=2)
    assert (ada.cries, ada.crying, ada.nappies) == (1, timedelta(minutes=20), 0)


def test_a_child_with_nothing_logged_is_quiet():
    card = summary.handover(children={1: "Lou"}, win=summary.window(h(1), NOW), feeds=[],
                            sleeps=[], cries=[], nappies={})
    assert card.children[0].quiet and card.children[0].last_feed is None


def test_the_nights_are_shared_in_alphabetical_order_never_ranked():
    night = datetime(2026, 3, 9, 23, 0, tzinfo=UTC)
    episodes = [Episode(started_at=night, responded_at=night, responder="Sam")] * 5 + [
        Episode(started_at=night, responded_at=night, responder="Maya"),
        Episode(started_at=night, responded_at=night),  # answered, nobody named
        Episode(started_at=night),                      # not answered: not counted
        Episode(started_at=datetime(2026, 3, 9, 14, 0, tzinfo=UTC), responded_at=night,
                responder="Zoe")]                       # the afternoon: not a night
    names, total = summary.night_people(episodes, LONDON, "someone")
    assert (names, total) == (["Maya", "Sam", "someone"], 7)


def test_there_is_news_after_the_look_only_when_something_was_logged():
    win = summary.window(h(1), NOW)
    quiet = summary.handover(children={1: "Lou"}, win=win, nappies={}, sleeps=[], cries=[],
                             feeds=[Feed(1, h(3), h(2, 40), side="left")])
    assert not quiet.news
    fed = summary.handover(children={1: "Lou"}, win=win, nappies={}, sleeps=[], cries=[],
                           feeds=[Feed(1, h(0, 10), None, side="right")])
    changed = summary.handover(children={1: "Lou"}, win=win, feeds=[], sleeps=[], cries=[],
                               nappies={1: 1})
    assert fed.news and changed.news
    assert (quiet.children[0].feed_ago_seconds, fed.children[0].feed_ago_seconds) == (
        3 * 3600, 600)
    just = summary.handover(children={1: "Lou"}, win=win, nappies={}, sleeps=[], cries=[],
                            feeds=[Feed(1, NOW - timedelta(seconds=5))])
    assert just.children[0].feed_ago_seconds == 60


def test_the_highest_temperature_and_each_medicine_s_doses_in_the_window():
    win = summary.window(h(8), NOW)
    readings = [summary.Reading(1, h(9), Decimal("39.0"), "raised"),   # before the window
                summary.Reading(1, h(5), Decimal("38.1"), "call_now"),
                summary.Reading(1, h(2), Decimal("37.6")),
                summary.Reading(2, h(1), Decimal("36.9"))]
    given = [summary.Given(1, "Paracetamol", h(1)), summary.Given(1, "Vitamin D", h(3)),
             summary.Given(1, "Paracetamol", h(6)), summary.Given(1, "Paracetamol", h(10))]
    card = summary.handover(children={1: "Lou", 2: "Ada"}, win=win, feeds=[], sleeps=[],
                            cries=[], nappies={}, readings=readings, given=given)
    lou, ada = card.children
    assert (lou.readings, lou.highest.celsius, lou.highest.fever) == (2, Decimal("38.1"),
                                                                       "call_now")
    assert [(d.medicine, d.count, d.last_at) for d in lou.doses] == [
        ("Paracetamol", 2, h(1)), ("Vitamin D", 1, h(3))]
    assert (ada.readings, ada.doses, ada.quiet) == (1, [], False)
    assert card.news


def test_the_night_s_feeds_are_counted_a_switched_breastfeed_once_with_the_bottles_ml():
    """The father handing over at dawn: how many feeds, and how much the bottles held."""
    win = summary.window(h(8), NOW)
    recent = [
        Feed(1, h(8, 20), h(7, 59), side="left", method="breast"),  # begun before the window
        Feed(1, h(7, 58), h(7, 40), side="right", method="breast"),  # its switch: no new feed
        Feed(1, h(5), h(4, 40), side="left", method="breast"),
        Feed(1, h(4, 39), h(4, 25), side="right", method="breast"),    # switched: one feed
        Feed(1, h(2), h(1, 45), method="bottle", amount_ml=90),
        Feed(1, h(1, 10), None, method="bottle", amount_ml=60),        # still going
        Feed(2, h(3), h(2, 50), method="bottle"),                      # no amount given
        Feed(2, h(12), h(11, 50), method="bottle", amount_ml=120),    # before the window
    ]
    card = summary.handover(children={1: "Lou", 2: "Ada"}, win=win, feeds=[], sleeps=[],
                            cries=[], nappies={}, recent_feeds=recent)
    lou, ada = card.children
    assert (lou.feeds, lou.bottles, lou.bottle_ml) == (3, 2, 150)
    assert (ada.feeds, ada.bottles, ada.bottle_ml) == (1, 1, 0)
    assert lou.last_feed.started_at == h(1, 10) and lou.last_feed.ended_at is None
    assert not lou.quiet and card.news


def test_a_feed_only_before_the_window_is_the_last_feed_but_counts_for_nothing():
    win = summary.window(h(2), NOW)
    card = summary.handover(children={1: "Lou"}, win=win, feeds=[], sleeps=[], cries=[],
                            nappies={}, recent_feeds=[Feed(1, h(3), h(2, 40), method="bottle",
                                                           amount_ml=100)])
    (lou,) = card.children
    assert (lou.feeds, lou.bottle_ml, lou.quiet, card.news) == (0, 0, True, False)
    assert lou.last_feed.started_at == h(3)


def test_a_pale_stool_in_the_window_is_news_and_one_before_it_is_not():
    win = summary.window(h(2), NOW)
    card = summary.handover(children={1: "Lou", 2: "Ada"}, win=win, feeds=[], sleeps=[],
                            cries=[], nappies={1: 1, 2: 1}, pale={1: h(1), 2: h(5)})
    lou, ada = card.children
    assert lou.pale_at == h(1) and ada.pale_at is None
    assert card.news


def test_the_lowest_temperature_is_kept_when_it_is_low():
    win = summary.window(h(8), NOW)
    readings = [summary.Reading(1, h(5), Decimal("35.8"), "low"),
                summary.Reading(1, h(4), Decimal("35.5"), "low"),
                summary.Reading(1, h(2), Decimal("37.1")),
                summary.Reading(2, h(1), Decimal("36.2"))]
    card = summary.handover(children={1: "Lou", 2: "Ada"}, win=win, feeds=[], sleeps=[],
                            cries=[], nappies={}, readings=readings)
    lou, ada = card.children
    assert (lou.highest.celsius, lou.low.celsius, lou.low.taken_at) == (
        Decimal("37.1"), Decimal("35.5"), h(4))
    assert ada.low is None  # 36.2 °C is not low


def test_the_feeds_line_shows_a_breastfeed_only_when_every_feed_was_at_the_breast():
    """Camille's card: four tube feeds in the unit were shown with 🤱."""
    win = summary.window(h(8), NOW)

    def card(*feeds):
        return summary.handover(children={1: "Inès"}, win=win, feeds=[], sleeps=[],
                                cries=[], nappies={}, recent_feeds=list(feeds)).children[0]

    assert not card(Feed(1, h(2), h(1, 40), method="tube")).breastfeeds_only
    assert card(Feed(1, h(2), h(1, 40), side="left", method="breast"),
                Feed(1, h(5), h(4, 40), side="right")).breastfeeds_only
    assert not card(Feed(1, h(2), h(1, 40), side="left", method="breast"),
                    Feed(1, h(5), h(4, 40), method="tube")).breastfeeds_only
    assert not card().breastfeeds_only
