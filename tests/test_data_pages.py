"""Your data in the app: download a copy, bring a file in (checked first), delete all."""

import html
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from nestwell.accounts.models import Household
from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.transfer.models import ImportJob


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_download_json_and_csv(client_for, alice, moment):
    client = client_for(alice)
    response = client.get("/household/data/export/?format=json")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    document = json.loads(body(response))
    assert document["format"] == "nestwell-export" and len(document["moments"]) == 1
    response = client.get("/household/data/export/?format=csv")
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    assert "moments.csv" in archive.namelist()
    # a spreadsheet reads names in any script only with the byte order mark
    assert archive.read("moments.csv").startswith(b"\xef\xbb\xbfid,child,kind")


def test_a_bad_period_is_explained(client_for, alice, nora):
    response = client_for(alice).get("/household/data/export/?format=json"
                                     "&since=2026-05-02T10:00&until=2026-05-01T10:00")
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()


def test_import_is_checked_first_then_saved_once(client_for, alice, bob, nora, moment,
                                                 household, other_household, mallory, sam):
    data = body(client_for(alice).get("/household/data/export/?format=json"))
    client = client_for(mallory)  # another household brings the file in
    Child.objects.create(household=other_household, name="Nora", birth_at=nora.birth_at)
    upload = SimpleUploadedFile("nestwell.json", data, content_type="application/json")
    page = client.post("/household/data/import/", {"file": upload, "format": "nestwell"},
                       follow=True)  # the check runs as a job; its page shows the result
    assert page.status_code == 200
    text = page.content.decode()
    assert "Would create: 1 moment" in text and "Import these" in text
    assert not Moment.objects.filter(household=other_household).exists()
    checked = {"check": ImportJob.objects.get(dry_run=True).pk}
    response = client.post("/household/data/import/run/", checked)
    assert response.status_code == 302
    assert Moment.objects.filter(household=other_household).count() == 1
    assert client.post("/household/data/import/run/", checked).status_code == 302  # no-op
    assert Moment.objects.filter(household=other_household).count() == 1


@pytest.mark.parametrize(("content", "fmt", "message"), [
    (b"\x89PNG\r\n\x1a\n not json", "nestwell", "This is a picture, not a data export."),
    (b"%PDF-1.7 a visit report", "babybuddy-csv", "This is a PDF document."),
    (b"{\"format\": \"nestwell\", \x01\x02", "nestwell", "not a readable JSON file ("),
])
def test_a_foreign_file_is_refused_with_a_reason(client_for, alice, nora, content, fmt,
                                                 message):
    upload = SimpleUploadedFile("file.json", content)
    page = client_for(alice).post("/household/data/import/", {"file": upload, "format": fmt},
                                  follow=True)
    text = page.content.decode()
    assert 'data-testid="import-failed"' in text and html.escape(message) in text, text
    assert "\x01" not in text and not Moment.objects.exists()


def test_her_csv_export_brought_back_as_nestwell_s_says_to_use_the_json(client_for, alice,
                                                                       nora):
    """Nestwell's CSV export is a zip: chosen to move her data, it was 'not a readable
    JSON file' with the zip's bytes quoted; now it says which export to bring."""
    client = client_for(alice)
    client.post("/moments/quick/", {"kind": "talk", "child": nora.pk})
    data = body(client.get("/household/data/export/?format=csv"))
    assert data[:4] == b"PK\x03\x04"
    upload = SimpleUploadedFile("nestwell-export.zip", data)
    text = client.post("/household/data/import/", {"file": upload, "format": "nestwell"},
                       follow=True).content.decode()
    assert "This is a zip archive, not a JSON file" in text
    assert Moment.objects.count() == 1


def test_only_a_parent_imports_or_deletes(client_for, bob, nora):
    client = client_for(bob)
    assert client.get("/household/data/").status_code == 200
    assert "Bring data in" not in client.get("/household/data/").content.decode()
    assert client.get("/household/data/delete/").status_code == 403


def test_deleting_the_household_takes_everything_with_it(client_for, alice, bob, household,
                                                         moment, nora):
    client = client_for(alice)
    page = client.get("/household/data/delete/").content.decode()
    assert 'data-testid="final-export"' in page
    wrong = client.post("/household/data/delete/", {"name": "The Smiths", "password": "x"})
    assert wrong.status_code == 200 and Household.objects.filter(pk=household.pk).exists()
    from tests.conftest import PASSWORD

    response = client.post("/household/data/delete/", {"name": "the garcias",
                                                       "password": PASSWORD})
    assert response.status_code == 302
    assert not Household.objects.filter(pk=household.pk).exists()
    assert not Moment.objects.exists() and not Child.objects.exists()


def test_a_baby_buddy_csv_through_the_app(client_for, alice, nora):
    from pathlib import Path

    sample = Path(__file__).parent / "transfer" / "samples" / "babybuddy" / "feedings.csv"
    upload = SimpleUploadedFile("feedings.csv", sample.read_bytes(), content_type="text/csv")
    client = client_for(alice)
    page = client.post("/household/data/import/", {"file": upload, "format": "babybuddy-csv",
                                                   "child": nora.pk},
                       follow=True).content.decode()
    assert 'data-testid="import-report"' in page and "Rejected:" in page
    assert not Moment.objects.exists()


@pytest.mark.parametrize(("content", "reason"), [
    (b'{"format":"nestwell-export","version":3,"children":[{"name":"\xff\xfe"}]}',
     "it holds bytes that are not UTF-8 text"),
    (b'{"format":"nestwell-export","version":3,"children":[{"name":"Lou"', "it breaks off"),
    (b'{"format":"nestwell-export","version":3,"children":[]}}',
     "something follows the end of its data"),
])
def test_a_file_damaged_after_its_header_says_why_in_plain_words(client_for, alice, nora,
                                                                 content, reason):
    """Dana's probe: invalid UTF-8 in a name was shown as the parser's bytes
    ("b'lexical error: …\\n sion":3,…'"), a slice of the file and its escapes."""
    upload = SimpleUploadedFile("file.json", content)
    page = client_for(alice).post("/household/data/import/", {"file": upload,
                                                             "format": "nestwell"},
                                  follow=True)
    text = html.unescape(page.content.decode())
    assert f"This is not a readable JSON file ({reason})." in text, text
    assert "b'" not in text and "lexical" not in text and "right here" not in text
    assert not Moment.objects.exists()
