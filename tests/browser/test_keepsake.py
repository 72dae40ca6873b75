"""Making the keepsake book in the browser: from Insights to the page, a note written for
the book, a few things ticked, the choices kept, and the PDF downloaded with just those."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from nestwell.journal.models import Moment
from nestwell.milestones.models import Milestone
from nestwell.photos import services as photos
from tests.browser.helpers import signed_in_with_baby
from tests.keepsake.conftest import picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_story(user, child):
    written = child.birth_at - timedelta(days=50)
    Moment.objects.create(household=child.household, child=child, kind="letter",
                          started_at=written, ended_at=written, created_by=user, actor=user,
                          note="Dear little one, I felt you kick while it rained.",
                          details={"shared": False})
    Moment.objects.create(household=child.household, child=child, kind="letter",
                          started_at=written, ended_at=written, created_by=user, actor=user,
                          note="A second letter, not for the book.", details={"shared": False})
    smile = Milestone.objects.create(household=child.household, child=child,
                                     kind="first_smile",
                                     happened_on=timezone.localdate() - timedelta(days=3),
                                     note="During the morning song.")
    photos.attach(owner=smile, data=picture(size=(320, 240)), user=user)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_she_makes_a_keepsake_book(screen, viewport):
    s = screen(viewport, "keepsake")
    user, _household, child = signed_in_with_baby(s, name="Mila")
    a_story(user, child)
    page = s.page
    s.go("/insights/")
    page.get_by_role("link", name="Keepsake book").click()
    expect(page.get_by_role("heading", name="A keepsake book for Mila")).to_be_visible()
    s.shoot("start")

    page.get_by_label("Your words").fill("The day the sun came out and you laughed.")
    page.get_by_role("button", name="Keep this note").click()
    expect(page.get_by_role("status")).to_contain_text("Your note is kept")

    page.get_by_label("Title").fill("Mila's little book")
    page.get_by_label("A few words for the cover").fill("For Mila, with love.")
    page.get_by_label("A photo on the cover").select_option(index=1)
    for section, words in (("letters", "I felt you kick"), ("firsts", "First real smile"),
                           ("notes", "the sun came out")):
        page.get_by_test_id(f"section-{section}").locator("label", has_text=words) \
            .locator("input").check()
    page.get_by_role("button", name="Keep my choices").click()
    expect(page.get_by_role("status")).to_contain_text("Your choices are kept")
    expect(page.locator(".keepsake-items input:checked")).to_have_count(3)
    s.shoot("picked")

    with page.expect_download() as download:
        page.get_by_test_id("download-book").click()
    reader = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Mila's little book" in text and "For Mila, with love." in text
    assert "I felt you kick" in text and "First real smile" in text
    assert "the sun came out" in text and "not for the book" not in text
