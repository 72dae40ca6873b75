"""Rachel adopted Eli at three weeks: she says so on his page, and the support page, Today
and the first-hour page follow; on a phone and a desktop, light and dark."""

import pytest
from playwright.sync_api import expect

from nestwell.children.models import Child
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_baby_born_to_someone_else(screen, viewport):
    s = screen(viewport, "born-to-another", timezone_id="America/Toronto")
    _user, _household, child = signed_in_with_baby(s, name="Eli")
    page = s.page
    s.go(f"/children/{child.pk}/edit/")
    box = page.get_by_label("Born to someone else: adopted, fostered or through surrogacy")
    box.check()
    s.shoot("form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
    assert Child.objects.get(pk=child.pk).born_to_another
    s.go("/")
    expect(page.get_by_role("button", name="Bottle")).to_be_visible()
    expect(page.get_by_role("button", name="Feed · left")).to_have_count(0)
    s.go("/support/?from=checkin")
    expect(page.get_by_test_id("worried-about-baby")).to_be_visible()
    expect(page.get_by_test_id("worried-after-birth")).to_have_count(0)
    s.shoot("support")
    s.go(f"/children/{child.pk}/first-hour/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your first times together")
    s.shoot("first-times")
