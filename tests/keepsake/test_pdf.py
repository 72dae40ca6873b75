"""The copy of a photo made for the page: sized for print, never enlarged, never failing
the book."""

import io

from PIL import Image

from nestwell.keepsake import pdf
from tests.keepsake.conftest import picture


def size(data):
    with Image.open(io.BytesIO(data)) as image:
        return image.format, image.size


def test_a_large_photo_is_printed_from_a_copy_for_its_size():
    data = picture(size=(2560, 1920))
    kind, (w, h) = size(pdf.print_copy(data, 360, 270))  # 5 × 3.75 inches
    assert kind == "JPEG" and (w, h) == (5 * pdf.PRINT_DPI, round(3.75 * pdf.PRINT_DPI))


def test_a_small_photo_is_never_enlarged():
    assert size(pdf.print_copy(picture(size=(64, 48)), 360, 270))[1] == (64, 48)


def test_bytes_that_are_no_picture_leave_the_photo_out():
    assert pdf.print_copy(b"not a picture", 100, 100) is None
