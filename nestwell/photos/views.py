"""Serving photos and adding or removing them: the same checks as the moment or first a
photo belongs to (another household's, or someone else's private letter's, is not found)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.roles import Role
from nestwell.photos import services
from nestwell.photos.models import SIZES
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
