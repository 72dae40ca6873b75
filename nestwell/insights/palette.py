"""One colour per kind, the same on every chart, in the app and in the PDF. Pure Python.

The colours are the Okabe–Ito set, chosen to stay apart for the common kinds of colour
blindness, with a grey for the eighth. Each kind keeps its colour whatever its rank: feeds
are orange today and tomorrow. Kinds usually logged in one tap (talking, singing…) rarely
have minutes; they share a colour with a timed kind but are hatched, so no two kinds on a
chart look alike, and colour is never the only sign: every chart has a legend with words
and a table of its numbers.

``app.css`` holds the same values as custom properties (``--chart-<colour>``, light and
dark); a test keeps the two in step. The PDF is printed on white and uses the light ones.
"""

from dataclasses import dataclass

# colour: (light, dark). The Okabe–Ito values are kept as they are in both themes (their
# lightness is part of what keeps them apart); only the grey follows the theme. On the
# dark card every one stands out by at least 3:1; on white the orange, sky and yellow are
# paler, so bars carry a thin edge there (app.css) and every chart has words and a table.
COLOURS: dict[str, tuple[str, str]] = {
    "vermillion": ("#d55e00", "#d55e00"),
    "orange": ("#e69f00", "#e69f00"),
    "sky": ("#56b4e9", "#56b4e9"),
    "green": ("#009e73", "#009e73"),
    "yellow": ("#f0e442", "#f0e442"),
    "blue": ("#0072b2", "#0072b2"),
    "purple": ("#cc79a7", "#cc79a7"),
    "grey": ("#6b645c", "#a9a39b"),
    "other": ("#c9c1b6", "#5b616d"),  # everything else, grouped
}
# Under 3:1 against white: their bars get a thin darker edge in the light theme and the PDF.
PALE = frozenset({"orange", "sky", "yellow", "other"})
EDGE = "#8a8178"


@dataclass(frozen=True)
class Look:
    colour: str        # a key of COLOURS
    hatched: bool = False


# Every kind of moment, in the order charts stack and list them (closest first).
KINDS: dict[str, Look] = {
    "skin_to_skin": Look("vermillion"),
    "feeding": Look("orange"),
    "sleep": Look("blue"),
    "soothing": Look("sky"),
    "bath": Look("green"),
    "play": Look("yellow"),
    "massage": Look("purple"),
    "babywearing": Look("grey"),
    "cuddle": Look("vermillion", hatched=True),
    "talk": Look("sky", hatched=True),
    "sing": Look("yellow", hatched=True),
    "read": Look("green", hatched=True),
    "face_to_face": Look("purple", hatched=True),
    "movement_count": Look("purple"),
    "bump_talk": Look("sky", hatched=True),
    "bump_music": Look("yellow", hatched=True),
    "letter": Look("blue", hatched=True),
    "note": Look("grey", hatched=True),
}
OTHER = Look("other")

# Her own check-ins and the crying chart: not kinds, but one look each as well.
SERIES: dict[str, Look] = {
    "mood": Look("blue"),
    "connection": Look("vermillion"),
    "sleep_hours": Look("blue"),
    "answer_minutes": Look("green"),
    "moments": Look("green"),
    "crying": Look("blue"),
    "growth": Look("blue"),
}


def look(key: str) -> Look:
    """The look of a kind or a series; an unknown one is drawn as "other"."""
    return KINDS.get(key) or SERIES.get(key) or OTHER


def kind_order(kinds) -> list[str]:
    """``kinds`` in the fixed order of the palette (unknown ones last, by name)."""
    rank = {k: i for i, k in enumerate(KINDS)}
    return sorted(kinds, key=lambda k: (rank.get(k, len(rank)), k))


def hex_for(colour: str, theme: str = "light") -> str:
    light, dark = COLOURS[colour]
    return dark if theme == "dark" else light
