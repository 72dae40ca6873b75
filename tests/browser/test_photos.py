"""A photo with a first and with a moment: chosen from the phone's pictures, shown as a
thumbnail on the firsts page and the timeline, removed again; phone and desktop."""

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from nestwell.journal import services as journal
from nestwell.milestones import services as milestones
from nestwell.photos.models import Photo
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def photo_dir(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "photos": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "photos")}}}


def picture(colour):
    """A soft gradient, 1200 × 900, as a phone's JPEG."""
    image = Image.new("RGB", (1200, 900), colour)
    for x in range(0, 1200, 8):
        shade = tuple(min(255, c + x // 12) for c in colour)
        image.paste(shade, (x, 0, x + 8, 900))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return {"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_photo_with_a_first_and_a_moment(screen, viewport):
    s = screen(viewport, "photos")
    user, _household, child = signed_in_with_baby(s, name="Mila")
    page = s.page
    first = milestones.add_milestone(child=child, kind="first_smile", user=user,
                                     happened_on=timezone.localdate() - timedelta(days=3),
                                     note="Looking right at me")
    bath = journal.log_moment(child=child, kind="bath", user=user,
                              started_at=timezone.now() - timedelta(minutes=30),
                              note="Splashing with both feet")

    s.go(f"/milestones/{first.pk}/")
    expect(page.get_by_role("heading", name="Photo")).to_be_visible()
    s.shoot("first-empty")
    page.get_by_label("Add a photo").set_input_files(picture((200, 140, 120)))
    page.get_by_role("button", name="Keep this photo").click()
    expect(page.get_by_role("status")).to_contain_text("Photo kept")
    expect(page.locator("img.photo-preview")).to_be_visible()
    s.shoot("first-with-photo")

    s.go("/milestones/")
    thumb = page.locator("img.photo-thumb")
    expect(thumb).to_have_count(1)
    expect(thumb).to_have_attribute("alt", "Photo: First real smile")
    assert thumb.evaluate("img => img.naturalWidth") > 0
    s.shoot("firsts")

    s.go(f"/moments/{bath.pk}/edit/")
    page.get_by_label("Add a photo").set_input_files(picture((90, 130, 190)))
    page.get_by_role("button", name="Keep this photo").click()
    expect(page.get_by_role("status")).to_contain_text("Photo kept")

    # Text pretending to be a photo: a kind word, nothing else changes.
    page.get_by_label("Choose another photo").set_input_files(
        {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"just some words"})
    page.get_by_role("button", name="Replace photo").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status"))).to_contain_text(
        "could not be read as a photo")
    s.shoot("moment-refused")

    # the bath's own day: half an hour ago is yesterday just after midnight
    day = timezone.localtime(bath.started_at, ZoneInfo(_household.time_zone)).date()
    s.go(f"/timeline/?day={day}")
    thumb = page.locator("[data-kind=bath] img.photo-thumb")
    expect(thumb).to_have_attribute("alt", "Photo: Bath, Splashing with both feet")
    thumb.scroll_into_view_if_needed()
    expect(thumb).to_be_visible()
    assert thumb.evaluate("img => img.naturalWidth") > 0
    s.shoot("timeline")

    # A letter, kept to herself: its photo too.
    letter = journal.log_moment(child=child, kind="letter", user=user,
                                note="Today you held my finger the whole walk home.")
    s.go(f"/moments/{letter.pk}/edit/")
    page.get_by_label("Add a photo").set_input_files(picture((120, 170, 120)))
    page.get_by_role("button", name="Keep this photo").click()
    expect(page.get_by_role("status")).to_contain_text("Photo kept")
    s.go(f"/letters/?child={child.pk}")
    expect(page.locator("img.photo-thumb")).to_have_attribute(
        "alt", "Photo kept with this letter")
    s.shoot("letters")

    s.go(f"/moments/{bath.pk}/edit/")
    page.get_by_role("button", name="Remove photo").click()
    expect(page.get_by_role("status")).to_contain_text("Photo removed")
    assert Photo.objects.filter(moment=bath).count() == 0
    assert Photo.objects.filter(milestone=first).count() == 1


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_caption_written_beside_the_photo(screen, viewport):
    """With htmx the photo's part of the page is swapped in place; a caption too long is
    refused with her words kept; clearing it leaves none."""
    s = screen(viewport, "photo-caption")
    user, _household, child = signed_in_with_baby(s, name="Mila")
    page = s.page
    first = milestones.add_milestone(child=child, kind="first_smile", user=user,
                                     happened_on=timezone.localdate() - timedelta(days=3))
    s.go(f"/milestones/{first.pk}/")
    page.get_by_label("Add a photo").set_input_files(picture((200, 140, 120)))
    page.get_by_role("button", name="Keep this photo").click()
    expect(page.locator("img.photo-preview")).to_be_visible()

    field = page.get_by_label("Caption", exact=True)
    field.fill("Her first real smile, at the kitchen window")
    page.get_by_role("button", name="Save caption").click()
    expect(page.locator("#photo-field").get_by_role("status")).to_contain_text("Caption saved")
    expect(page.get_by_label("Caption", exact=True)).to_have_value(
        "Her first real smile, at the kitchen window")
    assert Photo.objects.get(milestone=first).caption == (
        "Her first real smile, at the kitchen window")
    s.shoot("saved")

    # Past the limit (the field stops at 200, so a pasted-in longer one is sent as is).
    page.get_by_label("Caption", exact=True).evaluate(
        "el => { el.removeAttribute('maxlength'); el.value = 'x'.repeat(230); }")
    page.get_by_role("button", name="Save caption").click()
    expect(page.locator("#photo-field").get_by_role("alert")).to_contain_text(
        "up to 200 characters; this one has 230")
    expect(page.get_by_label("Caption", exact=True)).to_have_value("x" * 230)
    assert Photo.objects.get(milestone=first).caption.startswith("Her first")
    s.errors[:] = [e for e in s.errors if "status of 400" not in e]  # the refusal itself
    s.shoot("too-long")

    page.get_by_label("Caption", exact=True).fill("")
    page.get_by_role("button", name="Save caption").click()
    expect(page.locator("#photo-field").get_by_role("status")).to_contain_text(
        "Caption cleared")
    assert Photo.objects.get(milestone=first).caption == ""

    # As a browser without JavaScript sends it (the form's own submit, which htmx does not
    # see): a refusal is a page of its own that keeps her words, and saving from there goes
    # back to the first.
    def send_plainly():
        with page.expect_navigation():
            page.locator("[data-testid=photo-caption]").evaluate("f => f.submit()")

    page.get_by_label("Caption", exact=True).evaluate(
        "el => { el.removeAttribute('maxlength'); el.value = 'y'.repeat(205); }")
    send_plainly()
    expect(page.get_by_role("heading", name="A caption for this photo")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("this one has 205")
    expect(page.get_by_label("Caption", exact=True)).to_have_value("y" * 205)
    s.errors[:] = [e for e in s.errors if "status of 400" not in e]
    s.shoot("no-script-refused")
    page.get_by_label("Caption", exact=True).fill("Smiling at the window")
    send_plainly()
    expect(page.get_by_role("status").first).to_contain_text("Caption saved")
    assert page.url.endswith(f"/milestones/{first.pk}/")
    assert Photo.objects.get(milestone=first).caption == "Smiling at the window"
