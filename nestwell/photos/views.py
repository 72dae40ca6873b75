"""Serving photos and adding or removing them: the same checks as the moment or first a
photo belongs to (another household's, or someone else's private letter's, is not found)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.roles import Role
from nestwell.journal.rows import photo_alt
from nestwell.photos import services
from nestwell.photos.models import CAPTION_LIMIT, SIZES
from nestwell.photos.storage import photo_storage


def photo_file(photo, size):
    """The bytes of one copy of ``photo`` as a response only this person's browser keeps
    (the photo already checked as one she may see)."""
    if size not in SIZES:
        raise Http404
    try:
        with photo_storage().open(photo.file_name(size), "rb") as handle:
            data = handle.read()
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = HttpResponse(data, content_type=photo.content_type)
    # Only this person's browser keeps it, and not for long: never a shared cache.
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Disposition"] = f'inline; filename="photo-{photo.pk}.{photo.extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@member_required()
@require_GET
def serve(request, pk, size):
    if size not in SIZES:  # before any query
        raise Http404
    photo = get_object_or_404(services.visible(request.household, request.user).only(
        "pk", "household_id", "moment_id", "milestone_id", "name", "extension",
        "content_type"), pk=pk)
    return photo_file(photo, size)


@member_required(role=Role.CAREGIVER)
@require_POST
def change(request, kind, pk):
    """Add (or replace) the photo of a moment, a letter or a first, or remove it."""
    owner = services.owner(request.household, request.user, kind, pk)
    if "remove" in request.POST:
        if services.detach(owner):
            messages.success(request, _("Photo removed."))
    else:
        try:
            services.attach(owner=owner, user=request.user,
                            data=services.read_upload(request.FILES.get("photo")))
        except services.PhotoRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Photo kept."))
    if kind == "moment":
        return redirect("journal:moment_edit", pk=owner.pk)
    return redirect("journal:milestone_edit", pk=owner.pk)


def _owner_page(photo):
    """The edit page of what the photo belongs to (where its caption is written)."""
    if photo.moment_id is not None:
        return redirect("journal:moment_edit", pk=photo.moment_id)
    return redirect("journal:milestone_edit", pk=photo.milestone_id)


@member_required(role=Role.CAREGIVER)
@require_POST
def caption(request, pk):
    """Add, change or clear the caption of a photo she may change (the same check as
    replacing it). With htmx the photo's part of the page comes back in place; without,
    the edit page again, or on a refusal a small page keeping what she wrote."""
    photo = get_object_or_404(services.visible(request.household, request.user), pk=pk)
    owner = services.owner_of(photo, request.user)
    text = request.POST.get("caption", "")
    error = saved = None
    try:
        services.set_caption(photo, text)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        saved = _("Caption saved.") if photo.caption else _("Caption cleared.")
    context = {"kind": "moment" if photo.moment_id is not None else "first",
               "owner_pk": owner.pk, "photo": photo, "alt": _caption_alt(photo, owner),
               "caption_error": error, "caption_saved": saved,
               "caption_text": text[:CAPTION_LIMIT * 4] if error else None}
    if request.htmx:
        return render(request, "photos/_photo_field.html", context,
                      status=400 if error else 200)
    if error:
        return render(request, "photos/caption.html", context, status=400)
    messages.success(request, saved)
    return _owner_page(photo)


def _caption_alt(photo, owner):
    """The same alternative text as the edit page gives the photo."""
    if photo.moment_id is not None:
        return photo_alt(str(owner.kind_label), owner.note)
    return str(owner.label)
