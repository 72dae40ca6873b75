"""A PDF asked for in Arabic from the screens is printed in Arabic: the protocol page
offers its download with no note about English, and the file holds Arabic in the embedded
fonts (issue 19, item 8). Screenshots of the page (phone and desktop, light and dark)."""

import pytest
from playwright.sync_api import expect

from tests import pdf_check
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_protocol_pdf_downloads_in_arabic(screen, viewport):
    s = screen(viewport, "pdf-ar")
    user, _household, child = signed_in_with_baby(s)
    user.language = "ar"
    user.save()
    s.go(f"/insights/protocol/?child={child.pk}")
    expect(s.page.get_by_test_id("protocol-pdf")).to_be_visible()
    assert s.page.get_by_test_id("pdf-in-english").count() == 0
    s.shoot("protocol")
    with s.page.expect_download() as download:
        s.page.get_by_test_id("protocol-pdf").click()
    with open(download.value.path(), "rb") as f:
        content = f.read()
    assert pdf_check.joined(content) and all(pdf_check.fonts(content).values())
    s.go(f"/keepsake/?child={child.pk}")
    assert s.page.get_by_test_id("pdf-in-english").count() == 0
    s.shoot("keepsake")
