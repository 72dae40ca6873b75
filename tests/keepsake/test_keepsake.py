"""The keepsake page and book: her choices are kept and hers, the book holds exactly what
she ticked, private letters and her wellbeing never slip in, and bad input changes nothing."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.keepsake import book
from nestwell.keepsake.models import Keepsake, KeepsakeNote
from nestwell.milestones.models import Milestone
from nestwell.photos import services as photos
from nestwell.photos.models import Photo
from tests.keepsake.conftest import choices, keys, letter, picture

PAGE = "/keepsake/"
BOOK = "/keepsake/book.pdf"


def pdf_pages(content):
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content):
    return "\n".join(pdf_pages(content))


def save(client, mila, **data):
    return client.post(f"{PAGE}?child={mila.pk}", choices(**data))


def test_the_page_offers_what_she_may_pick(client_for, alice, mila, story):
    page = client_for(alice).get(f"{PAGE}?child={mila.pk}").content.decode()
    for key in keys(story, "alice_letter", "bob_shared", "smile", "note", "smile_photo",
                    "letter_photo"):
        assert f'value="{key}"' in page
    assert f'value="birth-{mila.pk}"' in page
    assert "the snow fell today" in page and "I built your cot" in page
    # Bob's private letter, its photo, Bob's own note and her check-in are not offered.
    for key in keys(story, "bob_private", "bob_photo", "bob_note"):
        assert f'value="{key}"' not in page
    assert "private worries" not in page and "Bob's own note" not in page
    assert "very hard day" not in page


def test_her_choices_are_kept(client_for, alice, mila, story):
    picked = keys(story, "alice_letter", "smile")
    response = save(client_for(alice), mila, picked=picked, cover=keys(story, "smile_photo")[0])
    assert response.status_code == 302
    kept = Keepsake.objects.get(user=alice, child=mila)
    assert kept.title == "Mila's first year" and sorted(kept.picked) == sorted(picked)
    assert kept.first == date(2025, 6, 1) and kept.last == date(2026, 12, 31)
    page = client_for(alice).get(f"{PAGE}?child={mila.pk}").content.decode()
    assert f'value="{picked[0]}" checked' in page and "Mila&#x27;s first year" in page


def test_each_person_has_a_book_of_their_own(client_for, alice, bob, mila, story):
    save(client_for(alice), mila, picked=keys(story, "alice_letter"))
    page = client_for(bob).get(f"{PAGE}?child={mila.pk}").content.decode()
    assert "Mila&#x27;s first year" not in page
    assert f'value="{keys(story, "alice_letter")[0]}"' not in page  # her private letter
    assert f'value="{keys(story, "bob_note")[0]}"' in page
    assert "Bob&#x27;s private worries" in page  # his own letter is his to pick


def test_the_first_time_the_dates_run_from_the_pregnancy_to_today(alice, mila, household):
    chosen = book.choices(mila, alice, date(2026, 9, 1))
    assert not chosen.saved and chosen.picked == []
    # 39 weeks and 2 days before the birth (10 March 2026)
    assert chosen.first == date(2026, 3, 10) - timedelta(days=39 * 7 + 2)
    assert chosen.last == date(2026, 9, 1) and chosen.paper == "a4"
    bump = Child.objects.create(household=household, name="Bean", due_date=date(2026, 11, 1))
    assert book.choices(bump, alice, date(2026, 9, 1)).first == date(2026, 1, 25)


def test_a_us_household_prints_on_letter(alice, mila, household):
    household.country = "US"
    household.save()
    mila.household.refresh_from_db()
    assert book.choices(mila, alice, date(2026, 9, 1)).paper == "letter"


def test_the_book_holds_exactly_what_she_ticked(client_for, alice, mila, story):
    client = client_for(alice)
    save(client, mila, picked=keys(story, "alice_letter", "bob_shared", "smile", "note",
                                   "smile_photo") + [f"birth-{mila.pk}"],
         cover=keys(story, "smile_photo")[0])
    response = client.get(f"{BOOK}?child={mila.pk}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    cover = pages[0]
    assert "Mila's first year" in cover and "For you, with all our love." in cover
    assert "Born 10 March 2026" in cover
    text = "\n".join(pages[1:])
    for words in ("the snow fell today", "I built your cot", "During the song"[1:],
                  "first warm evening", "First real smile", "Mila is born",
                  "First skin-to-skin", "60 minutes", "Weighing 3.4", "kg.",
                  "39 weeks and 2 days"):
        assert words in text, words
    # In time order, a month to a page: January, February, March, April, May.
    order = [text.index(w) for w in ("January 2026", "February 2026", "March 2026",
                                     "April 2026", "May 2026")]
    assert order == sorted(order)
    assert "Waiting for Mila" in text and "The month Mila arrived" in text
    assert "Mila at 1 month" in text
    for never in ("private worries", "Bob's own note", "very hard day", "tired and low"):
        assert never not in text
    reader = PdfReader(io.BytesIO(response.content))
    images = sum(len(page.images) for page in reader.pages)
    assert images == 2  # the cover's and the first smile's: the letter's photo was not ticked


def test_unticked_items_stay_out(client_for, alice, mila, story):
    client = client_for(alice)
    save(client, mila, picked=keys(story, "smile"))
    text = pdf_text(client.get(f"{BOOK}?child={mila.pk}").content)
    assert "First real smile" in text
    for absent in ("snow fell", "built your cot", "Mila is born", "warm evening"):
        assert absent not in text
    assert sum(len(p.images) for p in PdfReader(io.BytesIO(
        client.get(f"{BOOK}?child={mila.pk}").content)).pages) == 0


def test_only_the_dates_she_chose(client_for, alice, mila, story):
    client = client_for(alice)
    save(client, mila, picked=keys(story, "alice_letter", "smile"), first="2026-03-01",
         last="2026-12-31")
    text = pdf_text(client.get(f"{BOOK}?child={mila.pk}").content)
    assert "First real smile" in text and "snow fell" not in text


def test_a_letter_made_private_again_leaves_the_book(client_for, alice, bob, mila, story):
    save(client_for(bob), mila, picked=keys(story, "bob_shared", "alice_letter"))
    Moment.objects.filter(pk=story["bob_shared"].pk).update(details={"shared": False})
    text = pdf_text(client_for(alice).get(f"{BOOK}?child={mila.pk}").content)
    assert "built your cot" not in text
    # And a key of a letter she cannot read was never accepted from her.
    response = save(client_for(alice), mila, picked=keys(story, "bob_private"))
    assert response.status_code == 400


def test_an_empty_book_says_so_kindly(client_for, alice, mila):
    pages = pdf_pages(client_for(alice).get(f"{BOOK}?child={mila.pk}").content)
    assert "Mila, from the very beginning" in pages[0]
    assert "Nothing is ticked for these dates yet" in pages[0]


def test_a_range_ending_before_it_starts_changes_nothing(client_for, alice, mila, story):
    save(client_for(alice), mila, picked=keys(story, "smile"))
    response = save(client_for(alice), mila, picked=keys(story, "note"), first="2026-06-01",
                    last="2026-05-01", title="Changed")
    assert response.status_code == 400
    assert "The end comes before the start." in response.content.decode()
    kept = Keepsake.objects.get(user=alice, child=mila)
    assert kept.picked == keys(story, "smile") and kept.title == "Mila's first year"


def test_an_item_from_another_household_is_refused(client_for, alice, mila, story, mallory,
                                                  sam):
    theirs = Milestone.objects.create(household=sam.household, child=sam, kind="first_laugh",
                                      happened_on=date(2026, 4, 1))
    response = save(client_for(alice), mila, picked=[f"first-{theirs.pk}"])
    assert response.status_code == 400
    assert "is not here to choose" in response.content.decode()
    assert not Keepsake.objects.filter(user=alice).exists()


def test_another_households_baby_is_not_found(client_for, mallory, mila, story):
    client = client_for(mallory)
    # A household without a baby has no book; Mila's id leads nowhere.
    assert client.get(f"{BOOK}?child={mila.pk}").status_code == 404
    assert client.get(f"{PAGE}?child={mila.pk}").status_code == 404


def test_another_households_id_shows_only_her_own_baby(client_for, mallory, sam, mila, story):
    client = client_for(mallory)
    page = client.get(f"{PAGE}?child={mila.pk}").content.decode()
    assert "A keepsake book for Sam" in page and "snow fell" not in page
    text = pdf_text(client.get(f"{BOOK}?child={mila.pk}").content)
    assert "Sam" in text and "Mila" not in text


def test_a_viewer_cannot_make_a_book(client_for, carol, mila, story):
    client = client_for(carol)
    assert client.get(PAGE).status_code == 403
    assert client.get(BOOK).status_code == 403
    assert save(client, mila, picked=[]).status_code == 403


def test_her_notes_are_hers(client_for, alice, bob, mila, story):
    client = client_for(alice)
    response = client.post(f"/keepsake/notes/?child={mila.pk}",
                           {"written_on": "2026-06-02", "text": "  Sunlight and a nap.  "})
    assert response.status_code == 302
    note = KeepsakeNote.objects.get(text="Sunlight and a nap.")
    assert note.author == alice and note.child == mila
    # Bob can neither see nor remove it.
    assert client_for(bob).post(f"/keepsake/notes/{note.pk}/remove/").status_code == 404
    assert KeepsakeNote.objects.filter(pk=note.pk).exists()
    assert client_for(alice).post(f"/keepsake/notes/{note.pk}/remove/").status_code == 302
    assert not KeepsakeNote.objects.filter(pk=note.pk).exists()


def test_an_empty_note_is_refused(client_for, alice, mila):
    response = client_for(alice).post(f"/keepsake/notes/?child={mila.pk}",
                                      {"written_on": "2026-06-02", "text": "   "})
    assert response.status_code == 400 and "Write a few words first." in \
        response.content.decode()
    assert not KeepsakeNote.objects.exists()


def many(mila, alice, n):
    start = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
    Moment.objects.bulk_create([
        Moment(household=mila.household, child=mila, kind="letter", note=f"Letter {i}",
               started_at=start + timedelta(hours=i), ended_at=start + timedelta(hours=i),
               created_by=alice, details={"shared": False}) for i in range(n)])
    Milestone.objects.bulk_create([
        Milestone(household=mila.household, child=mila, kind="other", title=f"First {i}",
                  happened_on=date(2026, 4, 1) + timedelta(days=i % 200)) for i in range(n)])
    for first in Milestone.objects.filter(child=mila)[:n // 5]:
        photos.attach(owner=first, data=picture(), user=alice)
    KeepsakeNote.objects.bulk_create([
        KeepsakeNote(household=mila.household, child=mila, author=alice,
                     written_on=date(2026, 5, 1), text=f"Note {i}") for i in range(n)])


@pytest.mark.parametrize("n", [10, 100])
def test_the_page_and_book_make_a_fixed_number_of_queries(client_for, alice, mila, n,
                                                         django_assert_max_num_queries):
    many(mila, alice, n)
    client = client_for(alice)
    picked = [f"letter-{pk}" for pk in Moment.objects.filter(kind="letter")
              .values_list("pk", flat=True)] + [f"photo-{pk}" for pk in Photo.objects
                                                 .values_list("pk", flat=True)]
    save(client, mila, picked=picked)
    with django_assert_max_num_queries(10):
        assert client.get(f"{PAGE}?child={mila.pk}").status_code == 200
    with django_assert_max_num_queries(10):
        response = client.get(f"{BOOK}?child={mila.pk}")
    assert "Letter 9" in pdf_text(response.content)


def test_a_photo_whose_file_is_gone_leaves_only_its_words(client_for, alice, mila, story,
                                                         settings, tmp_path):
    save(client_for(alice), mila, picked=keys(story, "smile", "smile_photo"))
    for path in (tmp_path / "photos").rglob("*"):
        if path.is_file():
            path.unlink()
    response = client_for(alice).get(f"{BOOK}?child={mila.pk}")
    assert response.status_code == 200 and "First real smile" in pdf_text(response.content)


def test_letters_are_unchanged_by_a_book(alice, mila):
    made = letter(mila, alice, datetime(2026, 2, 1, tzinfo=UTC), "Hello")
    assert Moment.objects.get(pk=made.pk).note == "Hello"


def test_insights_and_the_firsts_lead_to_the_book(client_for, alice, carol, mila, story):
    link = f'href="/keepsake/?child={mila.pk}"'
    assert link in client_for(alice).get(f"/insights/?child={mila.pk}").content.decode()
    assert link in client_for(alice).get(f"/milestones/?child={mila.pk}").content.decode()
    assert link not in client_for(carol).get(f"/insights/?child={mila.pk}").content.decode()
    assert link not in client_for(carol).get(f"/milestones/?child={mila.pk}").content.decode()


def test_us_letter_when_she_chooses_it(client_for, alice, mila, story):
    client = client_for(alice)
    save(client, mila, picked=keys(story, "smile"), paper="letter")
    box = PdfReader(io.BytesIO(client.get(f"{BOOK}?child={mila.pk}").content)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    save(client, mila, picked=keys(story, "smile"), paper="a4")
    box = PdfReader(io.BytesIO(client.get(f"{BOOK}?child={mila.pk}").content)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_a_refused_save_keeps_what_she_ticked_on_the_page(client_for, alice, mila, story):
    ticked = keys(story, "smile")[0]
    response = save(client_for(alice), mila, picked=[ticked], first="2026-06-01",
                    last="2026-05-01")
    assert f'value="{ticked}" checked' in response.content.decode()


def test_text_is_printed_as_written_never_as_markup(client_for, alice, mila, household):
    made = letter(mila, alice, datetime(2026, 2, 1, tzinfo=UTC),
                  'Love <b>always</b> & <img src="/etc/passwd"/>')
    client = client_for(alice)
    save(client, mila, picked=[f"letter-{made.pk}"], title="<font size=40>Big</font>")
    text = pdf_text(client.get(f"{BOOK}?child={mila.pk}").content)
    assert 'Love <b>always</b> & <img src="/etc/passwd"/>' in text
    assert "<font size=40>Big</font>" in text


def test_her_notes_and_choices_travel_with_her_own_data(client_for, alice, bob, mila, story):
    save(client_for(alice), mila, picked=keys(story, "smile"))
    rows = client_for(alice).get("/account/mine/download/").json()["keepsake"]
    assert [r["kind"] for r in rows] == ["book", "note"]
    assert rows[0]["title"] == "Mila's first year" and rows[0]["household"] == "The Garcias"
    assert rows[1]["text"] == "The first warm evening on the balcony."
    assert "Bob's own note" not in str(rows)


def test_a_photo_prints_with_her_own_caption_when_she_wrote_one(client_for, alice, mila, story):
    story["smile_photo"].caption = "Sunday, in the garden"
    story["smile_photo"].save()
    save(client_for(alice), mila, picked=keys(story, "smile_photo"))
    text = pdf_text(client_for(alice).get(f"{BOOK}?child={mila.pk}").content)
    assert "Sunday, in the garden" in text


def test_a_photo_with_its_first_prints_her_caption_beneath_it(client_for, alice, mila, story):
    story["smile_photo"].caption = "Sunday, in the garden"
    story["smile_photo"].save()
    save(client_for(alice), mila, picked=keys(story, "smile", "smile_photo"))
    text = pdf_text(client_for(alice).get(f"{BOOK}?child={mila.pk}").content)
    assert "Sunday, in the garden" in text and text.count("First real smile") == 1


def test_a_keepsake_note_that_speaks_of_harm_opens_support(client_for, alice, mila, story):
    response = client_for(alice).post(f"/keepsake/notes/?child={mila.pk}", {
        "written_on": "2026-06-02", "text": "I keep having thoughts of hurting myself."})
    assert response.status_code == 302 and response.url == "/support/?from=note"
    assert KeepsakeNote.objects.filter(author=alice, text__contains="hurting").count() == 1


def test_a_note_and_a_first_on_the_birth_day_go_in_the_book(client_for, alice, mila, story,
                                                           household):
    """Elena ticked her note written on the day of the birth: the book was a 500 (a note's
    order, a number, was compared with the birth's, a time)."""
    born_day = date(2026, 3, 10)
    note = KeepsakeNote.objects.create(household=household, child=mila, author=alice,
                                       written_on=born_day, text="You came at dawn.")
    first = Milestone.objects.create(household=household, child=mila, kind="first_smile",
                                     happened_on=born_day + timedelta(days=30))
    same_day_letter = letter(mila, alice, datetime(2026, 4, 9, 8, 0, tzinfo=UTC),
                             "A letter on the day of a first.")
    client = client_for(alice)
    picked = [f"birth-{mila.pk}", f"note-{note.pk}", f"first-{first.pk}",
              f"letter-{same_day_letter.pk}", *keys(story, "smile_photo")]
    assert save(client, mila, picked=picked).status_code == 302
    response = client.get(f"{BOOK}?child={mila.pk}")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert text.index("is born, and the first hour") < text.index("You came at dawn.")
    assert "A letter on the day of a first." in text


def test_the_book_of_a_baby_who_died_gives_her_dates_and_counts_no_age(client_for, alice,
                                                                        mila, story):
    Child.objects.filter(pk=mila.pk).update(died_on=date(2026, 4, 2))
    client = client_for(alice)
    save(client, mila, picked=keys(story, "alice_letter", "smile", "note")
         + [f"birth-{mila.pk}"])
    pages = pdf_pages(client.get(f"{BOOK}?child={mila.pk}").content)
    assert "Born 10 March 2026, died 2 April 2026" in pages[0]
    text = "\n".join(pages[1:])
    assert "Remembering Mila" in text and "Mila at 2 months" not in text
