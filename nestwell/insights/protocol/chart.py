"""The protocol's pictures as inline SVG: one strip per day, the hour ruler, the crying
total beside its reference band, the legend swatches. Pure Python.

Every SVG here is decoration for sighted readers (``aria-hidden``): each row of the table
carries the same day in words. Colours come from ``app.css`` (light and dark); the
states differ in lightness too (sleep darkest, then crying, feeding, awake, nothing
logged blank), and crying is hatched, so the grid reads in greyscale and for colour-blind
readers. The hatch patterns are defined once per page (``defs``) and shared by the strips.
"""

from nestwell.insights.protocol.grid import CELLS, OUTSIDE, UNKNOWN, runs

UNIT = 3  # width of a quarter-hour
WIDTH, HEIGHT = CELLS * UNIT, 18
HOUR = 4 * UNIT
BAND_WIDTH, BAND_SCALE = 120, 300  # minutes at the right edge of the band bar (at least)


def defs() -> str:
    """The hatch patterns, in a hidden SVG placed once in the page."""
    return ('<svg class="protocol-defs" width="0" height="0" aria-hidden="true" '
            'focusable="false"><defs>'
            '<pattern id="protocol-hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect class="pt-crying-fill" width="4" height="4"/>'
            '<path class="pt-hatch" d="M0 0V4"/></pattern>'
            '<pattern id="protocol-skip" width="3" height="3" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(-45)"><path class="pt-skip-line" d="M0 0V3"/></pattern>'
            "</defs></svg>")


def _rect(state, x, w):
    if state == "crying":
        return (f'<rect class="pt-crying" fill="url(#protocol-hatch)" x="{x}" y="1" '
                f'width="{w}" height="{HEIGHT - 2}"/>')
    if state == "skipped":
        return (f'<rect class="pt-skipped" fill="url(#protocol-skip)" x="{x}" y="1" '
                f'width="{w}" height="{HEIGHT - 2}"/>')
    if state == OUTSIDE:
        return (f'<path class="pt-outside" d="M{x} {HEIGHT / 2:g}h{w}"/>')
    return f'<rect class="pt-{state}" x="{x}" y="1" width="{w}" height="{HEIGHT - 2}"/>'


def strip(cells: list[str]) -> str:
    """One day as a strip of quarter-hours, midnight on the left."""
    out = [f'<svg class="protocol-strip" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
           f'height="{HEIGHT}" aria-hidden="true" '
           f'focusable="false"><rect class="pt-frame" x="0.5" y="0.5" width="{WIDTH - 1}" '
           f'height="{HEIGHT - 1}"/>']
    for first, n, state in runs(cells):
        if state != UNKNOWN:
            out.append(_rect(state, first * UNIT, n * UNIT))
    out.append('<path class="pt-grid" d="' + "".join(
        f"M{h * HOUR} 0V{HEIGHT}" for h in range(3, 24, 3)) + '"/></svg>')
    return "".join(out)


def hour_label(hour: int, clock: int = 24) -> str:
    """An hour of the ruler: "03" on a 24-hour clock, "3a" on a 12-hour one (12a, 3a …
    12p, 9p: the short form that fits eight across a phone's strip)."""
    if clock == 12:
        return f"{hour % 12 or 12}{'a' if hour < 12 else 'p'}"
    return f"{hour:02d}"


def ruler(clock: int = 24) -> str:
    """The hours above the strips (00, 03 … 21), in HTML so they keep the page's text size
    however wide the strips are drawn."""
    return ('<div class="protocol-ruler" aria-hidden="true">' + "".join(
        f'<span class="at-{h}">{hour_label(h, clock)}</span>' for h in range(0, 24, 3))
        + "</div>")


def band_bar(minutes: int, band, scale: int = BAND_SCALE) -> str:
    """The day's crying (a bar from zero) beside the reference band for the baby's age (a
    shaded stretch with the review's mean marked); no band where the review has none."""
    x = lambda m: round(m * BAND_WIDTH / scale, 1)  # noqa: E731
    out = [f'<svg class="protocol-band" viewBox="0 0 {BAND_WIDTH} {HEIGHT}" '
           f'width="{BAND_WIDTH}" height="{HEIGHT}" '
           'aria-hidden="true" focusable="false">']
    if band:
        out.append(f'<rect class="pt-band" x="{x(band.low)}" y="1" '
                   f'width="{x(band.high) - x(band.low)}" height="{HEIGHT - 2}"/>')
        out.append('<path class="pt-mean" d="' + "".join(
            f"M{x(m)} 1V{HEIGHT - 1}" for m in sorted({band.mean_low, band.mean_high}))
            + '"/>')
    if minutes:
        out.append(f'<rect class="pt-total" x="0" y="{HEIGHT / 2 - 3:g}" '
                   f'width="{max(x(minutes), 1)}" height="6"/>')
    out.append(f'<path class="pt-axis" d="M0.5 0V{HEIGHT}"/></svg>')
    return "".join(out)


def swatch(state: str) -> str:
    """A legend's sample of one state."""
    return (f'<svg class="protocol-swatch" viewBox="0 0 24 {HEIGHT}" width="24" '
            f'height="{HEIGHT}" aria-hidden="true" '
            f'focusable="false"><rect class="pt-frame" x="0.5" y="0.5" width="23" '
            f'height="{HEIGHT - 1}"/>{"" if state == UNKNOWN else _rect(state, 0, 24)}</svg>')


def band_swatch() -> str:
    return (f'<svg class="protocol-swatch" viewBox="0 0 24 {HEIGHT}" width="24" '
            f'height="{HEIGHT}" aria-hidden="true" '
            f'focusable="false"><rect class="pt-band" x="0" y="1" width="24" '
            f'height="{HEIGHT - 2}"/><path class="pt-mean" d="M12 1V{HEIGHT - 1}"/>'
            f'<rect class="pt-total" x="0" y="{HEIGHT / 2 - 3:g}" width="8" height="6"/></svg>')
