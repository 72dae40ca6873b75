"""A private letter's own id (external_id) is its author's alone: another member of the
household who happens to use the same id is neither refused nor told a letter exists."""

import io

from nestwell.journal.models import Moment
from nestwell.transfer import export, load, nestwell_json
from tests.api.conftest import api_for  # noqa: F401  (the fixture)

LETTER = {"kind": "letter", "note": "Dear you, Quillfeather", "external_id": "letter-1"}


def test_someone_elses_letter_id_is_not_a_conflict(api_for, alice, bob, nora):  # noqa: F811
    assert api_for(alice).post("/api/v1/moments", {"child": nora.pk, **LETTER}).status_code == 201
    bobs = api_for(bob)
    talk = bobs.post("/api/v1/moments", {"child": nora.pk, "kind": "talk",
                                         "external_id": "letter-1"})
    assert talk.status_code == 201
    letter = bobs.post("/api/v1/moments", {"child": nora.pk, **LETTER, "note": "Dear, Bob"})
    assert letter.status_code == 201
    # The same id again, from the same person, is still a retry and refused once.
    assert bobs.post("/api/v1/moments", {"child": nora.pk, "kind": "talk",
                                         "external_id": "letter-1"}).status_code == 409
    assert api_for(alice).post("/api/v1/moments",
                               {"child": nora.pk, **LETTER}).status_code == 409
    assert Moment.objects.filter(external_id="letter-1").count() == 3


def test_an_import_does_not_count_her_letter_as_a_duplicate(household, alice, bob, nora):
    Moment.objects.create(household=household, child=nora, kind="letter", note="Dear you",
                          started_at=nora.birth_at, ended_at=nora.birth_at,
                          created_by=alice, external_id="letter-1")
    his = Moment.objects.create(household=household, child=nora, kind="talk",
                                started_at=nora.birth_at, ended_at=nora.birth_at,
                                created_by=bob, external_id="letter-1")
    text = io.StringIO()
    export.write_json(export.Scope(household, bob), text)
    his.delete()
    rows = nestwell_json.read(io.BytesIO(text.getvalue().encode()), time_zone="Europe/London")
    report = load.load(household, bob, rows, dry_run=False)
    assert report.applied and report.created.get("moment") == 1, report.lines()
    assert Moment.objects.filter(external_id="letter-1", kind="talk", created_by=bob).exists()
