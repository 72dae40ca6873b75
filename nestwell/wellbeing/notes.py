"""A note written anywhere in the journal (a moment, a letter to the baby, a crying
episode) that speaks of ending one's life, of self-harm or of harming the baby: after
saving it, the one who wrote it sees the support page, as after a safety answer."""

from django.shortcuts import redirect
from django.urls import reverse

from nestwell.wellbeing.harm_words import mentions_harm


def support_after(note, before=""):
    """The support page, when ``note`` (changed from ``before``) speaks of harm; else
    None. A note left as it was (the time of a moment corrected) asks nothing again."""
    if note and note != before and mentions_harm(note):
        return redirect(f"{reverse('support')}?from=note")
    return None
