"""The keepsake page (pick what goes in, write notes for the book) and the book itself.

Caregivers and parents make a book of their own; a viewer gets 403 (the book is made of
letters and photos she reads, but handing a printed book on is the family's to do)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.children.current import child_or_404
from nestwell.keepsake import book, gather, services
from nestwell.keepsake.forms import KeepsakeForm, NoteForm
from nestwell.wellbeing.notes import support_after

makers = member_required(role=Role.CAREGIVER)

def _page_url(child):
    return f"{reverse('keepsake:page')}?child={child.pk}"


def _sections(found, picked, first, last):
    """The page's lists, each item with whether it is ticked and inside her dates."""
    names = {"letters": _("Letters"), "birth": _("The birth and the first hour"),
             "firsts": _("Firsts"), "photos": _("Photos"), "notes": _("Your notes")}
    picked = set(picked)
    return [{"kind": kind, "name": names[kind], "items": [
        {"entry": e, "pk": e.key.partition("-")[2], "ticked": e.key in picked,
         "outside": not first <= e.day <= last}
        for e in found[kind]]} for kind in names]


def _render(request, child, children, found, chosen, form, note_form, status=200):
    """The page; after a refused save, with the ticks she sent (those still offered)."""
    picked, cover = chosen.picked, chosen.cover
    if form.is_bound:
        offered = gather.keys(found)
        picked = [k for k in form.data.getlist("picked") if k in offered]
        cover = form.data.get("cover", "")
    return render(request, "keepsake/keepsake.html", {
        "child": child, "children": children, "form": form, "note_form": note_form,
        "sections": _sections(found, picked, chosen.first, chosen.last),
        "chosen": chosen, "cover": cover,
    }, status=status)


@makers
def page(request):
    """Saving again replaces her choices (nothing is added), so no once-only key."""
    child, children = child_or_404(request)
    today = timezone.localdate()
    chosen = book.choices(child, request.user, today)
    found = gather.candidates(child, request.user)
    photos = [e.key for e in found["photos"]]
    form = KeepsakeForm(request.POST or None, initial=chosen.initial(),
                        offered=gather.keys(found), photos=photos)
    note_form = NoteForm(initial={"written_on": today})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.save_choices(child=child, user=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your choices are kept. The book is ready "
                                            "whenever you are."))
                return redirect(_page_url(child))
        return _render(request, child, children, found, chosen, form, note_form, status=400)
    return _render(request, child, children, found, chosen, form, note_form)


@makers
@require_POST
@idempotent
def note_add(request):
    child, children = child_or_404(request)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(child=child, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your note is kept. Tick it to put it in the book."))
            if support := support_after(form.cleaned_data["text"],
                                        household=request.household):
                return support
            return redirect(_page_url(child))
    chosen = book.choices(child, request.user, timezone.localdate())
    found = gather.candidates(child, request.user)
    keepsake_form = KeepsakeForm(initial=chosen.initial(), offered=gather.keys(found),
                                 photos=[e.key for e in found["photos"]])
    return _render(request, child, children, found, chosen, keepsake_form, form, status=400)


@makers
@require_POST
def note_remove(request, pk):
    if not services.remove_note(household=request.household, user=request.user, pk=pk):
        raise Http404
    messages.success(request, _("Note removed."))
    return redirect(reverse("keepsake:page"))


@makers
@require_GET
def book_pdf(request):
    from nestwell.keepsake import pdf  # reportlab only once a book is asked for
    from nestwell.photos.services import read

    child, _children = child_or_404(request)
    chosen = book.choices(child, request.user, timezone.localdate())
    words = book.words(child, chosen, gather.candidates(child, request.user))
    response = HttpResponse(pdf.render(words, read), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="keepsake-book.pdf"'
    return response
