"""The question before anything kept is deleted for good ("Delete this for good?"), on
every page with a Delete beside its Save: the records' edit pages, a crying episode, a
routine, her own contacts."""

from datetime import datetime

from django.shortcuts import render


def ask_first(request, *, child=None, what="", when=None):
    """"Delete this for good?", unless she already said yes (the form's ``confirmed``):
    the page that asks, or None to go on and delete. Delete sits beside Save, and what
    goes cannot come back (a nappy, a temperature, a crying episode or a routine went at
    one tap, with no way to undo). ``what`` and ``when`` name the record, ``child`` the
    baby it is for (none for her own contacts)."""
    if "confirmed" in request.POST:
        return None
    return render(request, "edit_delete.html", {
        "child": child, "what": what, "when": when,
        "when_is_day": when is not None and not isinstance(when, datetime)})
