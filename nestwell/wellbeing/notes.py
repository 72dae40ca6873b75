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


# The apps whose forms keep a note (or a photo's caption) without reading it themselves:
# the journal, crying episodes, letters, handover and keepsake notes read theirs with the
# words they had before (``support_after``). Chloé's walk found a pumping note, a first's
# note and the note under "what she felt" after a feed kept without a word.
NOTE_APPS = ("nestwell.milk.", "nestwell.milestones.", "nestwell.growth.",
             "nestwell.health.", "nestwell.medicines.", "nestwell.photos.",
             "nestwell.wondering.")
NOTE_FIELDS = ("note", "caption")


class NotesReadForHarm:
    """After a form of one of ``NOTE_APPS`` is saved (a redirect, or an htmx answer), a
    note in it that speaks of ending one's life, of self-harm or of harming the baby (by
    name too) sends its writer to the support page, as a check-in's note does: a redirect,
    or htmx's ``HX-Redirect``. What was saved stays saved; the page says so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "POST" or not _saved(request, response):
            return response
        match = getattr(request, "resolver_match", None)
        if match is None or not match.func.__module__.startswith(NOTE_APPS):
            return response
        household = getattr(request, "household", None)
        if household is None or not any(
                note_needs_support(text, household=household)
                for name in NOTE_FIELDS for text in request.POST.getlist(name)):
            return response
        url = f"{reverse('support')}?from=note"
        if 300 <= response.status_code < 400:
            # A boosted form (htmx follows the redirect itself, and a header on the
            # redirect is never read) as much as a plain one.
            return redirect(url)
        response["HX-Redirect"] = url  # the card answered in place
        return response


def _saved(request, response):
    """A form taken: a redirect to the next page (not to the support page already), or
    htmx's answer in place."""
    if 300 <= response.status_code < 400:
        return not str(response.get("Location", "")).startswith(SUPPORT_PATH)
    return bool(getattr(request, "htmx", False)) and 200 <= response.status_code < 300
