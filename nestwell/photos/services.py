"""Keeping and removing photos: the one place files are written.

A new photo's files are written first, then its row in one transaction that also removes
the photo it replaces; if the row cannot be saved the new files are removed again, so
nothing half-kept is left behind."""

import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.photos.limits import PhotoRefused
from nestwell.photos.models import CAPTION_LIMIT, Photo
from nestwell.photos.signals import remove_files
from nestwell.photos.storage import photo_storage


def _images():
    """Pillow and the HEIC reader, loaded by the first photo a process reads, not at start
    (some 6 MB of every server process that never sees one). The limits are read from here
    too, so that a test that lowers them lowers them everywhere."""
    from nestwell.photos import images

    return images


def refusals():
    return {
        "too_big": _("This photo is larger than %(mb)s MB. Please choose a smaller one, or "
                     "share it from your phone at a smaller size.")
        % {"mb": _images().MAX_BYTES // (1024 * 1024)},
        "heic": _("Photos in HEIC format can't be read yet: on iPhone choose Settings › "
                  "Camera › Formats › Most Compatible, or share as JPEG."),
        "not_image": _("This file could not be read as a photo. JPEG, PNG, WebP and HEIC "
                       "pictures are kept."),
        "bomb": _("This picture is far larger than any photo (over %(mp)s megapixels), so it "
                  "was not kept.") % {"mp": _images().MAX_PIXELS // 1_000_000},
    }


def read_upload(upload):
    """The bytes of an uploaded file, reading no more than the limit allows."""
    if upload is None:
        raise PhotoRefused(_("Please choose a photo first."))
    if upload.size is not None and upload.size > _images().MAX_BYTES:
        raise PhotoRefused(refusals()["too_big"])
    return upload.read(_images().MAX_BYTES + 1)


def visible(household, user):
    """The photos this person may see: those of the household's firsts, and of its moments
    she may read (not someone else's private letter, nor a moment removed while its undo
    is still possible)."""
    moments = Moment.objects.alive().readable_by(user).filter(household=household)
    return Photo.objects.filter(household=household).filter(
        Q(milestone__isnull=False) | Q(moment__in=moments.values("pk")))


def owner(household, user, kind, pk):
    """The moment ("moment", a letter too) or first ("first") this person may give a photo,
    else 404: another household's, someone else's letter, a moment removed."""
    if kind == "moment":
        return get_object_or_404(Moment.objects.alive().editable_by(user), pk=pk,
                                 household=household)
    if kind == "first":
        return get_object_or_404(Milestone, pk=pk, household=household)
    raise Http404


def owner_of(photo, user):
    """What ``photo`` belongs to, if this person may change it (else 404)."""
    if photo.moment_id is not None:
        return owner(photo.household_id, user, "moment", photo.moment_id)
    return owner(photo.household_id, user, "first", photo.milestone_id)


def clean_caption(caption):
    caption = (caption or "").strip()
    if len(caption) > CAPTION_LIMIT:
        raise ValidationError({"caption": _(
            "A caption can be up to %(n)s characters; this one has %(count)s. Nothing "
            "was changed.") % {"n": CAPTION_LIMIT, "count": len(caption)}})
    if "\x00" in caption:
        raise ValidationError({"caption": _("This caption has a character that cannot be "
                                            "kept.")})
    return caption


@transaction.atomic
def set_caption(photo, caption):
    photo.caption = clean_caption(caption)
    photo.save(update_fields=["caption"])
    return photo


def attach(*, owner, data, user, caption=""):
    """Keep ``data`` as the photo of ``owner`` (a moment or a first), replacing the one it
    had. Raises ``PhotoRefused`` (nothing kept) for a file that is not a photo we keep."""
    caption = clean_caption(caption)
    processed = _images().process(data, messages=refusals())
    photo = Photo(household_id=owner.household_id, name=secrets.token_urlsafe(24),
                  extension=processed.full.extension, content_type=processed.full.content_type,
                  width=processed.full.width, height=processed.full.height,
                  bytes=len(processed.full.data), created_by=user, caption=caption,
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
