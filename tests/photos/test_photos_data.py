"""Photos go with the household's data: in the CSV zip export (only those of what the
export holds), and in backups, written back on restore."""

import csv
import hashlib
import io
import zipfile

import pytest
from PIL import Image

from nestwell.cli import main
from nestwell.journal.models import Moment
from nestwell.ops import backup as backups
from nestwell.photos import services
from nestwell.photos.models import Photo
from nestwell.transfer import export
from tests.ops.test_backup import rewrite
from tests.photos.test_images import jpeg_with_exif
from tests.photos.test_photos import files, letter, photo_dir  # noqa: F401 (fixtures)


def test_the_csv_zip_holds_the_photos_the_export_may_show(household, alice, bob, moment,
                                                          letter):  # noqa: F811
    kept = services.attach(owner=moment, data=jpeg_with_exif(), user=alice,
                           caption="=1+1 in the bath")
    services.attach(owner=letter, data=jpeg_with_exif(), user=alice)  # Alice's, private
    out = io.BytesIO()
    export.write_csv_zip(export.Scope(household, bob), out)
    with zipfile.ZipFile(out) as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open("photos.csv"), "utf-8")))
        assert [r["moment_id"] for r in rows] == [str(moment.pk)]
        assert rows[0]["caption"] == "'=1+1 in the bath"  # kept as text, never a formula
        data = archive.read(rows[0]["file"])
        assert rows[0]["file"] == f"photos/moment-{moment.pk}.jpg"
    assert b"Exif" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert (image.width, image.height) == (kept.width, kept.height)
    # Alice's own export holds her letter's photo too.
    out = io.BytesIO()
    export.write_csv_zip(export.Scope(household, alice), out)
    with zipfile.ZipFile(out) as archive:
        assert len([n for n in archive.namelist() if n.startswith("photos/")]) == 2


@pytest.mark.django_db(transaction=True)
def test_a_backup_carries_the_photos_and_a_restore_writes_them_back(
        settings, tmp_path, alice, moment, photo_dir):  # noqa: F811
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    services.attach(owner=moment, data=jpeg_with_exif(), user=alice)
    before = {p.relative_to(photo_dir): p.read_bytes() for p in files(photo_dir)}
    path = backups.create_backup(tmp_path / "out")
    manifest = backups.verify_backup(path)
    assert manifest["summary"]["photos"] == 1 and len(manifest["photos"]) == 2
    for p in files(photo_dir):
        p.unlink()
    Moment.objects.all().delete()
    assert not Photo.objects.exists()
    restored = backups.restore_backup(path)
    assert restored["photos_written"] == 2
    assert Photo.objects.count() == 1
    assert {p.relative_to(photo_dir): p.read_bytes() for p in files(photo_dir)} == before


@pytest.mark.django_db(transaction=True)
def test_a_backup_naming_a_file_outside_the_photos_is_refused(
        settings, tmp_path, alice, moment, photo_dir):  # noqa: F811
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    path = backups.create_backup(tmp_path / "out")
    evil = b"#!/bin/sh\n"

    def name_a_file_outside(manifest):
        manifest["photos"] = [{"file": "photos/../../secret_key",
                               "sha256": hashlib.sha256(evil).hexdigest()}]

    forged = rewrite(path, tmp_path / "forged.nwbak", manifest_change=name_a_file_outside)
    with pytest.raises(backups.BackupRefused):
        backups.restore_backup(forged)
    assert files(photo_dir) == []


@pytest.mark.django_db(transaction=True)
def test_a_restore_removes_the_photos_added_after_the_backup(
        settings, tmp_path, alice, moment, photo_dir, capsys):  # noqa: F811
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    services.attach(owner=moment, data=jpeg_with_exif(), user=alice)
    kept = {p.relative_to(photo_dir) for p in files(photo_dir)}
    path = backups.create_backup(tmp_path / "out")
    later = Moment.objects.create(household=moment.household, child=moment.child,
                                  kind="cuddle", started_at=moment.started_at,
                                  created_by=alice)
    services.attach(owner=later, data=jpeg_with_exif(), user=alice)
    other = photo_dir / "notes.txt"  # not a file Nestwell writes: left alone
    other.write_text("the operator's")
    assert len(files(photo_dir)) == 5
    assert main(["restore", str(path), "--yes", "--no-safety-copy"]) == 0
    assert "2 photo files added after this backup was made were removed" in (
        capsys.readouterr().out)
    assert {p.relative_to(photo_dir) for p in files(photo_dir)} == kept | {
        other.relative_to(photo_dir)}
    assert backups.restore_backup(path)["photos_removed"] == 0  # nothing more to remove
