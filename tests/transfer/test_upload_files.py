"""Uploaded files: a size limit with a kind 413, a kind word for a file that is not UTF-8,
and no upload ever left on disk (issue 12, findings 1, 5 and 6)."""

import os
import time
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nestwell.journal.models import Moment
from nestwell.transfer import load, uploads
from nestwell.transfer.models import ImportJob

FEEDS = (b"id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes\n"
         b"1,1,Nora,Garcia,2025-06-01 10:00:00,2025-06-01 10:10:00,breast milk,left breast,,\n")


@pytest.fixture(autouse=True)
def empty_folder():
    for path in uploads.folder().glob("*"):
        path.unlink()


def left_behind():
    return sorted(p.name for p in uploads.folder().glob("*"))


def check(client, data, name="feedings.csv", fmt="babybuddy-csv"):
    """Upload a file for a check: the check runs as a job (at once in tests); the answer
    is its page."""
    return client.post("/household/data/import/", {
        "file": SimpleUploadedFile(name, data), "format": fmt}, follow=True)


def run(client):
    """Press "Import these" on her latest check."""
    checked = ImportJob.objects.filter(dry_run=True).latest("pk")
    return client.post("/household/data/import/run/", {"check": checked.pk})


@pytest.fixture
def born_before_the_rows(nora):
    """The sample rows are from June 2025: Nora was born before them."""
    nora.birth_at = datetime(2025, 5, 1, tzinfo=UTC)
    nora.save()


@pytest.mark.usefixtures("born_before_the_rows")
def test_a_checked_file_waits_for_the_import_then_is_gone(client_for, alice, nora):
    client = client_for(alice)
    page = check(client, FEEDS)
    assert page.status_code == 200 and "Would create: 1 moment" in page.content.decode()
    assert len(left_behind()) == 1
    check(client, FEEDS)  # checked again: the first copy goes
    assert len(left_behind()) == 1
    assert run(client).status_code == 302
    assert Moment.objects.count() == 1 and left_behind() == []


@pytest.mark.parametrize("data", [b"", b"hello\n", FEEDS.replace(b"left breast", b"x")
                                  .replace(b"2025-06-01 10:10", b"2025-06-01 09:10")])
def test_a_refused_or_rejected_file_is_not_kept(client_for, alice, nora, data):
    check(client_for(alice), data)
    assert left_behind() == []


def test_a_crash_while_checking_leaves_no_file(client_for, alice, nora, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(load, "load", broken)
    client = client_for(alice)
    page = check(client, FEEDS)
    assert page.status_code == 200 and 'data-testid="import-failed"' in page.content.decode()
    assert "boom" not in page.content.decode()
    assert left_behind() == []


def test_a_file_over_the_limit_gets_a_kind_413_and_is_not_stored(client_for, alice, nora,
                                                                  settings):
    settings.NESTWELL_IMPORT_MAX_MB = 1
    page = check(client_for(alice), FEEDS + b"#" * (2 * 1024 * 1024))
    assert page.status_code == 413
    text = page.content.decode()
    assert "larger than the 1 MB" in text and "Traceback" not in text
    assert left_behind() == []


def test_a_file_that_is_not_utf8_gets_a_kind_word(client_for, alice, nora):
    page = check(client_for(alice), FEEDS.replace(b"Nora", "Nóra".encode("latin-1")))
    text = page.content.decode()
    assert 'data-testid="import-failed"' in text and "CSV UTF-8" in text
    assert "codec" not in text and left_behind() == []


def test_abandoned_uploads_are_swept_up_on_a_schedule(settings):
    from huey.api import PeriodicTask

    from nestwell.ops import tasks

    old, new = uploads.folder() / "a.upload", uploads.folder() / "b.upload"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    hours_ago = time.time() - (settings.NESTWELL_IMPORT_KEEP_HOURS + 1) * 3600
    os.utime(old, (hours_ago, hours_ago))
    assert issubclass(tasks.sweep_imports.task_class, PeriodicTask)
    assert tasks.sweep_imports.call_local() == 1
    assert left_behind() == ["b.upload"]


@pytest.mark.usefixtures("born_before_the_rows")
def test_the_check_names_the_zone_and_honours_her_choice_of_zone_and_unit(client_for, alice,
                                                                          nora):
    from datetime import UTC, datetime

    client = client_for(alice)
    bottle = FEEDS.replace(b"breast milk,left breast,,", b"formula,bottle,3,")
    page = client.post("/household/data/import/", {
        "file": SimpleUploadedFile("feedings.csv", bottle), "format": "babybuddy-csv",
        "amount_unit": "oz", "time_zone": "America/New_York"}, follow=True)
    assert "Times without a zone were read as America/New_York time" in page.content.decode()
    run(client)
    feed = Moment.objects.get()
    assert feed.details["amount_ml"] == 89
    assert feed.started_at == datetime(2025, 6, 1, 14, 0, tzinfo=UTC)  # 10:00 in New York


@pytest.mark.usefixtures("born_before_the_rows")
def test_her_choice_of_weight_and_length_units_reaches_a_baby_buddy_growth_file(client_for,
                                                                              alice, nora):
    from nestwell.growth.models import Measurement

    client = client_for(alice)
    weights = (b"id,child_id,child_first_name,child_last_name,weight,date,notes,tags\n"
               b"1,1,Nora,Garcia,7.5,2025-06-02,,\n")
    heights = (b"id,child_id,child_first_name,child_last_name,height,date,notes\n"
               b"1,1,Nora,Garcia,20,2025-06-02,\n")
    for name, data in (("weight.csv", weights), ("height.csv", heights)):
        page = client.post("/household/data/import/", {
            "file": SimpleUploadedFile(name, data), "format": "babybuddy-csv",
            "weight_unit": "lb", "length_unit": "in"}, follow=True)
        assert page.status_code == 200
        run(client)
    weight, length = (Measurement.objects.exclude(**{f"{f}__isnull": True}).get()
                      for f in ("weight_grams", "length_mm"))
    assert weight.weight_grams == 3402  # 7.5 lb
    assert length.length_mm == 508  # 20 in
    assert "7.5 lb" in weight.note


def test_a_unit_not_offered_is_refused_and_nothing_is_checked(client_for, alice):
    page = client_for(alice).post("/household/data/import/", {
        "file": SimpleUploadedFile("weight.csv", b"x"), "format": "babybuddy-csv",
        "weight_unit": "stone"})
    assert page.status_code == 400
    assert "Select a valid choice" in page.content.decode()
    assert not ImportJob.objects.exists()


def test_the_import_s_units_start_at_hers(client_for, alice, household):
    """A US mother's Baby Buddy keeps ounces, pounds and inches; the form offered ml, kg
    and cm, so "4" would have been read as 4 ml."""
    client = client_for(alice)
    page = client.get("/household/data/").content.decode()
    assert 'value="ml" checked' in page or 'value="ml" selected' in page
    household.country = "US"
    household.save()
    page = client.get("/household/data/").content.decode()
    for unit in ("oz", "lb", "in"):
        assert f'value="{unit}" checked' in page or f'value="{unit}" selected' in page, unit
