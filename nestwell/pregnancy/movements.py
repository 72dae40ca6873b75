"""Movement-counting sessions in pregnancy, summarised. Pure: no Django.

A session is a start time and the seconds from the start to each movement felt. The
summary never judges a count: it only says what was felt and how long the first ten took.
"""

from dataclasses import dataclass

TEN = 10


@dataclass(frozen=True)
class Session:
    count: int
    seconds: int  # how long the session lasted (so far)
    seconds_to_ten: int | None

    @property
    def minutes_to_ten(self) -> int | None:
        if self.seconds_to_ten is None:
            return None
        return max(1, round(self.seconds_to_ten / 60))


def summarise(count: int | None, taps: list[int] | None, seconds: int) -> Session:
    """``count`` as saved (it may be typed in after a session on paper); ``taps`` the
    seconds to each tapped movement."""
    taps = sorted(taps or [])
    total = count if count is not None else len(taps)
    to_ten = taps[TEN - 1] if len(taps) >= TEN else None
    return Session(total, max(seconds, 0), to_ten)


def part_of_day(hour: int) -> str:
    """'morning' (5–12), 'afternoon' (12–17), 'evening' (17–22) or 'night'."""
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"
