"""What happened since someone last looked: pure functions over plain values, so the
handover card is easy to test with hand-built data and an injected clock.

No Django here. The window starts when the person last said "got it" on the card; the
first time, or after a long absence, it looks back a fixed stretch instead (overnight),
so the card never sums up days nobody can take in at a glance.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import chain
from zoneinfo import ZoneInfo

from nestwell.care.responsive import Episode, night_share
from nestwell.journal.feeds import feed_starts

FIRST_LOOK = timedelta(hours=12)   # never looked yet: about one night
LONGEST = timedelta(hours=24)      # away longer: the last day only
NIGHTS = timedelta(days=7)         # how the nights were shared: the last week


@dataclass(frozen=True)
class Stretch:
    """A stretch of time for one child: a sleep, a crying episode (open while ``ended_at``
    is None)."""

    child_id: int
    started_at: datetime
    ended_at: datetime | None = None


@dataclass(frozen=True)
class Feed:
    child_id: int
    started_at: datetime
    ended_at: datetime | None = None
    side: str = ""    # left, right, both or "" (bottle, or not said)
    method: str = ""  # breast, bottle, …
    amount_ml: int | None = None  # a bottle's amount, when it was given


@dataclass(frozen=True)
class Reading:
    """A temperature taken: ``fever`` as ``health.fever.reading`` says ("call_now",
    "raised", "low" or None), worked out by the caller, who knows the baby's age."""

    child_id: int
    taken_at: datetime
    celsius: Decimal
    fever: str | None = None


@dataclass(frozen=True)
class Given:
    """A dose of a medicine."""

    child_id: int
    medicine: str
    given_at: datetime


@dataclass(frozen=True)
class Doses:
    medicine: str
    count: int
    last_at: datetime


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime
    first: bool = False   # never looked before
    capped: bool = False  # away longer than LONGEST: only the last day


@dataclass
class ChildHandover:
    child_id: int
    name: str
    last_feed: Feed | None = None
    feed_ago: timedelta | None = None   # from the feed's start
    feeds: int = 0      # feeds begun in the window (a breastfeed switched sides: one)
    bottles: int = 0    # of them, bottles
    bottle_ml: int = 0  # what the bottles begun in the window held, where it was given
    breastfeeds_only: bool = False  # every feed begun in the window was at the breast
    sleep: timedelta = timedelta(0)
    skin: timedelta = timedelta(0)  # skin-to-skin in the window
    crying: timedelta = timedelta(0)
    cries: int = 0
    nappies: int = 0
    pale_at: datetime | None = None  # the last pale stool in the window: a call today
    blood_at: datetime | None = None  # the last red or black stool: a call today too
    highest: Reading | None = None   # the highest temperature taken in the window
    low: Reading | None = None       # the lowest, when it is low (under 36 °C): a call now
    readings: int = 0
    doses: list[Doses] = field(default_factory=list)  # by medicine, first given first

    @property
    def feed_ago_seconds(self) -> int | None:
        """How long ago, in whole minutes (at least one): "0 s ago" reads oddly."""
        if self.feed_ago is None:
            return None
        return max(60, int(self.feed_ago.total_seconds()) // 60 * 60)

    @property
    def quiet(self) -> bool:
        """Nothing to tell about this child in the window (the last feed aside)."""
        return not (self.feeds or self.sleep or self.skin or self.crying or self.cries
                    or self.nappies or self.readings or self.doses or self.pale_at
                    or self.blood_at)


@dataclass
class Handover:
    window: Window
    children: list[ChildHandover] = field(default_factory=list)
    night_names: list[str] = field(default_factory=list)  # alphabetical: no ranking
    night_total: int = 0

    @property
    def news(self) -> bool:
        """Something was logged since the last look: a feed begun, a sleep, skin-to-skin,
        a cry, a nappy, a temperature, a dose. After "got it" the card rests until there is."""
        return any(not row.quiet or (row.last_feed is not None
                                     and row.last_feed.started_at >= self.window.since)
                   for row in self.children)


def window(last_seen: datetime | None, now: datetime) -> Window:
    """From the last look (or FIRST_LOOK ago) to now, never longer than LONGEST."""
    if last_seen is None:
        return Window(since=now - FIRST_LOOK, until=now, first=True)
    if now - last_seen > LONGEST:
        return Window(since=now - LONGEST, until=now, capped=True)
    return Window(since=min(last_seen, now), until=now)


def overlap(stretch: Stretch, since: datetime, until: datetime) -> timedelta:
    """How much of a stretch falls in [since, until]; a running one lasts until ``until``."""
    end = min(stretch.ended_at or until, until)
    start = max(stretch.started_at, since)
    return max(end - start, timedelta(0))


def night_people(episodes: Iterable[Episode], tz: ZoneInfo, someone: str) -> tuple[list, int]:
    """Who answered cries at night, in alphabetical order (shared effort, never a
    ranking), and how many night cries were answered in all."""
    counts = night_share(episodes, tz)
    names = sorted({someone if who == "?" else who for who in counts}, key=str.casefold)
    return names, counts.total()


def count_feeds(row: "ChildHandover", feeds: list[Feed], win: Window) -> None:
    """The feeds begun in the window, counted as the week and the report count them (a
    breastfeed switched to the other side is one feed), and what the bottles held. The
    feeds given may begin before the window: the one a switch carries on is among them."""
    row.feeds = sum(1 for start in feed_starts(
        (f.started_at, f.ended_at, {"side": f.side, "method": f.method}) for f in feeds)
                    if win.since <= start <= win.until)
    bottles = [f for f in feeds if f.method == "bottle" and win.since <= f.started_at <= win.until]
    row.bottles = len(bottles)
    inside = [f for f in feeds if win.since <= f.started_at <= win.until]
    # 🤱 only when every feed was at the breast: a tube feed in the unit is not (Camille).
    row.breastfeeds_only = bool(inside) and all(
        f.method == "breast" or (f.side and not f.method) for f in inside)
    row.bottle_ml = sum(f.amount_ml or 0 for f in bottles)


def handover(*, children: dict[int, str], win: Window, feeds: Iterable[Feed],
             sleeps: Iterable[Stretch], cries: Iterable[Stretch],
             nappies: dict[int, int], night: tuple[list, int] = ([], 0),
             readings: Iterable[Reading] = (), given: Iterable[Given] = (),
             recent_feeds: Iterable[Feed] = (),
             pale: dict[int, datetime] | None = None,
             blood: dict[int, datetime] | None = None,
             skin: Iterable[Stretch] = ()) -> Handover:
    """The card: one entry per child (twins each get their own), in the order given.
    ``feeds`` holds at least each child's last feed; ``recent_feeds`` the feeds begun in
    the window (and a little before it), which are counted."""
    rows = {cid: ChildHandover(child_id=cid, name=name) for cid, name in children.items()}
    recent = list(recent_feeds)
    for feed in chain(feeds, recent):
        row = rows.get(feed.child_id)
        if row and (row.last_feed is None or feed.started_at > row.last_feed.started_at):
            row.last_feed = feed
            row.feed_ago = max(win.until - feed.started_at, timedelta(0))
    for cid, row in rows.items():
        count_feeds(row, [f for f in recent if f.child_id == cid], win)
    for sleep in sleeps:
        if sleep.child_id in rows:
            rows[sleep.child_id].sleep += overlap(sleep, win.since, win.until)
    for held in skin:
        if held.child_id in rows:
            rows[held.child_id].skin += overlap(held, win.since, win.until)
    for cry in cries:
        row = rows.get(cry.child_id)
        if row is None or cry.started_at > win.until or (cry.ended_at or win.until) < win.since:
            continue
        row.crying += overlap(cry, win.since, win.until)
        row.cries += 1
    for cid, count in nappies.items():
        if cid in rows:
            rows[cid].nappies = count
    for cid, at in (pale or {}).items():
        if cid in rows and win.since <= at <= win.until:
            rows[cid].pale_at = at
    for cid, at in (blood or {}).items():
        if cid in rows and win.since <= at <= win.until:
            rows[cid].blood_at = at
    for taken in readings:
        row = rows.get(taken.child_id)
        if row is None or not win.since <= taken.taken_at <= win.until:
            continue
        row.readings += 1
        if row.highest is None or taken.celsius > row.highest.celsius:
            row.highest = taken
        if taken.fever == "low" and (row.low is None or taken.celsius < row.low.celsius):
            row.low = taken
    doses: dict[tuple[int, str], list[datetime]] = {}
    for dose in sorted(given, key=lambda g: g.given_at):
        if dose.child_id in rows and win.since <= dose.given_at <= win.until:
            doses.setdefault((dose.child_id, dose.medicine), []).append(dose.given_at)
    for (cid, medicine), times in doses.items():
        rows[cid].doses.append(Doses(medicine=medicine, count=len(times), last_at=times[-1]))
    names, total = night
    return Handover(window=win, children=list(rows.values()), night_names=names,
                    night_total=total)
