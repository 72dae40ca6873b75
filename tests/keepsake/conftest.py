"""A family's story to make a book from, on fixed dates (never the wall clock): Mila, born
10 March 2026 in London after 39 weeks and 2 days; letters from the winter before; her
first hour; a first smile; photos; Alice's notes; and Alice's check-in, which never goes
in."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from PIL import Image

from nestwell.children.models import Child
from nestwell.journal.models import Moment
from nestwell.keepsake.models import KeepsakeNote
from nestwell.milestones.models import Milestone
from nestwell.photos import services as photos
from nestwell.wellbeing.models import CheckIn

BORN = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def photo_dir(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "photos": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "photos")}}}


def picture(colour=(214, 170, 150), size=(64, 48)):
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, "PNG")
    return data.getvalue()


def letter(child, author, on, text, shared=False):
    return Moment.objects.create(household=child.household, child=child, kind="letter",
                                 started_at=on, ended_at=on, note=text, created_by=author,
                                 actor=author, details={"shared": shared})


@pytest.fixture
def mila(household):
    return Child.objects.create(household=household, name="Mila", birth_at=BORN,
                                gestation_weeks=39, gestation_days=2,
                                birth_weight_grams=3400)


@pytest.fixture
def story(mila, alice, bob, household):
    winter = datetime(2026, 1, 15, 20, 0, tzinfo=UTC)
    items = {
        "alice_letter": letter(mila, alice, winter, "Dear little one, the snow fell today."),
        "bob_shared": letter(mila, bob, winter + timedelta(days=36),
                             "Your dad here. I built your cot.", shared=True),
        "bob_private": letter(mila, bob, winter + timedelta(days=40),
                              "Bob's private worries, for his eyes only."),
        "skin": Moment.objects.create(household=household, child=mila, kind="skin_to_skin",
                                      started_at=BORN + timedelta(minutes=4),
                                      ended_at=BORN + timedelta(minutes=64), actor=alice,
                                      created_by=alice, details={"first": True}),
        "smile": Milestone.objects.create(household=household, child=mila, kind="first_smile",
                                          happened_on=date(2026, 4, 20),
                                          note="At Grandma's, during the song."),
        "note": KeepsakeNote.objects.create(household=household, child=mila, author=alice,
                                            written_on=date(2026, 5, 1),
                                            text="The first warm evening on the balcony."),
        "bob_note": KeepsakeNote.objects.create(household=household, child=mila, author=bob,
                                                written_on=date(2026, 5, 2),
                                                text="Bob's own note for his book."),
    }
    items["smile_photo"] = photos.attach(owner=items["smile"], data=picture(), user=alice)
    items["letter_photo"] = photos.attach(owner=items["alice_letter"],
                                          data=picture((150, 180, 210), (48, 64)), user=alice)
    items["bob_photo"] = photos.attach(owner=items["bob_private"], data=picture(), user=bob)
    CheckIn.objects.create(household=household, author=alice, mood=1, connection=1,
                           support=1, safety="safe", note="A very hard day, tired and low.")
    return items


def keys(story, *names):
    prefix = {"alice_letter": "letter", "bob_shared": "letter", "bob_private": "letter",
              "smile": "first", "note": "note", "bob_note": "note", "smile_photo": "photo",
              "letter_photo": "photo", "bob_photo": "photo"}
    return [f"{prefix[n]}-{story[n].pk}" for n in names]


def choices(**extra):
    return {"title": "Mila's first year", "dedication": "For you, with all our love.",
            "first": "2025-06-01", "last": "2026-12-31", "paper": "a4", "cover": "",
            **extra}
