"""Backups and restores, for real: the test database itself (SQLite, or PostgreSQL when
DATABASE_URL is set) is backed up with the SQLite backup API or pg_dump, changed, and put
back; damaged, foreign and locked files are refused with nothing changed. One more test runs
the command line against a file database in WAL mode, as a home server has it."""

import gzip
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection

from nestwell.accounts.models import Household, User
from nestwell.children.models import Child
from nestwell.cli import main
from nestwell.journal.models import Moment
from nestwell.ops import backup as backups
from nestwell.ops.backup import BackupError, BackupRefused, create_backup, prune, restore_backup

pytestmark = pytest.mark.django_db(transaction=True)

PASSPHRASE = "Nora's first winter, 2026"
KEY = "k" * 60 + "\n"


@pytest.fixture
def data_dir(settings, tmp_path):
    """A data directory of its own, with a generated secret key file in it."""
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "secret_key").write_text(KEY)
    settings.DATA_DIR = directory
    settings.NESTWELL_BACKUP_DIR = directory / "backups"
    settings.NESTWELL_BACKUP_PASSPHRASE = None
    return directory


@pytest.fixture
def family(alice, bob, nora, moment):
    """Alice, Bob and Nora, with two moments."""
    Moment.objects.create(household=nora.household, child=nora, kind="singing",
                          started_at=moment.started_at + timedelta(minutes=40),
                          actor=bob, created_by=bob)
    return nora


def snapshot():
    return {
        "households": list(Household.objects.order_by("pk").values()),
        "users": list(User.objects.order_by("pk").values()),
        "children": list(Child.objects.order_by("pk").values()),
        "moments": list(Moment.objects.order_by("pk").values()),
    }


def change_everything(data_dir):
    Moment.objects.filter(kind="singing").delete()
    Household.objects.update(name="Renamed")
    Child.objects.create(household=Household.objects.get(), name="Someone new",
                         birth_at=datetime(2026, 11, 1, tzinfo=UTC))
    (data_dir / "secret_key").write_text("another-key-" + "z" * 50 + "\n")


def leftovers(directory):
    return [p.name for p in Path(directory).iterdir() if p.name.startswith(".")]


def rewrite(path, target, manifest_change=None, database_change=None, fix_checksum=True):
    """Write a copy of a plain backup with its manifest or database changed."""
    with tarfile.open(path, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    manifest = json.loads(members["manifest.json"])
    if database_change:
        name = manifest["database"]["file"]
        members[name] = database_change(members[name])
        if fix_checksum:
            import hashlib

            manifest["database"]["sha256"] = hashlib.sha256(members[name]).hexdigest()
    if manifest_change:
        manifest_change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w:") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    with open(target, "wb") as handle, gzip.GzipFile(filename="nestwell-backup.tar",
                                                     mode="wb", fileobj=handle) as out:
        out.write(raw.getvalue())
    return target


# --- Round trips -------------------------------------------------------------------------


def test_a_backup_round_trip_brings_everything_back(family, data_dir, tmp_path):
    before = snapshot()
    path = create_backup(tmp_path / "out", now=datetime(2026, 11, 22, 3, 0, tzinfo=UTC))

    assert path.name == "nestwell-backup-20261122T030000Z.nwbak"
    assert path.stat().st_mode & 0o777 == 0o600
    manifest = backups.verify_backup(path)
    assert manifest["format"] == "nestwell-backup" and manifest["format_version"] == 1
    assert manifest["engine"] == connection.vendor
    assert manifest["created_at"] == "2026-11-22T03:00:00Z"
    assert re.fullmatch(r"\d{4}_\w+", manifest["migrations"]["journal"])
    assert manifest["summary"] == {"households": 1, "babies": 1, "moments": 2, "photos": 0}
    assert manifest["encrypted"] is False

    change_everything(data_dir)
    assert snapshot() != before

    restored = restore_backup(path)
    assert snapshot() == before
    assert (data_dir / "secret_key").read_text() == KEY
    assert (data_dir / "secret_key").stat().st_mode & 0o777 == 0o600
    assert restored["secret_key_changed"] is True
    assert leftovers(data_dir) == []
    # The restored database is a working one: it can be written to again.
    Moment.objects.create(household=family.household, child=Child.objects.get(name="Nora"),
                          kind="cuddle", started_at=datetime.now(UTC))
    assert Moment.objects.count() == 3


def test_an_encrypted_round_trip(family, data_dir, tmp_path):
    before = snapshot()
    path = create_backup(tmp_path, passphrase=PASSPHRASE)
    data = path.read_bytes()
    assert data.startswith(b"NWBAK-ENC\x00")
    assert backups.is_encrypted(path)
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(data)

    assert backups.verify_backup(path, passphrase=PASSPHRASE)["encrypted"] is True
    change_everything(data_dir)
    restore_backup(path, passphrase=PASSPHRASE)
    assert snapshot() == before
    assert (data_dir / "secret_key").read_text() == KEY


def test_a_backup_without_a_secret_key_file_leaves_the_key_alone(family, data_dir, tmp_path):
    (data_dir / "secret_key").unlink()
    path = create_backup(tmp_path)
    assert backups.verify_backup(path)["secret_key"] is None
    (data_dir / "secret_key").write_text(KEY)
    restored = restore_backup(path)
    assert restored["secret_key_changed"] is False
    assert (data_dir / "secret_key").read_text() == KEY


def test_the_push_key_comes_back_and_devices_keep_their_subscriptions(family, data_dir,
                                                                      tmp_path):
    """Browsers tie each push subscription to the server's public key: a restore brings
    back the key the backup was made with, so every device still receives reminders."""
    from nestwell.reminders import vapid

    kept = vapid.public_key()  # made in the data directory on first use
    path = create_backup(tmp_path)
    manifest = backups.verify_backup(path)
    assert manifest["vapid_key"]["file"] == vapid.key_path().name
    assert "the key for push notifications" in backups.describe(manifest)

    vapid.key_path().unlink()  # the key is lost, and a new one made
    assert vapid.public_key() != kept
    restored = restore_backup(path)
    assert restored["vapid_key_changed"] is True
    assert vapid.key_path().stat().st_mode & 0o777 == 0o600
    # Read again from the restored file, without a restart.
    assert vapid.public_key() == kept
    assert leftovers(data_dir) == []


def test_a_backup_without_a_push_key_leaves_the_key_alone(family, data_dir, tmp_path):
    from nestwell.reminders import vapid

    path = create_backup(tmp_path)
    assert backups.verify_backup(path)["vapid_key"] is None
    kept = vapid.public_key()
    assert restore_backup(path)["vapid_key_changed"] is False
    assert vapid.public_key() == kept


# --- Refusals: nothing changes ------------------------------------------------------------


def refused(path, passphrase=None):
    """Restore must refuse; return the message, and check that nothing changed."""
    before = snapshot()
    key = (Path(backups._secret_key_path())).read_text()
    with pytest.raises(BackupRefused) as excinfo:
        restore_backup(path, passphrase=passphrase)
    assert snapshot() == before
    assert Path(backups._secret_key_path()).read_text() == key
    assert leftovers(backups._secret_key_path().parent) == []
    with pytest.raises(BackupRefused):
        backups.verify_backup(path, passphrase=passphrase)
    return str(excinfo.value)


@pytest.fixture
def changed_after_backup(family, data_dir, tmp_path):
    """A plain and an encrypted backup, then the data changed after them."""
    plain = create_backup(tmp_path / "plain")
    locked = create_backup(tmp_path / "locked", passphrase=PASSPHRASE)
    change_everything(data_dir)
    return plain, locked


def test_a_wrong_or_missing_passphrase_is_refused(changed_after_backup):
    _, locked = changed_after_backup
    assert "passphrase does not unlock" in refused(locked, passphrase="not the one")
    message = refused(locked)
    assert "locked with a passphrase" in message and "--passphrase-file" in message


def test_a_cut_short_backup_is_refused(changed_after_backup, tmp_path):
    plain, locked = changed_after_backup
    for source in (plain, locked):
        data = source.read_bytes()
        for length in (len(data) // 2, len(data) - 1, 20, 5):
            cut = tmp_path / f"cut-{length}.nwbak"
            cut.write_bytes(data[:length])
            message = refused(cut, passphrase=PASSPHRASE)
            assert "damaged or incomplete" in message, (source, length, message)


def test_a_flipped_byte_is_refused(changed_after_backup, tmp_path):
    plain, locked = changed_after_backup
    for source in (plain, locked):
        data = bytearray(source.read_bytes())
        for at in (len(data) // 2, len(data) - 3, 60):
            flipped = data.copy()
            flipped[at] ^= 0x01
            target = tmp_path / f"flipped-{at}.nwbak"
            target.write_bytes(bytes(flipped))
            message = refused(target, passphrase=PASSPHRASE)
            assert "damaged" in message or "passphrase" in message, (source, at, message)
            if at != 60 or source is plain:  # byte 60 of a locked file is in its key check
                assert "damaged" in message


def test_a_changed_payload_with_its_old_checksum_is_refused(changed_after_backup, tmp_path):
    plain, _ = changed_after_backup
    target = rewrite(plain, tmp_path / "tampered.nwbak",
                     database_change=lambda data: data[:-1] + bytes([data[-1] ^ 1]),
                     fix_checksum=False)
    assert "damaged" in refused(target)


def test_foreign_files_are_refused(changed_after_backup, tmp_path):
    text = tmp_path / "notes.nwbak"
    text.write_text("Shopping: nappies, wipes, coffee.\n" * 20)
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("nora.txt", "first smile")
    other_gzip = tmp_path / "something.tar.gz"
    other_gzip.write_bytes(gzip.compress(b"not ours" * 100))
    database = tmp_path / "plain.sqlite3"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.close()
    for foreign in (text, archive, other_gzip, database):
        assert "not a Nestwell backup" in refused(foreign), foreign
    empty = tmp_path / "empty.nwbak"
    empty.write_bytes(b"")
    assert "empty" in refused(empty)
    assert "no file" in refused(tmp_path / "missing.nwbak")
    assert "folder" in refused(tmp_path)


def test_another_kind_of_nestwell_file_is_refused(changed_after_backup, tmp_path):
    plain, _ = changed_after_backup
    target = rewrite(plain, tmp_path / "export.nwbak",
                     manifest_change=lambda m: m.update(format="nestwell-export"))
    assert "not a Nestwell backup" in refused(target)


def test_a_backup_of_the_other_database_engine_is_refused(changed_after_backup, tmp_path):
    plain, _ = changed_after_backup
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    target = rewrite(plain, tmp_path / "other.nwbak",
                     manifest_change=lambda m: m.update(engine=other))
    message = refused(target)
    assert "SQLite" in message and "PostgreSQL" in message


def test_a_backup_from_a_newer_nestwell_is_refused(changed_after_backup, tmp_path):
    plain, _ = changed_after_backup

    def from_the_future(manifest):
        manifest["migrations"]["journal"] = "0099_from_the_future"
        manifest["nestwell_version"] = "9.0.0"

    target = rewrite(plain, tmp_path / "newer.nwbak", manifest_change=from_the_future)
    message = refused(target)
    assert "newer version of Nestwell (9.0.0)" in message and "Update Nestwell" in message
    newer_format = rewrite(plain, tmp_path / "newer-format.nwbak",
                           manifest_change=lambda m: m.update(format_version=2))
    assert "newer version" in refused(newer_format)


def test_a_damaged_database_inside_is_refused(changed_after_backup, tmp_path):
    plain, _ = changed_after_backup

    def scribble(data):
        """Over the page holding the households, with a checksum to match. A page chosen
        by its place in the file could be a free one, which no check reads: the test
        database's free pages depend on what the tests before this one did. (On
        PostgreSQL the file is a dump: over its middle.)"""
        if not data.startswith(b"SQLite format 3\x00"):
            middle = len(data) // 2
            return data[:middle] + b"\xff" * 8192 + data[middle + 8192:]
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(data)
        with sqlite3.connect(copy) as db:
            size = db.execute("PRAGMA page_size").fetchone()[0]
            root = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?",
                              [Household._meta.db_table]).fetchone()[0]
        db.close()
        start = (root - 1) * size
        return data[:start] + b"\xff" * size + data[start + size:]

    target = rewrite(plain, tmp_path / "scribbled.nwbak", database_change=scribble)
    assert "damaged" in refused(target)


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="PostgreSQL only")
def test_a_postgresql_restore_that_fails_half_way_changes_nothing(changed_after_backup,
                                                                  monkeypatch):
    import psycopg

    plain, _ = changed_after_backup
    changed = snapshot()
    params = connection.get_connection_params()
    # Another connection uses the sessions table, so the restore (which drops the tables in
    # name order) cannot drop it after it has dropped accounts_household, accounts_user…:
    # the single transaction must put everything back.
    other = psycopg.connect(**{key: value for key, value in params.items()
                               if key in ("dbname", "user", "password", "host", "port")})
    other.execute("LOCK TABLE django_session IN ACCESS SHARE MODE")
    monkeypatch.setattr(backups, "PG_LOCK_TIMEOUT", "1s")
    try:
        with pytest.raises(BackupError) as excinfo:
            restore_backup(plain)
    finally:
        other.rollback()
        other.close()
    assert not isinstance(excinfo.value, BackupRefused) and not excinfo.value.changed
    message = str(excinfo.value)
    assert "the database is as it was" in message and "django_session" in message, message
    assert snapshot() == changed


# --- Keeping the last few -------------------------------------------------------------------


def test_prune_keeps_the_newest_and_touches_nothing_else(tmp_path):
    names = ["nestwell-backup-20261120T030000Z.nwbak", "nestwell-backup-20261121T030000Z.nwbak",
             "nestwell-backup-20261122T030000Z.nwbak", "nestwell-backup-20261122T030000Z-2.nwbak",
             "nestwell-backup-20261119T030000Z.nwbak"]
    others = ["notes.txt", "nestwell-backup-latest.nwbak", "nestwell.sqlite3",
              ".nestwell-backup-x.tmp"]
    for name in names + others:
        (tmp_path / name).write_text(name)

    removed = prune(tmp_path, 2)

    assert sorted(p.name for p in removed) == sorted(names[0:2] + names[4:5])
    remaining = sorted(p.name for p in tmp_path.iterdir())
    assert remaining == sorted(names[2:4] + others)
    assert [p.name for p in backups.backup_files(tmp_path)] == [names[3], names[2]]
    with pytest.raises(BackupError):
        prune(tmp_path, 0)
    assert prune(tmp_path / "nowhere", 3) == []


def test_two_backups_in_the_same_second_both_stay(family, data_dir, tmp_path):
    moment_in_time = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
    first = create_backup(tmp_path, now=moment_in_time)
    second = create_backup(tmp_path, now=moment_in_time)
    assert first != second and first.exists() and second.exists()
    assert second.name == "nestwell-backup-20261122T030000Z-2.nwbak"
    assert backups.backup_files(tmp_path) == [second, first]


def test_the_daily_backup_writes_one_and_keeps_the_last_few(family, data_dir, settings):
    from nestwell.ops.tasks import daily_backup

    settings.NESTWELL_BACKUP_KEEP = 2
    settings.NESTWELL_BACKUP_PASSPHRASE = PASSPHRASE
    for _ in range(3):
        daily_backup.call_local()
    kept = backups.backup_files(settings.NESTWELL_BACKUP_DIR)
    assert len(kept) == 2
    assert all(backups.is_encrypted(path) for path in kept)
    assert backups.verify_backup(kept[0], passphrase=PASSPHRASE)["summary"]["moments"] == 2


# --- The command line -------------------------------------------------------------------


def test_backup_and_restore_have_help():
    for command in ("backup", "restore"):
        done = subprocess.run([sys.executable, "-m", "nestwell.cli", command, "--help"],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0 and "Exit status" in done.stdout


def test_the_command_line_backs_up_checks_and_restores(family, data_dir, tmp_path, capsys):
    before = snapshot()
    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_text(PASSPHRASE + "\n")

    assert main(["backup", "--to", str(tmp_path / "out"),
                 "--passphrase-file", str(passphrase_file), "--keep", "3"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.parent == tmp_path / "out" and backups.is_encrypted(path)

    change_everything(data_dir)
    changed = snapshot()
    # Without --yes it only checks, and says what it would do.
    assert main(["restore", str(path), "--passphrase-file", str(passphrase_file)]) == 0
    out = capsys.readouterr().out
    assert "good backup" in out and "2 moments" in out and "--yes" in out
    assert snapshot() == changed

    # Locked, and no passphrase given: refused with exit 2.
    assert main(["restore", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "locked with a passphrase" in err and "Nothing was changed" in err
    assert snapshot() == changed

    assert main(["restore", str(path), "--yes", "--passphrase-file", str(passphrase_file)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "sign in again" in out
    # What was revoked since the backup works again: the operator is told (a walkthrough).
    assert "API tokens and share links are as they were" in out and "Revoke it again" in out
    assert snapshot() == before
    # The data as it was just before is kept as a backup of its own.
    safety = backups.backup_files(data_dir / "backups")
    assert len(safety) == 1 and backups.verify_backup(safety[0])["summary"]["babies"] == 2


def test_the_command_line_refuses_bad_files_with_exit_2(family, data_dir, tmp_path, capsys):
    foreign = tmp_path / "holiday.zip"
    with zipfile.ZipFile(foreign, "w") as handle:
        handle.writestr("a.txt", "sun")
    before = snapshot()
    assert main(["restore", str(foreign), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "not a Nestwell backup" in err and "Nothing was changed" in err
    assert main(["restore", str(tmp_path / "missing.nwbak")]) == 2
    assert main(["restore", str(foreign), "--passphrase-file", str(tmp_path / "none")]) == 2
    assert "Could not read the passphrase file" in capsys.readouterr().err
    assert snapshot() == before
    assert not (data_dir / "backups").exists()  # no safety copy made for a refused file


def test_the_command_line_reports_a_failed_backup_with_exit_1(family, data_dir, tmp_path,
                                                              capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    assert main(["backup", "--to", str(blocker / "backups")]) == 1
    assert "Could not create the backup folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as excinfo:
        main(["backup", "--keep", "0"])
    assert excinfo.value.code == 2


# --- A home server: a SQLite file in WAL mode, through the command line --------------------


def nestwell(env, *args):
    return subprocess.run([sys.executable, "-m", "nestwell.cli", *args], env=env,
                          capture_output=True, text=True, check=False, timeout=120)


def test_a_live_sqlite_file_in_wal_mode_round_trip(tmp_path):
    data = tmp_path / "home"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "NESTWELL_SECRET_KEY", "REDIS_URL")}
    env.update(NESTWELL_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="nestwell.settings",
               NESTWELL_BACKUP_PASSPHRASE="")
    assert nestwell(env, "manage", "migrate", "--verbosity", "0").returncode == 0
    database = data / "nestwell.sqlite3"
    key = (data / "secret_key").read_text()

    # Another process keeps the database open (as the web server does) all along.
    reader = sqlite3.connect(database, isolation_level=None)
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    reader.execute("CREATE TABLE kept_note (text TEXT)")
    reader.execute("INSERT INTO kept_note VALUES ('first smile')")

    done = nestwell(env, "backup", "--keep", "5")
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip())
    assert path.parent == data / "backups"

    reader.execute("UPDATE kept_note SET text = 'changed'")
    reader.execute("INSERT INTO kept_note VALUES ('another')")
    (data / "secret_key").write_text("x" * 60)

    done = nestwell(env, "restore", str(path), "--yes", "--no-safety-copy")
    assert done.returncode == 0, done.stderr
    assert reader.execute("SELECT text FROM kept_note").fetchall() == [("first smile",)]
    assert reader.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (data / "secret_key").read_text() == key
    reader.close()

    damaged = tmp_path / "damaged.nwbak"
    damaged.write_bytes(path.read_bytes()[:-100])
    done = nestwell(env, "restore", str(damaged), "--yes")
    assert done.returncode == 2 and "damaged" in done.stderr
    assert list((data / "backups").iterdir()) == [path]  # refused before any safety copy
