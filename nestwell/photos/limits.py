"""What a photo may be, without Pillow: the pages, the API and the services read these
limits at start, and Pillow (with the HEIC reader, some 6 MB of every server process) is
loaded only when a photo is actually read (``nestwell.photos.images``)."""

MAX_BYTES = 15 * 1024 * 1024
# More pixels than this is refused (a decompression bomb) from the header alone, before
# any pixel is decoded: 50 megapixels is more than any phone takes.
MAX_PIXELS = 50_000_000


def is_heic(head: bytes) -> bool:
    """Whether a file's first 16 bytes are those of an HEIC/HEIF picture (ISO media)."""
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"hevx",
                                                    b"mif1", b"msf1")


class PhotoRefused(Exception):
    """The file is not a picture Nestwell keeps; the message is for people."""
