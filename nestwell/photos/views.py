"""Serving photos and adding or removing them: the same checks as the moment or first a
photo belongs to (another household's, or someone else's private letter's, is not found)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from nestwell.accounts.decorators import member_required
from nestwell.accounts.roles import Role
from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.photos import services
from nestwell.photos.models import SIZES, Photo
from nestwell.photos.storage import photo_storage


def _readable(request, pk):
    """The photo ``pk`` if this person may see what it belongs to, else 404."""
    photo = get_object_or_404(Photo.objects.only(
        "pk", "household_id", "moment_id", "milestone_id", "name", "extension",
        "content_type"), pk=pk, household=request.household)
    hidden = photo.moment_id is not None and not (
        Moment.objects.alive().readable_by(request.user)
        .filter(pk=photo.moment_id, household=request.household).exists())
    if hidden:  # someone else's private letter, or a moment removed (undo still possible)
        raise Http404
    return photo


@member_required()
@require_GET
def serve(request, pk, size):
    if size not in SIZES:
        raise Http404
    photo = _readable(request, pk)
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


def _owner(request, kind, pk):
    if kind == "moment":
        return get_object_or_404(Moment.objects.alive().editable_by(request.user), pk=pk,
                                 household=request.household)
    if kind == "first":
        return get_object_or_404(Milestone, pk=pk, household=request.household)
    raise Http404


@member_required(role=Role.CAREGIVER)
@require_POST
def change(request, kind, pk):
    """Add (or replace) the photo of a moment, a letter or a first, or remove it."""
    owner = _owner(request, kind, pk)
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
