"""Photos in the household's CSV zip export: each kept photo (its full copy, already free
of metadata) under ``photos/``, and ``photos.csv`` saying what each belongs to. Only the
photos of what the export holds (so never another member's private letter's)."""

import io

from django.db.models import Q

from nestwell.lib import spreadsheet
from nestwell.photos.models import Photo
from nestwell.photos.storage import photo_storage

COLUMNS = ["file", "moment_id", "milestone_id", "width", "height", "content_type",
           "created_at", "caption"]


def photos_of(moments, milestones):
    return (Photo.objects.filter(Q(moment__in=moments.values("pk"))
                                 | Q(milestone__in=milestones.values("pk")))
            .order_by("pk"))


def write_photos(archive, moments, milestones):
    """Add the photos of ``moments`` and ``milestones`` (querysets) to a ``ZipFile``."""
    storage = photo_storage()
    text = io.StringIO()
    writer = spreadsheet.writer(text)  # a caption is her own words: never a formula
    writer.writerow(COLUMNS)
    for photo in photos_of(moments, milestones).iterator(200):
        owner = f"moment-{photo.moment_id}" if photo.moment_id else f"first-{photo.milestone_id}"
        member = f"photos/{owner}.{photo.extension}"
        try:
            with storage.open(photo.file_name("full"), "rb") as handle:
                archive.writestr(member, handle.read())
        except FileNotFoundError:
            member = ""  # listed, so the loss is visible, but there is no file to add
        writer.writerow([member, photo.moment_id or "", photo.milestone_id or "",
                         photo.width, photo.height, photo.content_type,
                         photo.created_at.isoformat(), photo.caption])
    archive.writestr("photos.csv", text.getvalue())
