"""An import from the page, the whole way: the file checked as a job, then imported as a
job whose page shows a progress bar that follows the job (htmx, every second) and then what came in
and what stayed behind (issue 12, finding 1)."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.transfer.models import ImportJob
from tests.browser.helpers import signed_in_with_baby

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEEDS = ("id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes,"
         "tags\n"
         "1,1,Mila,Garcia,2025-10-20 01:30:00,2025-10-20 01:40:00,formula,bottle,3,,night\n"
         "2,1,Mila,Garcia,2025-10-20 04:30:00,2025-10-20 04:45:00,breast milk,left breast,,,\n"
         "3,1,Mila,Garcia,2025-10-20 07:30:00,2025-10-20 07:45:00,formula,bottle,2,,\n")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_an_import_from_the_page_runs_as_a_job_and_says_how_it_went(screen, viewport,
                                                                    tmp_path):
    s = screen(viewport, "import-job")
    user, household, child = signed_in_with_baby(s)
    Child.objects.filter(pk=child.pk).update(birth_at=datetime(2025, 9, 1, 8, 0, tzinfo=UTC))
    page = s.page
    feeds = tmp_path / "feedings.csv"
    feeds.write_text(FEEDS)
    s.go("/household/data/")
    page.locator("#id_file").set_input_files(str(feeds))
    page.locator("#id_format").select_option("babybuddy-csv")
    page.get_by_role("button", name="Check the file").click()
    # The check is a job too; tests run jobs at once, so its page opens on what it found.
    expect(page.get_by_test_id("import-report")).to_contain_text("Would create: 3 moments")
    s.shoot("checked")
    page.get_by_role("button", name="Import these").click()
    # Tests run jobs at once: the job's page opens on its result.
    expect(page.get_by_test_id("import-result")).to_contain_text("3 moments")
    assert Moment.objects.filter(household=household).count() == 3
    s.shoot("result")

    # A big file being checked: the bar follows how much of the file has been read, and
    # the page turns into what the check found when it is done.
    checking = ImportJob.objects.create(
        household=household, started_by=user, file_name="babybuddy-feedings.csv",
        path="/nowhere", state="running", dry_run=True,
        options={"format": "babybuddy-csv", "time_zone": "Europe/Berlin"},
        progress={"phase": "checking", "done": 24000, "total": 0, "read": 6_000_000,
                  "bytes": 15_000_000})
    s.go(f"/household/data/import/{checking.pk}/")
    expect(page.locator("progress.import-bar")).to_have_attribute("value", "40")
    expect(page.get_by_test_id("import-progress")).to_contain_text("24,000 rows checked")
    s.shoot("checking")
    ImportJob.objects.filter(pk=checking.pk).update(state="done", report={
        "created": {"moment": 40000}, "rejected": 0, "rows": 48000,
        "lines": ["Would create: 40000 moments", "Skipped: 130"]})
    expect(page.get_by_test_id("import-report")).to_contain_text("Would create: 40000",
                                                                timeout=5000)
    expect(page.get_by_test_id("import-checked")).not_to_contain_text("Import these")

    # A big import on its way: the bar follows the job, and the page turns into the
    # result when the job is done, without her doing anything.
    job = ImportJob.objects.create(
        household=household, started_by=user, file_name="babybuddy-feedings.csv",
        path="/nowhere", state="running", options={"rows": 48000,
                                                   "created": {"moment": 40000}},
        progress={"phase": "saving", "done": 18000, "total": 40000,
                  "kinds": {"moment": [18000, 40000]}})
    s.go(f"/household/data/import/{job.pk}/")
    bar = page.locator("progress.import-bar")
    expect(bar).to_have_attribute("value", "72")
    expect(page.get_by_test_id("import-progress")).to_contain_text("18,000 of 40,000 rows")
    s.shoot("saving")
    ImportJob.objects.filter(pk=job.pk).update(progress={
        "phase": "saving", "done": 30000, "total": 40000, "kinds": {"moment": [30000, 40000]}})
    expect(bar).to_have_attribute("value", "87", timeout=5000)
    ImportJob.objects.filter(pk=job.pk).update(state="done", report={
        "applied": True, "created": {"moment": 40000}, "duplicates": 12, "skipped": 130,
        "skipped_reasons": {"Baby Buddy nappy changes: Nestwell does not keep them.": 130}})
    expect(page.get_by_test_id("import-result")).to_contain_text("40,000 moments",
                                                                timeout=5000)
    expect(page.get_by_test_id("import-result")).to_contain_text("130 × Baby Buddy nappy")
    s.shoot("big-result")
    s.go("/household/data/")
    expect(page.get_by_test_id("recent-imports")).to_contain_text("babybuddy-feedings.csv")
