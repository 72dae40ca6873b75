"""Reading an uploaded picture and making the two copies Nestwell keeps: pure functions of
bytes (Pillow, no Django), so the rules are easy to test.

Every copy is re-encoded from pixels alone: nothing of the original file (EXIF with its GPS
position and device, XMP, ICC, comments, PNG text) is carried over. The EXIF orientation is
applied to the pixels first, so the picture stands the right way up without it.
"""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from nestwell.photos.limits import MAX_BYTES, MAX_PIXELS, PhotoRefused, is_heic

try:  # iPhones' HEIC, when the optional reader is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - it is a dependency; kept for slim installs
    HEIC = False

FULL_SIDE = 2560
SMALL_SIDE = 640
ACCEPTED = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
QUALITY = 85


@dataclass(frozen=True)
class Copy:
    data: bytes
    width: int
    height: int
    content_type: str
    extension: str


@dataclass(frozen=True)
class Processed:
    full: Copy
    small: Copy


def _pixels_only(image, mode):
    """The picture's pixels in a new image that carries nothing else: Pillow writes what an
    image's ``info`` holds (a JPEG comment, XMP, an ICC profile) into the file it saves."""
    converted = image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _encode(image, side):
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if copy.mode in ("RGBA", "LA") or (copy.mode == "P" and "transparency" in copy.info):
        copy = _pixels_only(copy, "RGBA")
        copy.save(out, "WEBP", quality=QUALITY, method=4)
        return Copy(out.getvalue(), copy.width, copy.height, "image/webp", "webp")
    copy = _pixels_only(copy, "RGB")
    copy.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return Copy(out.getvalue(), copy.width, copy.height, "image/jpeg", "jpg")


def process(data, *, messages):
    """The two copies of an uploaded picture (``full`` up to 2560 px, ``small`` up to
    640 px), or ``PhotoRefused`` with one of ``messages`` (a mapping of reason to text:
    too_big, heic, not_image, bomb)."""
    if len(data) > MAX_BYTES:
        raise PhotoRefused(messages["too_big"])
    if not data:
        raise PhotoRefused(messages["not_image"])
    if is_heic(data[:16]) and not HEIC:
        raise PhotoRefused(messages["heic"])
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            if image.format not in ACCEPTED:
                raise PhotoRefused(messages["not_image"])
            if image.width * image.height > MAX_PIXELS:
                raise PhotoRefused(messages["bomb"])
            image.load()
            upright = ImageOps.exif_transpose(image)
            return Processed(full=_encode(upright, FULL_SIDE), small=_encode(upright, SMALL_SIDE))
    except Image.DecompressionBombError as exc:  # past Pillow's own limit, before ours
        raise PhotoRefused(messages["bomb"]) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise PhotoRefused(messages["not_image"]) from exc
