"""Photos over the API: the same checks as the pages (``services.visible`` to see one,
``services.owner`` to add, change or remove one) and the same upload rules (size, type,
metadata stripped), all in the photos services; these functions only translate."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from nestwell.api.common import Body, Id, Paging, page, paged, writer
from nestwell.photos import services
from nestwell.photos.limits import MAX_BYTES
from nestwell.photos.models import CAPTION_LIMIT
from nestwell.photos.views import photo_file

router = Router(tags=["photos"])


class PhotoOut(Schema):
    id: int
    moment: Id | None = Field(..., description="The moment (or letter) it belongs to")
    milestone: int | None = Field(..., description="The first it belongs to")
    caption: str
    content_type: str
    width: int
    height: int
    bytes: int = Field(..., description="Size of the full copy")
    created_at: datetime
    file: str = Field(..., description="Where to download the picture (add ?size=small "
                      "for the copy of at most 640 px)")


class PhotoFilter(Schema):
    moment: Id | None = Field(None, description="Only the photo of this moment or letter")
    milestone: int | None = Field(None, description="Only the photo of this first")


class PhotoPatch(Body):
    caption: str = Field(..., max_length=CAPTION_LIMIT)


def photo_out(p):
    return {"id": p.pk, "moment": p.moment_id, "milestone": p.milestone_id,
            "caption": p.caption, "content_type": p.content_type, "width": p.width,
            "height": p.height, "bytes": p.bytes, "created_at": p.created_at,
            "file": f"/api/v1/photos/{p.pk}/file"}


def _visible(request):
    return services.visible(request.household, request.user)


def _photo(request, photo_id):
    return get_object_or_404(_visible(request), pk=photo_id)


@router.get("/photos", summary="The photos you may see, newest first", **paged("PhotoOut"))
def list_photos(request, paging: Query[Paging], filters: Query[PhotoFilter]):
    rows = _visible(request)
    if filters.moment is not None:
        rows = rows.filter(moment_id=filters.moment)
    if filters.milestone is not None:
        rows = rows.filter(milestone_id=filters.milestone)
    return page(rows.order_by("-created_at", "-pk"), paging, photo_out)


@router.get("/photos/{int:photo_id}", response=PhotoOut)
def get_photo(request, photo_id: int):
    return photo_out(_photo(request, photo_id))


@router.get("/photos/{int:photo_id}/file", summary="The picture itself (JPEG or WebP)",
            openapi_extra={"responses": {200: {"description": "The picture's bytes", "content": {
                "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                "image/webp": {"schema": {"type": "string", "format": "binary"}}}}}})
def download_photo(request, photo_id: int, size: Literal["full", "small"] = "full"):
    return photo_file(_photo(request, photo_id), size)


@router.post("/photos", response={201: PhotoOut},
             summary="Keep a photo with a moment, a letter or a first (replacing its photo)",
             description=f"A multipart form: `photo` (the file, JPEG, PNG, WebP or HEIC, at "
             f"most {MAX_BYTES // (1024 * 1024)} MB), and `moment` or `milestone`. It is "
             "re-encoded without any metadata (GPS position, device).")
def upload_photo(request, photo: File[UploadedFile],
                 moment: Form[int | None] = None, milestone: Form[int | None] = None,
                 caption: Form[str] = ""):
    writer(request)
    if (moment is None) == (milestone is None):
        raise ValidationError({"moment": ["Give either moment or milestone."]})
    owner = (services.owner(request.household, request.user, "moment", moment)
             if moment is not None
             else services.owner(request.household, request.user, "first", milestone))
    try:
        kept = services.attach(owner=owner, user=request.user, caption=caption,
                               data=services.read_upload(photo))
    except services.PhotoRefused as exc:
        raise ValidationError({"photo": [str(exc)]}) from exc
    return Status(201, photo_out(kept))


@router.patch("/photos/{int:photo_id}", response=PhotoOut, summary="Change a photo's caption")
def update_photo(request, photo_id: int, payload: PhotoPatch):
    writer(request)
    photo = _photo(request, photo_id)
    services.owner_of(photo, request.user)
    return photo_out(services.set_caption(photo, payload.caption))


@router.delete("/photos/{int:photo_id}", response={204: None})
def delete_photo(request, photo_id: int):
    writer(request)
    services.detach(services.owner_of(_photo(request, photo_id), request.user))
    return Status(204, None)
