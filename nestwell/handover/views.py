from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.handover import services
from nestwell.handover.forms import NoteForm
from nestwell.wellbeing.notes import support_after

# One's own look at the card and the notes one receives: every member, viewers too.
personal = member_required(role=Role.VIEWER, write_role=Role.VIEWER)


@personal
@require_POST
def seen(request):
    """"Got it": the handover card starts again from now."""
    services.mark_seen(household=request.household, user=request.user)
    return redirect("journal:home")


@member_required()
@idempotent
def notes(request):
    """Write a note for someone in the household; see the ones you wrote."""
    members = services.members_to_write_to(request.household, request.user)
    form = NoteForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.write_note(
                household=request.household, author=request.user,
                addressee_id=form.cleaned_data["addressee"], text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your note waits on %(name)s's handover card.")
                             % {"name": note.addressee})
            if support := support_after(form.cleaned_data["text"],
                                        household=request.household):
                return support
            return redirect("handover:notes")
    return render(request, "handover/notes.html", {
        "form": form, "members": members,
        "written": services.notes_written(request.household, request.user),
    }, status=400 if form.errors else 200)


@personal
@require_POST
def note_read(request, pk):
    if not services.mark_read(household=request.household, user=request.user, note_id=pk):
        raise Http404
    return redirect("journal:home")


@member_required()
@require_POST
def note_take_back(request, pk):
    if not services.take_back(household=request.household, user=request.user, note_id=pk):
        raise Http404
    messages.success(request, _("Note taken back."))
    return redirect("handover:notes")
