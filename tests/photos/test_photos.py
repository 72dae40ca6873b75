"""Photos kept with moments, letters and firsts: who may see them, who may add them, what
is refused, and that their files leave the disk with what they belong to."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from nestwell.journal import services as journal
from nestwell.journal.models import Moment
from nestwell.milestones import services as milestones
from nestwell.photos import images
from nestwell.photos.models import Photo
from tests.photos.test_images import bomb, jpeg_with_exif


@pytest.fixture(autouse=True)
def photo_dir(settings, tmp_path):
    """Each test's photos in their own folder, so what is on disk can be counted."""
    folder = tmp_path / "photos"
    settings.STORAGES = {**settings.STORAGES, "photos": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(folder)}}}
    return folder


def files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def upload(data=None, name="nora.jpg"):
    return SimpleUploadedFile(name, data if data is not None else jpeg_with_exif(),
                              content_type="image/jpeg")


def add(client, kind, pk, data=None, name="nora.jpg"):
    return client.post(reverse("photos:change", args=[kind, pk]),
                       {"photo": upload(data, name)})


@pytest.fixture
def first(nora, alice):
    return milestones.add_milestone(child=nora, kind="first_smile", user=alice,
                                    happened_on=timezone.localdate() - timedelta(days=2))


@pytest.fixture
def letter(nora, alice):
    return Moment.objects.create(household=nora.household, child=nora, kind="letter",
                                 started_at=timezone.now() - timedelta(hours=2),
                                 ended_at=timezone.now() - timedelta(hours=2),
                                 created_by=alice, note="Dear Nora")


def test_a_photo_is_kept_stripped_and_served_to_the_household(
        client_for, alice, carol, moment, photo_dir):
    response = add(client_for(alice), "moment", moment.pk)
    assert response.status_code == 302
    photo = Photo.objects.get(moment=moment)
    assert len(files(photo_dir)) == 2
    for stored in files(photo_dir):
        data = stored.read_bytes()
        assert b"Exif" not in data and b"Phone 15 Pro" not in data
        with Image.open(stored) as image:
            assert not image.getexif()
    # Carol (a viewer) sees it, privately cached.
    for size in ("small", "full"):
        served = client_for(carol).get(reverse("photos:serve", args=[photo.pk, size]))
        assert served.status_code == 200
        assert served["Content-Type"] == "image/jpeg"
        assert served["Cache-Control"].startswith("private")
        assert b"Exif" not in served.content
    assert client_for(carol).get(
        reverse("photos:serve", args=[photo.pk, "huge"])).status_code == 404


def test_another_household_never_finds_a_photo(client_for, alice, mallory, moment, first,
                                               photo_dir):
    add(client_for(alice), "moment", moment.pk)
    add(client_for(alice), "first", first.pk)
    mine = client_for(mallory)
    for photo in Photo.objects.all():
        assert mine.get(reverse("photos:serve", args=[photo.pk, "small"])).status_code == 404
    assert add(mine, "moment", moment.pk).status_code == 404
    assert add(mine, "first", first.pk).status_code == 404
    assert mine.post(reverse("photos:change", args=["moment", moment.pk]),
                     {"remove": "1"}).status_code == 404
    assert Photo.objects.count() == 2 and len(files(photo_dir)) == 4


def test_a_viewer_sees_but_cannot_add_or_remove(client_for, alice, carol, moment, first,
                                                photo_dir):
    add(client_for(alice), "moment", moment.pk)
    viewer = client_for(carol)
    assert add(viewer, "first", first.pk).status_code == 403
    assert viewer.post(reverse("photos:change", args=["moment", moment.pk]),
                       {"remove": "1"}).status_code == 403
    assert Photo.objects.count() == 1 and len(files(photo_dir)) == 2


def test_a_private_letters_photo_is_its_authors_alone(client_for, alice, bob, letter):
    add(client_for(alice), "moment", letter.pk)
    photo = Photo.objects.get(moment=letter)
    url = reverse("photos:serve", args=[photo.pk, "small"])
    assert client_for(alice).get(url).status_code == 200
    assert client_for(bob).get(url).status_code == 404
    assert add(client_for(bob), "moment", letter.pk).status_code == 404
    letter.details = {"shared": True}
    letter.save()
    assert client_for(bob).get(url).status_code == 200


@pytest.mark.parametrize(("data", "name", "words"), [
    (b"Dear Nora, this is text.", "letter.jpg", "could not be read as a photo"),
    (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40, "IMG_0001.HEIC", "HEIC"),
    (None, "bomb.png", "far larger than any photo"),
])
def test_bad_files_are_refused_kindly_and_nothing_is_kept(client_for, alice, moment,
                                                          photo_dir, data, name, words,
                                                          monkeypatch):
    if data is None:
        data = bomb()
    if "HEIC" in name:
        monkeypatch.setattr(images, "HEIC", False)
    response = add(client_for(alice), "moment", moment.pk, data, name)
    assert response.status_code == 302
    page = client_for(alice).get(response["Location"])
    assert words in page.content.decode()
    assert not Photo.objects.exists() and files(photo_dir) == []


def test_a_file_over_the_limit_is_refused(client_for, alice, moment, photo_dir, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    response = add(client_for(alice), "moment", moment.pk, jpeg_with_exif() + b"\0" * 2000)
    page = client_for(alice).get(response["Location"])
    assert "larger than" in page.content.decode()
    assert not Photo.objects.exists() and files(photo_dir) == []


def test_replacing_and_removing_leave_no_file_behind(client_for, alice, first, photo_dir,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add(client_for(alice), "first", first.pk)
        old = set(files(photo_dir))
        add(client_for(alice), "first", first.pk, jpeg_with_exif(colour=(0, 90, 0)))
    assert len(files(photo_dir)) == 2 and not old & set(files(photo_dir))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post(reverse("photos:change", args=["first", first.pk]),
                               {"remove": "1"})
    assert not Photo.objects.exists() and files(photo_dir) == []


def test_a_deleted_moments_photo_leaves_the_disk_when_the_undo_window_closes(
        client_for, alice, moment, nora, photo_dir, django_capture_on_commit_callbacks):
    add(client_for(alice), "moment", moment.pk)
    photo = Photo.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        journal.delete_moment(moment)
    # Within the undo window it is hidden but still there, and comes back with the moment.
    assert client_for(alice).get(
        reverse("photos:serve", args=[photo.pk, "small"])).status_code == 404
    assert len(files(photo_dir)) == 2
    # Once the window has passed, the next removal purges it, and its files with it.
    Moment.objects.filter(pk=moment.pk).update(
        deleted_at=timezone.now() - journal.UNDO_WINDOW - timedelta(seconds=1))
    other = Moment.objects.create(household=nora.household, child=nora, kind="bath",
                                  started_at=timezone.now(), ended_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        journal.delete_moment(other)
    assert not Photo.objects.exists() and files(photo_dir) == []


def test_a_removed_first_or_household_takes_its_photos_files(
        client_for, alice, first, moment, household, photo_dir,
        django_capture_on_commit_callbacks):
    add(client_for(alice), "first", first.pk)
    add(client_for(alice), "moment", moment.pk)
    with django_capture_on_commit_callbacks(execute=True):
        milestones.delete_milestone(first)
    assert len(files(photo_dir)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        household.delete()
    assert files(photo_dir) == []


def test_thumbnails_on_the_timeline_and_the_firsts_in_constant_queries(
        client_for, alice, nora, first, django_assert_max_num_queries):
    from tests.health.test_temperatures import yesterday_noon

    client = client_for(alice)
    now = yesterday_noon()  # the baths never straddle a midnight, whatever the clock

    def moments(n):
        made = []
        for i in range(n):
            made.append(journal.log_moment(child=nora, kind="bath", user=alice,
                                           started_at=now - timedelta(minutes=5 + i),
                                           note=f"bath {i}"))
        return made

    def count(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    timeline = reverse("journal:timeline") + f"?day={now.date()}"
    firsts = reverse("journal:milestones")
    add(client, "moment", moments(1)[0].pk)
    add(client, "first", first.pk)
    few = count(timeline), count(firsts)
    for made in moments(4):
        add(client, "moment", made.pk)
    for kind in ("first_laugh", "first_coo"):
        add(client, "first", milestones.add_milestone(
            child=nora, kind=kind, user=alice,
            happened_on=timezone.localdate() - timedelta(days=1)).pk)
    page = client.get(timeline).content.decode()
    assert page.count('class="photo-thumb"') == 5 and 'loading="lazy"' in page
    assert 'alt="Photo: Bath, bath 0"' in page
    assert client.get(firsts).content.decode().count('class="photo-thumb"') == 3
    assert (count(timeline), count(firsts)) == few


def test_the_edit_pages_offer_a_photo(client_for, alice, moment, first, letter):
    client = client_for(alice)
    for url in (reverse("journal:moment_edit", args=[moment.pk]),
                reverse("journal:moment_edit", args=[letter.pk]),
                reverse("journal:milestone_edit", args=[first.pk])):
        page = client.get(url).content.decode()
        assert 'accept="image/*"' in page and "capture" not in page
        assert 'enctype="multipart/form-data"' in page


def test_the_letters_page_shows_a_letters_photo_to_who_may_read_it(client_for, alice, bob,
                                                                    letter):
    add(client_for(alice), "moment", letter.pk)
    url = reverse("journal:letters") + f"?child={letter.child_id}"
    assert 'class="photo-thumb"' in client_for(alice).get(url).content.decode()
    assert 'class="photo-thumb"' not in client_for(bob).get(url).content.decode()


# --- Her caption, written on the page where she sees the photo -------------------------

def caption(client, photo, text, **headers):
    return client.post(reverse("photos:caption", args=[photo.pk]), {"caption": text},
                       **headers)


def test_a_caption_is_added_changed_and_cleared_on_the_edit_page(client_for, alice, moment,
                                                                  first):
    client = client_for(alice)
    add(client, "moment", moment.pk)
    add(client, "first", first.pk)
    photo = Photo.objects.get(moment=moment)
    page = client.get(reverse("journal:moment_edit", args=[moment.pk])).content.decode()
    assert 'name="caption"' in page and 'maxlength="200"' in page
    response = caption(client, photo, "  Your first bath, eyes wide open  ")
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:moment_edit", args=[moment.pk])
    photo.refresh_from_db()
    assert photo.caption == "Your first bath, eyes wide open"
    page = client.get(response["Location"]).content.decode()
    assert "Caption saved." in page and 'value="Your first bath, eyes wide open"' in page
    caption(client, photo, "Splashing")
    photo.refresh_from_db()
    assert photo.caption == "Splashing"
    response = caption(client, photo, "   ")
    photo.refresh_from_db()
    assert photo.caption == ""
    assert "Caption cleared." in client.get(response["Location"]).content.decode()
    # A first's photo: back to the first's page.
    first_photo = Photo.objects.get(milestone=first)
    response = caption(client, first_photo, "That smile")
    assert response["Location"] == reverse("journal:milestone_edit", args=[first.pk])
    first_photo.refresh_from_db()
    assert first_photo.caption == "That smile"


def test_with_htmx_the_photos_part_comes_back_in_place(client_for, alice, moment):
    client = client_for(alice)
    add(client, "moment", moment.pk)
    photo = Photo.objects.get()
    response = caption(client, photo, "Warm and sleepy", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    part = response.content.decode()
    assert part.lstrip().startswith('<section class="card photo-field')
    assert "Caption saved." in part and 'value="Warm and sleepy"' in part
    assert "<html" not in part


@pytest.mark.parametrize("htmx", [False, True])
def test_a_caption_too_long_is_refused_kindly_and_nothing_changes(client_for, alice, moment,
                                                                   htmx):
    client = client_for(alice)
    add(client, "moment", moment.pk)
    photo = Photo.objects.get()
    caption(client, photo, "Kept before")
    long = "ö" * 201
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = caption(client, photo, long, **headers)
    assert response.status_code == 400
    page = response.content.decode()
    assert "A caption can be up to 200 characters; this one has 201." in page
    assert f'value="{long}"' in page  # what she wrote is kept for her to shorten
    assert ('<html' in page) is not htmx  # without JS, a page of its own
    photo.refresh_from_db()
    assert photo.caption == "Kept before"
    # Exactly the limit is fine; a NUL byte is refused.
    assert caption(client, photo, "a" * 200).status_code == 302
    assert caption(client, photo, "a\x00b").status_code == 400
    photo.refresh_from_db()
    assert photo.caption == "a" * 200


def test_only_who_may_change_the_photo_may_caption_it(client_for, alice, bob, carol, mallory,
                                                      moment, letter):
    add(client_for(alice), "moment", moment.pk)
    add(client_for(alice), "moment", letter.pk)
    photo, letter_photo = Photo.objects.get(moment=moment), Photo.objects.get(moment=letter)
    assert caption(client_for(mallory), photo, "Mine now").status_code == 404  # other household
    assert caption(client_for(carol), photo, "Grandma's").status_code == 403  # a viewer
    assert caption(client_for(bob), letter_photo, "Peek").status_code == 404  # her letter
    assert caption(client_for(alice), Photo(pk=photo.pk + 999), "gone").status_code == 404
    assert client_for(alice).get(reverse("photos:caption", args=[photo.pk])).status_code == 405
    assert set(Photo.objects.values_list("caption", flat=True)) == {""}
    assert caption(client_for(bob), photo, "Bob's words").status_code == 302  # a caregiver


def test_saving_a_caption_takes_the_same_queries_whatever_the_photo(
        client_for, alice, moment, first, django_assert_max_num_queries):
    client = client_for(alice)
    add(client, "moment", moment.pk)
    add(client, "first", first.pk)
    for photo in Photo.objects.all():
        # 9: one of them reads the babies' names, for a caption that names one in harm
        # (wellbeing.notes.NotesReadForHarm).
        with django_assert_max_num_queries(9):
            caption(client, photo, "A line", HTTP_HX_REQUEST="true")
