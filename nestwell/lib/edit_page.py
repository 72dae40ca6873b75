"""The edit page every kept record shares (a measurement, a first, a nappy, a
temperature…): remove it, or save the form from the version it showed.

A save from an older version is refused (``journal/versioned.py``): the person sees why and
the latest version, or the list when someone removed the record meanwhile."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nestwell.forms import form_refused
from nestwell.journal.versioned import is_stale
from nestwell.lib.ask_first import ask_first


def edit_page(request, record, form, *, save, remove, removed, list_url, template,
              context=None, what="", when=None):
    """Answer the edit page of ``record``.

    ``save(record, data, version)`` writes the form's cleaned data (raising the services'
    ValidationError) and leaves ``record`` as saved; ``remove(record)`` removes it once
    the person said yes to "Delete this for good?", ``removed`` is the message then;
    ``list_url`` is where both lead back to (or a function of the record: a record moved
    to another baby goes back to that baby's list). ``context`` adds to the page's own.
    ``what`` and ``when`` name the record in the question ("Wet nappy", and when it was
    changed: a time, or a day), so that she sees which one goes before she says yes."""
    def back():
        return redirect(list_url(record) if callable(list_url) else list_url)

    if request.method == "POST":
        if "delete" in request.POST:
            question = ask_first(request, child=record.child, what=what, when=when)
            if question:
                return question
            remove(record)
            messages.success(request, removed)
            return back()
        if form.is_valid():
            was_for = record.child_id
            try:
                save(record, form.cleaned_data, version=form.cleaned_data["version"] or 0)
            except ValidationError as exc:
                if not is_stale(exc):
                    form.add_service_error(exc)
                else:
                    messages.error(request, exc.messages[0])
                    form_refused(form)  # its words are read all the same (wellbeing.notes)
                    if not type(record).objects.filter(pk=record.pk).exists():
                        return back()  # someone removed it meanwhile
                    return redirect(request.path)  # the latest version, to edit again
            else:
                if record.child_id != was_for:
                    messages.success(request, _("Saved, and moved to %(name)s.")
                                     % {"name": record.child.name})
                else:
                    messages.success(request, _("Saved."))
                return back()
    return render(request, template, {"form": form, "child": record.child, **(context or {})})

