"""A note written anywhere in the journal (a moment, a letter to the baby, a crying
episode) that speaks of ending one's life, of self-harm or of harming the baby: after
saving it, the one who wrote it sees the support page, as after a safety answer."""

from django.shortcuts import redirect
from django.urls import reverse

from nestwell.wellbeing.harm_words import mentions_harm, normalized

SUPPORT_PATH = "/support/"


def baby_names(household) -> list[str]:
    """The names of the household's babies, as a note may call them (one query)."""
    if household is None:
        return []
    return list(household.children.values_list("name", flat=True))


def note_needs_support(note, before="", household=None) -> bool:
    """Whether ``note``, new or changed from ``before``, speaks of harm, the baby called
    by name too (the names of ``household``'s babies are read only when the note holds
    no phrase without them). A note left as it was (the time of a moment corrected) asks
    nothing again, even when the browser sends its line breaks as "\r\n" where it was
    kept with "\n"."""
    if not note or not str(note).strip() or normalized(note) == normalized(before or ""):
        return False
    return mentions_harm(note) or mentions_harm(note, baby_names(household))


def support_url_after(note, before="", household=None):
    """For the API's answer to what was written with a note (a moment, a cue, a handover
    note): the support page's address when the note speaks of harm, else None."""
    return SUPPORT_PATH if note_needs_support(note, before, household) else None


def support_after(note, before="", household=None):
    """The support page, when ``note`` (new, or changed from ``before``) speaks of harm;
    else None."""
    if note_needs_support(note, before, household):
        return redirect(f"{reverse('support')}?from=note")
    return None
