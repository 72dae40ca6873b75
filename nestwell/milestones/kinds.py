"""Milestones: the firsts a family wants to remember. Plain data and a pure date rule.

No ages are attached on purpose: every baby finds their own pace, and a list of "by now"
ages would turn a keepsake into a test. The list starts with the social firsts, the ones
that grow out of closeness (a first real smile, first laugh, reaching for you).
"""

from datetime import date

from django.utils.translation import gettext_lazy as _

KINDS = {
    "first_smile": (_("First real smile"), "😊"),
    "first_laugh": (_("First laugh"), "😄"),
    "first_coo": (_("First coos and babbles"), "🎶"),
    "knows_voice": (_("Turned to your voice"), "👂"),
    "reaches": (_("Reached out for you"), "🙌"),
    "holds_head": (_("Held their head up"), "💪"),
    "rolls_over": (_("Rolled over"), "🔄"),
    "sits": (_("Sat up"), "🪑"),
    "first_food": (_("First taste of food"), "🥄"),
    "first_tooth": (_("First tooth"), "🦷"),
    "crawls": (_("Crawled"), "🐾"),
    "waves": (_("Waved"), "👋"),
    "first_word": (_("First word"), "💬"),
    "stands": (_("Stood up"), "🧍"),
    "first_steps": (_("First steps"), "👣"),
    "other": (_("Something else"), "✨"),
}
CHOICES = [(key, label) for key, (label, _icon) in KINDS.items()]


def label(kind, title=""):
    """What to call a milestone: its own title for 'something else', else the kind."""
    if kind == "other" and title:
        return title
    return KINDS.get(kind, KINDS["other"])[0]


def icon(kind):
    return KINDS.get(kind, KINDS["other"])[1]


def date_problem(on: date, born: date | None, today: date) -> str | None:
    """Why a milestone cannot be on this date, or None. Dates are local to the household."""
    if born is None:
        return str(_("Milestones begin once your baby is here."))
    if on > today:
        return str(_("This date has not come yet."))
    if on < born:
        return str(_("This date is before the birth."))
    return None
