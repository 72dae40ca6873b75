"""Photos over the API: the same people see them as on the pages, the upload goes through
the same rules (metadata stripped, size and type refused kindly), a caption can change."""

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from nestwell.photos import images
from nestwell.photos.models import Photo
from tests.photos.test_images import jpeg_with_exif
from tests.photos.test_photos import files, first, letter, photo_dir  # noqa: F401


def upload(api, data=None, **owner):
    return api.post("/api/v1/photos", {**owner, "photo": data or jpeg_with_exif()})


def test_upload_strips_metadata_and_is_served_to_the_household(
        api_for, alice, carol, moment, photo_dir):  # noqa: F811
    made = upload(api_for(alice), moment=moment.pk, caption=" Nora asleep ")
    assert made.status_code == 201, made.content
    assert made.data["moment"] == moment.pk and made.data["caption"] == "Nora asleep"
    assert made.data["content_type"] == "image/jpeg" and made.data["width"] == 40
    for stored in files(photo_dir):
        assert b"Phone 15 Pro" not in stored.read_bytes()
    viewer = api_for(carol)
    assert viewer.get(f"/api/v1/photos?moment={moment.pk}").data["items"][0]["id"] == \
        made.data["id"]
    for size in ("full", "small"):
        served = viewer.get(f"{made.data['file']}?size={size}")
        assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
        assert served["Cache-Control"].startswith("private")
        assert b"Exif" not in served.content
    assert viewer.get(f"{made.data['file']}?size=huge").status_code == 422


def test_upload_needs_exactly_one_owner(api_for, alice, moment, first,  # noqa: F811
                                        photo_dir):  # noqa: F811
    api = api_for(alice)
    assert upload(api).status_code == 422
    both = upload(api, moment=moment.pk, milestone=first.pk)
    assert both.status_code == 422 and "moment" in both.data["error"]["fields"]
    assert not Photo.objects.exists() and files(photo_dir) == []


@pytest.mark.parametrize(("data", "words"), [
    (b"Dear Nora, this is text.", "could not be read as a photo"),
    (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40, "HEIC"),
])
def test_bad_files_are_refused_kindly_and_nothing_is_kept(
        api_for, alice, moment, photo_dir, data, words, monkeypatch):  # noqa: F811
    monkeypatch.setattr(images, "HEIC", False)
    refused = upload(api_for(alice), data, moment=moment.pk)
    assert refused.status_code == 422
    assert words in refused.data["error"]["fields"]["photo"][0]
    assert not Photo.objects.exists() and files(photo_dir) == []


def test_too_big_is_refused(api_for, alice, moment, photo_dir, monkeypatch):  # noqa: F811
    monkeypatch.setattr(images, "MAX_BYTES", 1000)
    refused = upload(api_for(alice), jpeg_with_exif() + b"\0" * 2000, moment=moment.pk)
    assert refused.status_code == 422 and "larger than" in refused.data["error"]["message"]
    assert files(photo_dir) == []


def test_a_private_letters_photo_is_its_authors_alone(api_for, alice, bob,
                                                      letter, photo_dir):  # noqa: F811
    made = upload(api_for(alice), moment=letter.pk).data
    partner = api_for(bob)
    assert partner.get("/api/v1/photos").data["items"] == []
    for path in (f"/api/v1/photos/{made['id']}", made["file"]):
        assert partner.get(path).status_code == 404
    assert partner.patch(f"/api/v1/photos/{made['id']}", {"caption": "x"}).status_code == 404
    assert partner.delete(f"/api/v1/photos/{made['id']}").status_code == 404
    assert upload(partner, moment=letter.pk).status_code == 404
    assert Photo.objects.get().caption == ""


def test_another_household_cannot_add_to_our_moment(api_for, alice, mallory, moment,
                                                    first, photo_dir):  # noqa: F811
    assert upload(api_for(mallory), moment=moment.pk).status_code == 404
    assert upload(api_for(mallory), milestone=first.pk).status_code == 404
    assert not Photo.objects.exists()


def test_caption_change_and_delete(api_for, alice, first, photo_dir,  # noqa: F811
                                   django_capture_on_commit_callbacks):
    api = api_for(alice)
    made = upload(api, milestone=first.pk).data
    changed = api.patch(f"/api/v1/photos/{made['id']}", {"caption": "Her first smile"})
    assert changed.status_code == 200 and changed.data["caption"] == "Her first smile"
    too_long = api.patch(f"/api/v1/photos/{made['id']}", {"caption": "x" * 201})
    assert too_long.status_code == 422
    assert Photo.objects.get().caption == "Her first smile"
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"/api/v1/photos/{made['id']}").status_code == 204
    assert not Photo.objects.exists() and files(photo_dir) == []


def test_the_list_filters_by_first(api_for, alice, moment, first, photo_dir):  # noqa: F811
    api = api_for(alice)
    upload(api, moment=moment.pk)
    on_first = upload(api, milestone=first.pk).data
    found = api.get(f"/api/v1/photos?milestone={first.pk}").data["items"]
    assert [p["id"] for p in found] == [on_first["id"]]
    assert len(api.get("/api/v1/photos").data["items"]) == 2
    with Image.open(photo_dir / Photo.objects.get(pk=on_first["id"]).file_name("small")) \
            as small:
        assert small.width <= images.SMALL_SIDE


def test_the_list_costs_the_same_queries_with_more_photos(api_for, alice, nora, household):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nestwell.journal.models import Moment

    api = api_for(alice)
    made = []

    def grow(n):
        for i in range(n):
            at = timezone.now() - timedelta(minutes=len(made) + 1)
            made.append(Moment.objects.create(household=household, child=nora, kind="bath",
                                              started_at=at, ended_at=at, created_by=alice))
            moment = made[-1]
            Photo.objects.create(household=household, moment=moment, name=f"p{moment.pk}-{i}",
                                 extension="jpg", content_type="image/jpeg", width=1,
                                 height=1, bytes=1)

    def queries():
        api.get("/api/v1/photos")
        with CaptureQueriesContext(connection) as seen:
            assert len(api.get("/api/v1/photos?count=true").data["items"]) > 0
        return len(seen)

    grow(2)
    few = queries()
    grow(30)
    assert queries() == few
