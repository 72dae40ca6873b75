"""The pure picture rules: metadata gone from the bytes, orientation applied, bad files
refused with the right reason."""

import io

import pytest
from PIL import Image

from nestwell.photos import images

MESSAGES = {"too_big": "too big", "heic": "heic", "not_image": "not an image", "bomb": "bomb"}


def jpeg_with_exif(width=40, height=20, orientation=1, colour=(200, 30, 30)):
    """A JPEG with EXIF: a GPS position, the phone's make and model, an orientation."""
    image = Image.new("RGB", (width, height), colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"      # Make
    exif[0x0110] = "Phone 15 Pro"    # Model
    exif[0x0112] = orientation       # Orientation
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at home")
    return out.getvalue()


def test_metadata_is_gone_from_both_copies():
    original = jpeg_with_exif()
    assert b"Exif" in original and b"Phone 15 Pro" in original
    done = images.process(original, messages=MESSAGES)
    for copy in (done.full, done.small):
        assert b"Exif" not in copy.data
        assert b"Phone 15 Pro" not in copy.data and b"PhoneMaker" not in copy.data
        assert b"taken at home" not in copy.data
        with Image.open(io.BytesIO(copy.data)) as stored:
            assert not stored.getexif()
            assert "exif" not in stored.info and "comment" not in stored.info
        assert copy.content_type == "image/jpeg"


def test_orientation_is_applied_to_the_pixels():
    # Orientation 6: the camera was turned; the picture stands upright once rotated 90°.
    done = images.process(jpeg_with_exif(40, 20, orientation=6), messages=MESSAGES)
    assert (done.full.width, done.full.height) == (20, 40)


def test_copies_are_sized_down_but_never_up():
    big = io.BytesIO()
    Image.new("RGB", (3000, 1500), (1, 2, 3)).save(big, "PNG")
    done = images.process(big.getvalue(), messages=MESSAGES)
    assert (done.full.width, done.full.height) == (2560, 1280)
    assert (done.small.width, done.small.height) == (640, 320)
    small = images.process(jpeg_with_exif(40, 20), messages=MESSAGES)
    assert (small.small.width, small.small.height) == (40, 20)


def test_transparent_png_is_kept_as_webp():
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(out, "PNG")
    done = images.process(out.getvalue(), messages=MESSAGES)
    assert done.full.content_type == "image/webp"


@pytest.mark.parametrize(("data", "reason"), [
    (b"Dear Nora, this is a letter, not a photo.", "not an image"),
    (b"", "not an image"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 64, "not an image"),  # a JPEG cut short at the start
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "not an image"),
])
def test_files_that_are_not_photos_are_refused(data, reason):
    with pytest.raises(images.PhotoRefused, match=reason):
        images.process(data, messages=MESSAGES)


def test_too_big_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 100)
    with pytest.raises(images.PhotoRefused, match="too big"):
        images.process(jpeg_with_exif() + b"\x00" * 200, messages=MESSAGES)


def bomb():
    """A small PNG whose header claims 20000 x 20000 pixels (400 megapixels)."""
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG")
    return out.getvalue()


def test_a_decompression_bomb_is_refused_from_its_header():
    data = bomb()
    assert len(data) < 200_000
    with pytest.raises(images.PhotoRefused, match="bomb"):
        images.process(data, messages=MESSAGES)


def test_a_picture_just_over_our_limit_but_under_pillows_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 100)
    with pytest.raises(images.PhotoRefused, match="bomb"):
        images.process(jpeg_with_exif(20, 20), messages=MESSAGES)


def test_heic_from_an_iphone_is_converted():
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (64, 32), (10, 200, 10)).save(out, "HEIF")
    assert out.getvalue()[4:12] == b"ftypheic"
    done = images.process(out.getvalue(), messages=MESSAGES)
    assert done.full.content_type == "image/jpeg" and done.full.width == 64


def test_xmp_and_icc_are_not_carried_over():
    out = io.BytesIO()
    Image.new("RGB", (30, 30), (5, 5, 5)).save(
        out, "PNG", pnginfo=_text_chunk("XML:com.adobe.xmp", "<x:xmpmeta>GPS here</x:xmpmeta>"),
        icc_profile=b"\x00" * 128)
    done = images.process(out.getvalue(), messages=MESSAGES)
    assert b"xmpmeta" not in done.full.data and b"GPS here" not in done.full.data
    with Image.open(io.BytesIO(done.full.data)) as stored:
        assert "icc_profile" not in stored.info and "xmp" not in stored.info


def _text_chunk(key, value):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt(key, value)
    return info
