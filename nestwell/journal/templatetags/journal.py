import re

from django import template
from django.utils import timezone

from nestwell.accounts import measures
from nestwell.journal.durations import duration_label
from nestwell.journal.kinds import SIDES
from nestwell.wellbeing.harm_words import mentions_harm
from nestwell.words import in_sentence

register = template.Library()


@register.filter
def duration(moment):
    """'12 min' for a finished timed moment, '' for an instant one."""
    if moment.ended_at is None or moment.ended_at == moment.started_at:
        return ""
    return duration_label(moment.ended_at - moment.started_at)


register.filter("in_sentence", in_sentence)  # a label mid-sentence (words.in_sentence)

LONG_WORD = 11  # letters: "Hautkontakt" broke as "Hautkontak / t" on a phone's tile


@register.filter
def long_word(label):
    """Whether a tile's label has a word too long for a phone's narrow tile at full size:
    such a tile sets it smaller (``.tile.long-word``) rather than break it in the middle."""
    # A hyphen is a place to break already ("Skin-to-skin").
    return any(len(word) >= LONG_WORD for word in re.split(r"[\s\-‐/]+", str(label)))


@register.simple_tag
def bottle_milks():
    """The milks a bottle may hold, (code, label), for the bottle timer's card."""
    from nestwell.journal.kinds import MILKS

    return MILKS


@register.filter
def feed_side(value):
    """A feed's side ("left") in the words of the language in use, as it reads after
    "Feed ·" (the tiles' "Feed · left"; the running timer had said "Feed · Left")."""
    return in_sentence(dict(SIDES).get(value, value))


@register.filter
def elapsed(started_at):
    seconds = max(0, int((timezone.now() - started_at).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.filter
def iso(value):
    return value.isoformat() if value else ""


@register.filter
def ago_label(seconds):
    """How long ago, for "… ago": as a duration under two days ('3 h 05 min'), then in
    days ('5 days'), never '140 h 41 min'."""
    if seconds is not None and seconds >= 2 * 24 * 3600:
        return measures.days_ago(int(seconds // (24 * 3600)))  # "vor 5 Tagen"
    return seconds_label(seconds)


@register.filter
def seconds_label(seconds):
    """A duration in seconds as '45 s', '3 min', '1 h 05 min': whole seconds passed, as
    the timeline counts them (13.6 s had read "14 s" here and "13 s" on the timeline for
    the same cry: Ingrid's walk)."""
    from datetime import timedelta

    if seconds is None:
        return ""
    return duration_label(timedelta(seconds=seconds))  # whole seconds: format_duration


@register.simple_tag(takes_context=True)
def note_worries(context, note):
    """Whether a note shown to the household speaks of ending a life, of self-harm or of
    harming the baby (by the babies' names the page already holds: no query). Whoever
    reads it, a grandmother or a friend who helps, is then shown how to help (Ben's and
    Anna's walks: their words were read on Today as ordinary entries)."""
    if not note:
        return False
    children = context.get("children") or ([context["child"]] if context.get("child") else [])
    return mentions_harm(note, [c.name for c in children if getattr(c, "name", "")])
