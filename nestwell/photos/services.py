"""Keeping and removing photos: the one place files are written.

A new photo's files are written first, then its row in one transaction that also removes
the photo it replaces; if the row cannot be saved the new files are removed again, so
nothing half-kept is left behind."""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from nestwell.photos import images
from nestwell.photos.models import Photo
from nestwell.photos.signals import remove_files
from nestwell.photos.storage import photo_storage

PhotoRefused = images.PhotoRefused


def refusals():
    return {
        "too_big": _("This photo is larger than %(mb)s MB. Please choose a smaller one, or "
                     "share it from your phone at a smaller size.")
        % {"mb": images.MAX_BYTES // (1024 * 1024)},
        "heic": _("Photos in HEIC format can't be read yet: on iPhone choose Settings › "
                  "Camera › Formats › Most Compatible, or share as JPEG."),
        "not_image": _("This file could not be read as a photo. JPEG, PNG, WebP and HEIC "
                       "pictures are kept."),
        "bomb": _("This picture is far larger than any photo (over %(mp)s megapixels), so it "
                  "was not kept.") % {"mp": images.MAX_PIXELS // 1_000_000},
    }


def read_upload(upload):
    """The bytes of an uploaded file, reading no more than the limit allows."""
    if upload is None:
        raise PhotoRefused(_("Please choose a photo first."))
    if upload.size is not None and upload.size > images.MAX_BYTES:
        raise PhotoRefused(refusals()["too_big"])
    return upload.read(images.MAX_BYTES + 1)


def attach(*, owner, data, user):
    """Keep ``data`` as the photo of ``owner`` (a moment or a first), replacing the one it
    had. Raises ``PhotoRefused`` (nothing kept) for a file that is not a photo we keep."""
    processed = images.process(data, messages=refusals())
    photo = Photo(household_id=owner.household_id, name=secrets.token_urlsafe(24),
                  extension=processed.full.extension, content_type=processed.full.content_type,
                  width=processed.full.width, height=processed.full.height,
                  bytes=len(processed.full.data), created_by=user,
                  **{_field(owner): owner})
    storage = photo_storage()
    written = []
    try:
        for size, copy in (("full", processed.full), ("small", processed.small)):
            written.append(storage.save(photo.file_name(size), ContentFile(copy.data)))
        with transaction.atomic():
            Photo.objects.filter(**{_field(owner): owner}).delete()
            photo.save()
    except BaseException:
        remove_files(written)
        raise
    return photo


@transaction.atomic
def detach(owner):
    """Remove the photo of ``owner`` (its files go once the removal is committed)."""
    return Photo.objects.filter(**{_field(owner): owner}).delete()[0] > 0


def _field(owner):
    return "moment" if owner._meta.model_name == "moment" else "milestone"


def read(photo, size="full"):
    """The bytes of one copy of ``photo``, or None when its file is missing. The caller has
    already checked that the person may see what the photo belongs to."""
    try:
        with photo_storage().open(photo.file_name(size), "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
