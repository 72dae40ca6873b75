"""Your data and the API docs, opened as a person would."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from nestwell.children.models import Child
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_your_data_and_a_token(screen, viewport):
    s = screen(viewport, "data")
    signed_in_with_baby(s)
    page = s.page
    s.go("/account/")
    page.get_by_role("link", name="Your data: download, import, delete").click()
    expect(page.get_by_role("heading", name="Download a copy")).to_be_visible()
    s.shoot("home")
    page.get_by_role("link", name="Delete the household…").click()
    expect(page.get_by_test_id("final-export")).to_be_visible()
    s.shoot("delete")
    s.go("/account/tokens/")
    page.get_by_label("What is it for?").fill("Home button")
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_test_id("new-token")).to_contain_text("nw_")
    s.shoot("token")


@pytest.mark.database_independent  # the API reference, the same on every database
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_api_docs_are_served_locally(screen, viewport):
    s = screen(viewport, "api-docs")
    requests = []
    s.page.on("request", lambda r: requests.append(r.url))
    s.go("/api/v1/docs")
    expect(s.page.get_by_role("heading", name="Nestwell API", level=1)).to_be_visible()
    expect(s.page.get_by_role("heading", name="POST /api/v1/moments", exact=True)).to_be_visible()
    expect(s.page.get_by_role("main")).to_be_visible()
    s.shoot("docs")  # light and dark, each scanned by axe
    assert all(url.startswith(s.base) for url in requests), requests


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_checking_a_baby_buddy_file_says_what_stays_behind_and_in_which_zone(screen, viewport,
                                                                            tmp_path):
    s = screen(viewport, "import-check")
    _user, _household, child = signed_in_with_baby(s)
    # The file's feeds are on the night the clocks went back in 2025: Mila was born by then.
    Child.objects.filter(pk=child.pk).update(birth_at=datetime(2025, 9, 1, 8, 0, tzinfo=UTC))
    page = s.page
    feeds = tmp_path / "feedings.csv"
    feeds.write_text(
        "id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes,tags\n"
        "1,1,Mila,Garcia,2025-10-26 01:30:00,2025-10-26 01:40:00,formula,bottle,3,,night\n"
        "2,1,Mila,Garcia,2025-10-26 01:30:00,2025-10-26 01:45:00,formula,bottle,2,,\n")
    s.go("/household/data/")
    page.locator("#id_file").set_input_files(str(feeds))
    page.locator("#id_format").select_option("babybuddy-csv")
    page.get_by_label("Bottle amounts in the file are in").select_option("oz")
    s.shoot("form")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_test_id("import-report")).to_contain_text("Would create: 2 moments")
    expect(page.get_by_test_id("import-report")).to_contain_text("worth a look")
    expect(page.get_by_test_id("import-zone")).to_contain_text("Europe/London")
    s.shoot("report")
