"""Her notes and choices for the keepsake book travel in the household export (hers alone),
come back into another Nestwell with the book's picks found again, are refused whole when
the file's keepsake part is wrong, and go when she deletes her own data."""

import json
from datetime import UTC, date, datetime, timedelta

import jsonschema
import pytest
from django.urls import reverse

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.keepsake.models import Keepsake, KeepsakeNote
from nestwell.milestones.models import Milestone
from nestwell.transfer import export
from nestwell.transfer.own_data import delete_all
from tests.test_export_import import export_bytes, import_bytes, new_household
from tests.transfer.test_handover_transfer import member

BORN = datetime(2026, 3, 2, 6, 30, tzinfo=UTC)


def book_of(household, mum):
    """A baby with a letter, a first, two notes of hers (one not picked) and a book; and a
    partner's own note, which never leaves with her export."""
    lou = Child.objects.create(household=household, name="Lou", birth_at=BORN)
    letter = Moment.objects.create(household=household, child=lou, kind="letter",
                                   started_at=BORN + timedelta(days=3),
                                   ended_at=BORN + timedelta(days=3), created_by=mum,
                                   note="Dear Lou, the rain and you.")
    first = Milestone.objects.create(household=household, child=lou, kind="first_smile",
                                     happened_on=date(2026, 4, 20), created_by=mum)
    picked_note = KeepsakeNote.objects.create(household=household, child=lou, author=mum,
                                              written_on=date(2026, 4, 2),
                                              text="You laughed at the cat » twice.\nTwice!")
    KeepsakeNote.objects.create(household=household, child=lou, author=mum,
                                written_on=date(2026, 5, 1), text="A quiet Sunday.")
    partner = member(household, "Sol")
    KeepsakeNote.objects.create(household=household, child=lou, author=partner,
                                written_on=date(2026, 5, 2), text="Sol's own words")
    Keepsake.objects.create(household=household, user=mum, child=lou, title="Lou's year",
                            dedication="For you, when you are big.", first=date(2026, 3, 1),
                            last=date(2026, 12, 31), paper="letter",
                            picked=[f"letter-{letter.pk}", f"first-{first.pk}",
                                    f"note-{picked_note.pk}", f"birth-{lou.pk}",
                                    "photo-4242"], cover="photo-4242")
    return lou


def test_notes_and_choices_go_out_and_come_back_with_their_picks(db):
    source, mum = new_household("Source")
    lou = book_of(source, mum)
    data = export_bytes(source, mum)
    document = json.loads(data)
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    assert [n["text"] for n in document["keepsake_notes"]] == [
        "You laughed at the cat » twice.\nTwice!", "A quiet Sunday."]  # never Sol's
    (book,) = document["keepsake_books"]
    assert book["child"] == "Lou" and book["paper"] == "letter"
    assert set(book["picked"]) == {"birth", "photo:4242"} | {
        f"moment:{Moment.objects.get(kind='letter').pk}",
        f"milestone:{Milestone.objects.get().pk}",
        f"keepsake_note:{KeepsakeNote.objects.get(text__startswith='You laughed').pk}"}

    target, jo = new_household("Target")
    report = import_bytes(target, jo, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    assert report.created["keepsake_note"] == 2 and report.created["keepsake_book"] == 1
    assert any("picked for" in why for _row, why in report.flagged)
    new_lou = Child.objects.get(household=target)
    notes = list(KeepsakeNote.objects.filter(household=target).order_by("written_on")
                 .values_list("author", "child", "written_on", "text"))
    assert notes == [(jo.pk, new_lou.pk, date(2026, 4, 2),
                      "You laughed at the cat » twice.\nTwice!"),
                     (jo.pk, new_lou.pk, date(2026, 5, 1), "A quiet Sunday.")]
    came = Keepsake.objects.get(household=target)
    assert (came.user, came.child, came.title, came.dedication, came.first, came.last,
            came.paper, came.cover) == (jo, new_lou, "Lou's year", "For you, when you are big.",
                                        date(2026, 3, 1), date(2026, 12, 31), "letter", "")
    letter = Moment.objects.get(household=target, kind="letter")
    first = Milestone.objects.get(household=target)
    note = KeepsakeNote.objects.get(household=target, written_on=date(2026, 4, 2))
    assert sorted(came.picked) == sorted([f"letter-{letter.pk}", f"first-{first.pk}",
                                          f"note-{note.pk}", f"birth-{new_lou.pk}"])
    # The same file again adds nothing, and leaves her book as it is.
    again = import_bytes(target, jo, data)
    assert again.applied and again.created.get("keepsake_note", 0) == 0
    assert KeepsakeNote.objects.filter(household=target).count() == 2
    assert Keepsake.objects.filter(household=target).count() == 1
    assert lou


def test_an_export_for_one_baby_or_a_period_keeps_to_it(db):
    source, mum = new_household("Source")
    lou = book_of(source, mum)
    Child.objects.create(household=source, name="Ada", birth_at=BORN)
    only_ada = json.loads(export_bytes(source, mum, child=Child.objects.get(name="Ada")))
    assert only_ada["keepsake_notes"] == [] and only_ada["keepsake_books"] == []
    april = json.loads(export_bytes(
        source, mum, since=datetime(2026, 4, 1, tzinfo=UTC),
        until=datetime(2026, 4, 30, tzinfo=UTC)))
    assert [n["written_on"] for n in april["keepsake_notes"]] == ["2026-04-02"]
    assert lou


BAD_SECTIONS = [
    ("keepsake_notes", "not a list", "is not a list of rows"),
    ("keepsake_notes", [{"child": "Lou", "written_on": "2026-04-02", "text": "x" * 2001}],
     "longer than 2000 characters"),
    ("keepsake_notes", [{"child": "Lou", "written_on": "1999-12-31", "text": "Hi"}],
     "not a day Nestwell keeps"),
    ("keepsake_notes", [{"child": "Lou", "written_on": "soon", "text": "Hi"}],
     "not a day"),
    ("keepsake_notes", [{"child": "Lou", "written_on": "2026-04-02", "text": "   "}],
     "a note needs a few words"),
    ("keepsake_notes", [{"child": "Lou", "written_on": "2026-04-02", "text": ["a"]}],
     "is not text"),
    ("keepsake_notes", [{"child": "Nobody", "written_on": "2026-04-02", "text": "Hi"}],
     "no baby called"),
    ("keepsake_notes", ["just words"], "not an object of named fields"),
    ("keepsake_books", [{"child": "Lou", "picked": ["../../etc/passwd"]}],
     "is not an item of a keepsake book"),
    ("keepsake_books", [{"child": "Lou", "picked": "moment:1"}], "is not a list of items"),
    ("keepsake_books", [{"child": "Lou", "picked": ["moment:1\n"]}],
     "is not an item of a keepsake book"),
    ("keepsake_books", [{"child": "Lou", "picked": [{"moment": 1}]}],
     "is not an item of a keepsake book"),
    ("keepsake_books", [{"child": "Lou", "picked": ["birth"] * 2001}], "more than 2000"),
    ("keepsake_books", [{"child": "Lou", "first": "2026-05-01", "last": "2026-04-01"}],
     "The end comes before the start"),
    ("keepsake_books", [{"child": "Lou", "paper": "A3"}], "is not one of a4, letter"),
    ("keepsake_books", [{"child": "Lou", "title": "t" * 81}], "longer than 80"),
    ("keepsake_books", [{"child": "Lou", "cover": "moment:3"}], "is not a photo"),
]


@pytest.mark.parametrize(("section", "value", "words"), BAD_SECTIONS)
def test_a_malformed_keepsake_section_is_refused_and_changes_nothing(db, section, value,
                                                                      words):
    source, mum = new_household("Source")
    book_of(source, mum)
    document = json.loads(export_bytes(source, mum))
    document[section] = value
    target, jo = new_household("Target")
    Child.objects.create(household=target, name="Lou", birth_at=BORN)
    before = (Moment.objects.count(), Milestone.objects.count(), KeepsakeNote.objects.count(),
              Keepsake.objects.count())
    report = import_bytes(target, jo, json.dumps(document).encode())
    assert not report.applied and report.rejected_count >= 1, report.lines()
    assert words in " ".join(why for _row, why in report.rejected), report.lines()
    assert (Moment.objects.count(), Milestone.objects.count(), KeepsakeNote.objects.count(),
            Keepsake.objects.count()) == before


def test_an_older_export_without_the_keepsake_sections_still_imports(db):
    source, mum = new_household("Source")
    book_of(source, mum)
    document = json.loads(export_bytes(source, mum))
    del document["keepsake_notes"], document["keepsake_books"]
    jsonschema.validate(document, json.loads(export.SCHEMA.read_text()))
    target, jo = new_household("Target")
    report = import_bytes(target, jo, json.dumps(document).encode())
    assert report.applied and report.rejected_count == 0, report.lines()
    assert not KeepsakeNote.objects.filter(household=target).exists()
    assert Moment.objects.filter(household=target, kind="letter").exists()
    # A null section is read as none.
    document["keepsake_notes"] = None
    assert import_bytes(*new_household("Third"), json.dumps(document).encode()).applied


def test_the_csv_zip_has_her_keepsake_files(db):
    import io
    import zipfile

    source, mum = new_household("Source")
    book_of(source, mum)
    out = io.BytesIO()
    export.write_csv_zip(export.Scope(source, mum), out)
    with zipfile.ZipFile(out) as archive:
        notes = archive.read("keepsake_notes.csv").decode()
        books = archive.read("keepsake_books.csv").decode()
    assert "A quiet Sunday." in notes and "Sol's own words" not in notes
    assert "Lou's year" in books


def test_deleting_her_own_data_takes_her_keepsake_notes_and_choices(db, client):
    source, mum = new_household("Source")
    book_of(source, mum)
    sol = KeepsakeNote.objects.get(text="Sol's own words").author
    delete_all(mum)
    assert not KeepsakeNote.objects.filter(author=mum).exists()
    assert not Keepsake.objects.filter(user=mum).exists()
    assert KeepsakeNote.objects.filter(author=sol).count() == 1  # never another's


def test_her_own_data_page_counts_her_keepsake_notes(db, client):
    source, mum = new_household("Source")
    book_of(source, mum)
    client.force_login(mum, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("own_data")).content.decode()
    assert "2 notes for the keepsake book" in page


def test_deleting_the_household_takes_everyones_keepsake_notes_and_books(db):
    source, mum = new_household("Source")
    book_of(source, mum)
    source.delete()
    assert not KeepsakeNote.objects.exists() and not Keepsake.objects.exists()


def test_picks_of_letters_and_firsts_brought_in_before_come_back_too(db):
    """Elena's year came in from a file (each letter and first keeps the id it had there);
    moved again, her book kept 3 of 21 picks, silently: the book named the export's ids
    ("moment:5321"), the rows came back under their own."""
    source, mum = new_household("Source")
    book_of(source, mum)
    Moment.objects.filter(household=source, kind="letter").update(external_id="gen-letter-1")
    Milestone.objects.filter(household=source).update(external_id="gen-first-1")
    data = export_bytes(source, mum)

    target, jo = new_household("Target")
    report = import_bytes(target, jo, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    came = Keepsake.objects.get(household=target)
    letter = Moment.objects.get(household=target, kind="letter")
    first = Milestone.objects.get(household=target)
    assert (letter.external_id, first.external_id) == ("gen-letter-1", "gen-first-1")
    assert f"letter-{letter.pk}" in came.picked and f"first-{first.pk}" in came.picked

    # Into a household that already holds them: the letter under the same id (brought
    # in from that tracker), the first kept without one, found by its kind and day.
    again, rae = new_household("Again")
    lou = Child.objects.create(household=again, name="Lou", birth_at=BORN)
    mine = Moment.objects.create(household=again, child=lou, kind="letter",
                                 started_at=BORN + timedelta(days=3),
                                 ended_at=BORN + timedelta(days=3), created_by=rae,
                                 note="Dear Lou, the rain and you.",
                                 external_id="gen-letter-1")
    smile = Milestone.objects.create(household=again, child=lou, kind="first_smile",
                                     happened_on=date(2026, 4, 20), created_by=rae)
    report = import_bytes(again, rae, data)
    assert report.applied and report.rejected_count == 0, report.lines()
    came = Keepsake.objects.get(household=again)
    assert Moment.objects.filter(household=again, kind="letter").count() == 1
    assert Milestone.objects.filter(household=again).count() == 1
    assert f"letter-{mine.pk}" in came.picked and f"first-{smile.pk}" in came.picked


def test_picks_neither_in_the_file_nor_here_are_said(db):
    source, mum = new_household("Source")
    book_of(source, mum)
    document = json.loads(export_bytes(source, mum))
    document["keepsake_books"][0]["picked"] += ["moment:999999", "milestone:888888"]
    target, jo = new_household("Target")
    report = import_bytes(target, jo, json.dumps(document).encode())
    assert report.applied and report.rejected_count == 0, report.lines()
    flags = " ".join(why for _row, why in report.flagged)
    assert "2 items picked for Lou's keepsake book are neither in this file nor here" in flags
    assert "photo picked for Lou's keepsake book is not in a JSON export" in flags
    assert len(Keepsake.objects.get(household=target).picked) == 4
