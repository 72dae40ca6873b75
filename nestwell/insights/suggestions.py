"""Gentle suggestions: a few small rules over the last days, each pointing to an article
of the guidance library. Pure: the view gathers a ``Recent`` summary, the rules read it.

Every rule is a function that returns a Suggestion or None. At most two are shown a day,
in the order of RULES, and never one she has put away.
"""

from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogue (makemessages finds it by this name); the page
    translates it when it shows the suggestion. Kept here so this module needs no Django."""
    return message


LIMIT = 2
CODES = frozenset({"skin", "evening-crying", "self-care", "support", "far", "talk", "bump"})


@dataclass(frozen=True)
class Recent:
    """What the last seven days looked like, as plain numbers."""

    stage: str
    days_since_skin: int | None = None  # None: never logged
    talk_or_sing: int = 0               # talking, singing and reading moments
    bump_talk: int = 0                  # in pregnancy
    cries: int = 0
    evening_cries: int = 0              # started 17:00–23:00
    checkins: int = 0                   # hers only
    low_mood_days: int = 0              # mood 1 or 2
    short_sleep_days: int = 0           # under 5 hours
    low_support_days: int = 0           # support 1 or 2
    felt_far_days: int = 0              # connection 1 or 2
    in_unit: bool = False               # the baby is in a neonatal unit now


@dataclass(frozen=True)
class Suggestion:
    code: str
    article: str
    text: str


def no_skin_lately(r: Recent):
    """No skin-to-skin for three days or more, in the first year after the birth (past
    it, its read is filed under "after the first year"; Elena's one-year-old was still
    offered it on Today)."""
    if r.stage in ("pregnancy", "beyond") or r.in_unit:
        # In a neonatal unit, Today's own card leads with kangaroo care, and when it can
        # be is the team's to say: "after the next bath" is not hers to choose (Lena).
        return None
    if r.days_since_skin is None or r.days_since_skin >= 3:
        return Suggestion("skin", "skin-to-skin",
                          gettext_noop(
                              "A few minutes skin-to-skin can calm you both. After the next bath "
                              "or feed might be an easy moment."))
    return None


def evening_crying(r: Recent):
    """Most crying in the evening, on a week with several episodes."""
    if r.cries >= 4 and r.evening_cries * 2 >= r.cries:
        return Suggestion("evening-crying", "reading-your-babys-cues",
                          gettext_noop(
                              "Evenings seem to be the hardest time this week. Some ideas for "
                              "unsettled evenings are in this short read."))
    return None


def tired_and_low(r: Recent):
    """Her own check-ins: low mood and short sleep on several days of the week."""
    if r.checkins >= 3 and r.low_mood_days >= 2 and r.short_sleep_days >= 2:
        return Suggestion("self-care", "looking-after-yourself",
                          gettext_noop(
                              "This week sounds tiring. You matter too: here are small ways to get"
                              " some rest and some help."))
    return None


def feeling_alone(r: Recent):
    """Her own check-ins: feeling unsupported on several days."""
    if r.checkins >= 3 and r.low_support_days >= 2:
        return Suggestion("support", "asking-for-help",
                          gettext_noop(
                              "Feeling on your own is hard. Who could you lean on this week?"))
    return None


def feeling_far(r: Recent):
    """Her own check-ins: feeling far from the baby on several days."""
    if r.checkins >= 3 and r.felt_far_days >= 2:
        return Suggestion("far", "when-bonding-takes-time",
                          gettext_noop(
                              "Closeness can come and go, and it can take time. You are not alone "
                              "in that."))
    return None


def quiet_week(r: Recent):
    """No talking, singing or reading noted in a week after the birth."""
    if r.stage != "pregnancy" and r.talk_or_sing == 0:
        return Suggestion("talk", "everyday-ways-to-connect",
                          gettext_noop(
                              "Chatting through nappy changes or humming a song counts. Here are a"
                              " few easy ways to connect."))
    return None


def hello_bump(r: Recent):
    """In pregnancy, no talking or music for the bump in a week."""
    if r.stage == "pregnancy" and r.bump_talk == 0:
        return Suggestion("bump", "bonding-before-birth",
                          gettext_noop(
                              "Your baby is getting to know your voice. A song or a few words to "
                              "the bump is a lovely way to say hello."))
    return None


RULES = (tired_and_low, feeling_alone, feeling_far, no_skin_lately, evening_crying,
         hello_bump, quiet_week)


def pick(recent: Recent, put_away: frozenset[str] = frozenset(), limit: int = LIMIT):
    """At most ``limit`` suggestions, most important first, none she has put away."""
    chosen = []
    for rule in RULES:
        suggestion = rule(recent)
        if suggestion and suggestion.code not in put_away:
            chosen.append(suggestion)
        if len(chosen) >= limit:
            break
    return chosen
