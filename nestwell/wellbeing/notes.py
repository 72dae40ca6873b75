"""A note written anywhere in the journal (a moment, a letter to the baby, a crying
episode) that speaks of ending one's life, of self-harm or of harming the baby: after
saving it, the one who wrote it sees the support page, as after a safety answer."""

from django.shortcuts import redirect
from django.urls import reverse

from nestwell.wellbeing.harm_words import mentions_harm, normalized

SUPPORT_PATH = "/support/"


def note_needs_support(note, before="") -> bool:
    """Whether ``note``, new or changed from ``before``, speaks of harm. A note left as
    it was (the time of a moment corrected) asks nothing again, even when the browser
    sends its line breaks as "\r\n" where it was kept with "\n"."""
    return bool(note) and normalized(note) != normalized(before or "") \
        and mentions_harm(note)


def support_url_after(note, before=""):
    """For the API's answer to a moment or cue written with a note: the support page's
    address when the note speaks of harm, else None."""
    return SUPPORT_PATH if note_needs_support(note, before) else None


def support_after(note, before=""):
    """The support page, when ``note`` (new, or changed from ``before``) speaks of harm;
    else None."""
    if note_needs_support(note, before):
        return redirect(f"{reverse('support')}?from=note")
    return None
