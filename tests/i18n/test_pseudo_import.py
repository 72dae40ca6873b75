"""The import report speaks the person's language (issue 19, item 1): the check and the
import pages, rendered from a real file in the pseudo-language, leave no English outside
the ⟦…⟧ marks but what the file itself contained; a job reports in the language it was
queued in, whatever language the worker runs in."""

import re
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from nestwell.transfer import jobs, load, tasks, uploads
from nestwell.transfer.models import ImportJob
from tests.i18n.pseudo import OPEN
from tests.i18n.test_pseudo_pages import (  # noqa: F401 (in_pseudo: a fixture)
    Text,
    english_left,
    in_pseudo,
)

pytestmark = pytest.mark.django_db
PLAIN = re.compile(r"\b[A-Za-z]{3,}\b")  # a whole word with no accent: not pseudo
ZONE = re.compile(r"\b[A-Z][A-Za-z_]+/[A-Za-z_/]+")

HEADER = "id,child_id,child_first_name,child_last_name,start,end,type,method,amount,notes,tags"
FINE = [
    "1,1,Nora,Garcia,2025-06-01 08:00:00,2025-06-01 08:20:00,breast milk,left breast,,,",
    # The clocks went forward that night: 01:30 never happened in London (a warning).
    "2,1,Nora,Garcia,2025-03-30 01:30:00,2025-03-30 03:00:00,breast milk,left breast,,,",
    # The clocks went back: 01:30 happened twice (a warning).
    "3,1,Nora,Garcia,2025-10-26 01:30:00,2025-10-26 01:40:00,breast milk,left breast,,,",
]
REFUSED = [
    "4,1,Nora,Garcia,soon,2025-06-02 08:20:00,breast milk,left breast,,,",
    "5,1,Nora,Garcia,2025-06-03 08:00:00,2025-06-03 08:20:00,formula,bottle,5000,,",
    "6,1,Nora,Garcia,2025-06-04 09:00:00,2025-06-04 08:00:00,breast milk,left breast,,,",
]


def english_anywhere(html, allowed):
    """Stricter than ``english_left``: a reason put into a sentence ("row 5: …") sits inside
    that sentence's marks even when it skipped the catalogue. The pseudo-language accents
    every message's own words, so plain English words, inside the marks or not, came from
    elsewhere; only what the file said (``allowed``) may be among them."""
    parser = Text()
    parser.feed(html)
    left = set()
    for text in parser.found:
        bare = ZONE.sub(" ", text)
        for word in sorted(allowed, key=len, reverse=True):
            bare = bare.replace(word, " ")
        if PLAIN.search(bare):
            left.add(" ".join(text.split())[:120])
    return sorted(left)


def csv_file(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def from_the_file(*rows):
    """What the file itself says (column names, cells, its name), and the zones' short
    names in a time read from it: these may stay as they are."""
    words = {"feedings.csv", "BST", "GMT"} | set(HEADER.split(","))
    for row in rows:
        words |= {cell for cell in row.split(",") if cell}
    return words


@pytest.fixture(autouse=True)
def born_and_empty(nora):
    nora.birth_at = datetime(2025, 1, 1, tzinfo=UTC)
    nora.save()
    for path in uploads.folder().glob("*"):
        path.unlink()


def check(client, data):
    return client.post("/household/data/import/", {
        "file": SimpleUploadedFile("feedings.csv", data), "format": "babybuddy-csv",
        "time_zone": "Europe/London"}, follow=True)


def test_a_check_with_refused_rows_and_warnings_has_no_english_left(in_pseudo, client_for,  # noqa: F811
                                                                     alice):
    response = check(client_for(alice), csv_file(*FINE, *REFUSED))
    assert response.status_code == 200
    job = ImportJob.objects.get(dry_run=True)
    assert job.state == "done" and job.report["rejected"] == 3
    assert len(job.report["flagged_rows"]) == 2
    page = response.content.decode()
    assert 'data-testid="import-report"' in page and page.count(OPEN) > 10
    assert english_left(page, in_pseudo | from_the_file(*FINE, *REFUSED)) == []
    assert english_anywhere(page, in_pseudo | from_the_file(*FINE, *REFUSED)) == []


def test_an_import_with_warnings_and_left_out_rows_has_no_english_left(in_pseudo,  # noqa: F811
                                                                       client_for, alice):
    client = client_for(alice)
    check(client, csv_file(*FINE))
    checked = ImportJob.objects.get(dry_run=True)
    response = client.post("/household/data/import/run/", {"check": checked.pk},
                           follow=True)
    job = ImportJob.objects.get(dry_run=False)
    assert job.state == "done" and job.report["applied"]
    assert len(job.report["flagged_rows"]) == 2
    page = response.content.decode()
    assert 'data-testid="import-result"' in page
    assert english_left(page, in_pseudo | from_the_file(*FINE)) == []
    assert english_anywhere(page, in_pseudo | from_the_file(*FINE)) == []
    # The same page with the rows a file leaves out (Baby Buddy's tags, say).
    report = load.Report(dry_run=False, applied=True)
    report.created.update({"moment": 2, "child": 1})
    report.duplicates = 1
    with translation.override("en-xa"):
        from nestwell.transfer.importers.babybuddy import SKIPPED

        report.note("skipped", 4, str(SKIPPED["tag"]), 3)
    job.report = report.as_dict()
    job.save()
    page = client.get(f"/household/data/import/{job.pk}/").content.decode()
    assert 'data-testid="import-skipped"' in page
    assert english_left(page, in_pseudo | from_the_file(*FINE)) == []
    assert english_anywhere(page, in_pseudo | from_the_file(*FINE)) == []


def test_a_job_queued_in_french_reports_in_french(household, alice, monkeypatch):
    """The worker runs in whatever language it started in; the job keeps the language of
    the page it was queued from, and its report is made in that language."""
    path = uploads.folder() / "queued-in-french.csv"
    path.write_bytes(csv_file(*FINE, REFUSED[0]))
    seen = []
    lines = load.Report.lines

    def spy(report):
        seen.append(translation.get_language())
        return lines(report)

    monkeypatch.setattr(load.Report, "lines", spy)
    with translation.override("fr"):
        job = tasks.record(household, alice, {
            "path": str(path), "name": "feedings.csv", "format": "babybuddy-csv",
            "time_zone": "Europe/London", "language": translation.get_language()},
            dry_run=True)
    assert job.options["language"] == "fr"
    with translation.override("en"):
        data = jobs.run(job.pk)
    assert seen == ["fr"]
    assert data["rejected"] == 1 and job.options["language"] == "fr"



def test_the_import_reports_in_the_language_of_whoever_pressed_import(client_for, alice):
    client = client_for(alice)
    check(client, csv_file(*FINE))
    checked = ImportJob.objects.get(dry_run=True)
    assert checked.options["language"].startswith("en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.post("/household/data/import/run/", {"check": checked.pk},
                HTTP_ACCEPT_LANGUAGE="fr")
    job = ImportJob.objects.get(dry_run=False)
    assert job.options["language"] == "fr" and job.state == "done"
