"""Backups of the whole installation, and restoring them.

A backup is one file, ``nestwell-backup-YYYYMMDDTHHMMSSZ.nwbak`` (``-2``, ``-3`` … is added
when two are made in the same second). It holds:

- ``manifest.json``: the format (``nestwell-backup``, version 1), when it was made (UTC),
  the database engine (``sqlite`` or ``postgresql``), the Nestwell version, the latest
  applied migration of each app, a short summary (households, babies, moments) and the
  SHA-256 of every other member;
- ``database.sqlite3`` (a consistent copy made with SQLite's online backup API, while the
  app runs) or ``database.pgdump`` (``pg_dump --format=custom --no-owner``);
- ``secret_key``: the key generated in the data directory, when there is one;
- ``vapid_private_key.pem``: the key that signs push notifications (reminders), when there
  is one. Browsers tie each device's subscription to it, so a restore that brings it back
  keeps every device's notifications working.
- ``photos/…``: the files of every kept photo (both copies, from the ``photos`` storage),
  each listed in the manifest with its SHA-256; a restore writes back those missing.

Unencrypted, the file is an ordinary gzip-compressed tar (``tar -tzf`` lists it) whose gzip
header carries the name ``nestwell-backup.tar``, which is how a Nestwell backup is told from
any other file. Encrypted with a passphrase, the same bytes are sealed with AES-256-GCM under
a key derived with scrypt, behind a small plain header (see ``_encrypt``), so a restore can
tell "this backup needs its passphrase" from "this is the wrong passphrase" from "this file
is damaged".

Restoring checks everything first (format, checksums, passphrase, database engine, and that
this installation knows every migration the backup has) and changes nothing when any check
fails. SQLite is restored through the same online backup API, into the live database in one
transaction, so a running server sees the restored data on its next request; PostgreSQL
through ``pg_restore``'s script run by ``psql`` in a single transaction. Migrations then run
forward, in case the backup is older than this installation.
"""

import gzip
import hashlib
import hmac
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import unicodedata
import zlib
from datetime import UTC, datetime
from pathlib import Path

from django.utils.translation import gettext as _

FORMAT = "nestwell-backup"
FORMAT_VERSION = 1
SUFFIX = ".nwbak"
_CREATED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
NAME_PATTERN = re.compile(r"^nestwell-backup-(\d{8}T\d{6}Z)(?:-(\d+))?\.nwbak$")

# The name inside the gzip header that marks an unencrypted Nestwell backup.
_GZIP_NAME = b"nestwell-backup.tar"
_PLAIN_SIGNATURE = b"\x1f\x8b\x08"
# The plain header of an encrypted backup:
#   magic (10) | version (1) | scrypt log2(n), r, p (3) | salt (16) | nonce (12) | check (32)
_ENCRYPTED_MAGIC = b"NWBAK-ENC\x00"
_ENCRYPTED_VERSION = 1
_SCRYPT = (15, 8, 1)  # n = 2**15: about 32 MiB and a tenth of a second
_HEADER_LENGTH = len(_ENCRYPTED_MAGIC) + 1 + 3 + 16 + 12 + 32

_MANIFEST = "manifest.json"
# The keys Nestwell generates in the data directory: the manifest's entry, the member's
# name in the archive (the file's own name in the data directory).
_KEYS = {"secret_key": "secret_key", "vapid_key": "vapid_private_key.pem"}
_PAYLOAD = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
_ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup could not be made, or a file was refused; the message is for people.

    ``changed`` is True only when a restore failed after the database had been replaced.
    """

    def __init__(self, message, *, changed=False):
        super().__init__(message)
        self.message = message
        self.changed = changed

    def __str__(self):
        return self.message


class BackupRefused(BackupError):
    """The file itself was refused: not a backup, damaged, locked, or not for this install."""


# --- Naming and pruning ---------------------------------------------------------------


def backup_files(directory) -> list[Path]:
    """The backups in a folder, newest first (only files named like a backup)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        match = NAME_PATTERN.match(path.name)
        if match and path.is_file() and not path.is_symlink():
            found.append(((match.group(1), int(match.group(2) or 1)), path))
    return [path for _key, path in sorted(found, reverse=True)]


def prune(destination_dir, keep) -> list[Path]:
    """Remove all but the newest ``keep`` backups in the folder; return what was removed."""
    if keep < 1:
        raise BackupError(_("Keep at least one backup (the number to keep must be 1 or more)."))
    removed = []
    for path in backup_files(destination_dir)[keep:]:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise BackupError(_("Could not remove the old backup %(path)s: %(reason)s.")
                             % {"path": path, "reason": error.strerror}) from error
        removed.append(path)
    return removed


def _new_path(directory: Path, created: datetime) -> Path:
    stamp = created.strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"nestwell-backup-{stamp}{SUFFIX}"
    counter = 2
    while path.exists():
        path = directory / f"nestwell-backup-{stamp}-{counter}{SUFFIX}"
        counter += 1
    return path


# --- Encryption -------------------------------------------------------------------------


def _derive(passphrase: str, salt: bytes, n_log2: int, r: int, p: int) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    derived = Scrypt(salt=salt, length=64, n=2**n_log2, r=r, p=p).derive(secret)
    return derived[:32], derived[32:]  # the AES key, and a check value kept in the header


def _encrypt(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    n_log2, r, p = _SCRYPT
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    key, check = _derive(passphrase, salt, n_log2, r, p)
    header = (_ENCRYPTED_MAGIC + bytes([_ENCRYPTED_VERSION, n_log2, r, p])
              + salt + nonce + check)
    # The header is authenticated too: changing any byte of it makes the file refused.
    return header + AESGCM(key).encrypt(nonce, data, header)


def _decrypt(data: bytes, passphrase: str | None, path: Path) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(data) < _HEADER_LENGTH + 16:
        raise BackupRefused(_damaged(path))
    version = data[len(_ENCRYPTED_MAGIC)]
    if version != _ENCRYPTED_VERSION:
        raise BackupRefused(_too_new(path))
    if not passphrase:
        raise BackupRefused(
            _("This backup is locked with a passphrase: %(path)s\n"
              "Give the passphrase (with --passphrase-file, or in NESTWELL_BACKUP_PASSPHRASE) "
              "to restore it.") % {"path": path}
        )
    at = len(_ENCRYPTED_MAGIC) + 1
    n_log2, r, p = data[at], data[at + 1], data[at + 2]
    if not (10 <= n_log2 <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
        raise BackupRefused(_damaged(path))
    salt = data[at + 3:at + 19]
    nonce = data[at + 19:at + 31]
    stored_check = data[at + 31:_HEADER_LENGTH]
    key, check = _derive(passphrase, salt, n_log2, r, p)
    if not hmac.compare_digest(check, stored_check):
        raise BackupRefused(
            _("The passphrase does not unlock this backup. Check it (capital letters, spaces) "
              "and try again.")
        )
    try:
        return AESGCM(key).decrypt(nonce, data[_HEADER_LENGTH:], data[:_HEADER_LENGTH])
    except InvalidTag:
        raise BackupRefused(_damaged(path)) from None


def is_encrypted(path) -> bool:
    """Whether the file starts like an encrypted Nestwell backup."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(_ENCRYPTED_MAGIC)) == _ENCRYPTED_MAGIC
    except OSError:
        return False


# --- Messages ---------------------------------------------------------------------------


def _damaged(path) -> str:
    return _("This backup is damaged or incomplete, so it cannot be used: %(path)s\n"
             "It may have been cut short while it was copied. Try another backup, or copy "
             "this one again from where it was kept.") % {"path": path}


def _foreign(path) -> str:
    return _("This file is not a Nestwell backup: %(path)s\n"
             "Nestwell backups are named like %(example)s.") % {
        "path": path, "example": "nestwell-backup-20261122T030000Z.nwbak"}


def _too_new(path) -> str:
    return _("This backup was made by a newer version of Nestwell than the one installed "
             "here: %(path)s\nUpdate Nestwell first, then restore it.") % {"path": path}


# --- Reading a backup -------------------------------------------------------------------


def _looks_plain(data: bytes) -> bool:
    """A gzip stream whose header names ``nestwell-backup.tar`` (FNAME set, no FEXTRA)."""
    name_at = 10
    return (data[:3] == _PLAIN_SIGNATURE and len(data) > name_at
            and data[3] & 0x08 and not data[3] & 0x04
            and data[name_at:name_at + len(_GZIP_NAME) + 1] == _GZIP_NAME + b"\x00")


def _is_cut_short_start(data: bytes) -> bool:
    """A file so short that it could be the first bytes of a backup, and nothing more."""
    if _ENCRYPTED_MAGIC.startswith(data[:len(_ENCRYPTED_MAGIC)]):
        return True
    return len(data) < 10 + len(_GZIP_NAME) + 1 and data[:3] == _PLAIN_SIGNATURE[:len(data)]


class _Contents:
    def __init__(self, manifest, database, keys, photos=None):
        self.manifest = manifest
        self.database = database
        self.keys = keys  # manifest entry -> the key file's bytes, for those it holds
        self.photos = photos or {}


# A photo file's name in a backup: nothing else is written back into the photo storage.
_PHOTO_MEMBER = re.compile(r"photos/([A-Za-z0-9_-]{2}/[A-Za-z0-9_-]{8,64}\.(?:small|full)"
                           r"\.(?:jpg|webp))")


def _photo_members(tar, members, entries, path) -> dict[str, bytes]:
    if not isinstance(entries, list):
        raise BackupRefused(_damaged(path))
    photos = {}
    for entry in entries:
        match = _PHOTO_MEMBER.fullmatch(str(entry.get("file")) if isinstance(entry, dict)
                                        else "")
        if match is None:
            raise BackupRefused(_damaged(path))
        photos[match.group(1)] = _member(tar, members, entry, path)
    return photos


def _read(path, passphrase) -> _Contents:
    path = Path(path)
    if path.is_dir():
        raise BackupRefused(_("%(path)s is a folder; give the backup file inside it.")
                             % {"path": path})
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)  # enough to tell; a large foreign file is not read whole
            encrypted = head.startswith(_ENCRYPTED_MAGIC)
            if not head:
                raise BackupRefused(
                    _("This file is empty, so it is not a usable backup: %(path)s")
                    % {"path": path})
            if not encrypted and not _looks_plain(head):
                raise BackupRefused(
                    _damaged(path) if _is_cut_short_start(head) else _foreign(path))
            data = head + handle.read()
    except FileNotFoundError:
        raise BackupRefused(_("There is no file at %(path)s.") % {"path": path}) from None
    except OSError as error:
        raise BackupRefused(_("Could not read %(path)s: %(reason)s.")
                             % {"path": path, "reason": error.strerror}) from error

    if encrypted:
        data = _decrypt(data, passphrase, path)
        if not _looks_plain(data):
            raise BackupRefused(_damaged(path))

    try:
        archive = gzip.decompress(data)
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
            members = {member.name: member for member in tar.getmembers() if member.isfile()}
            if _MANIFEST not in members:
                raise BackupRefused(_damaged(path))
            manifest = json.loads(tar.extractfile(members[_MANIFEST]).read())
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BackupRefused(_foreign(path))
            version = manifest.get("format_version")
            if not isinstance(version, int):
                raise BackupRefused(_damaged(path))
            if version > FORMAT_VERSION:
                raise BackupRefused(_too_new(path))
            database = _member(tar, members, manifest.get("database"), path)
            keys = {name: _member(tar, members, manifest[name], path)
                    for name in _KEYS if manifest.get(name)}
            photos = _photo_members(tar, members, manifest.get("photos", []), path)
    except BackupError:
        raise
    except (EOFError, OSError, zlib.error, tarfile.TarError, ValueError, KeyError,
            TypeError, AttributeError):
        # gzip (cut short, bad CRC), tar, JSON or manifest structure: all mean damage here.
        raise BackupRefused(_damaged(path)) from None
    migrations = manifest.get("migrations")
    if (manifest.get("engine") not in _PAYLOAD or not isinstance(migrations, dict)
            or not all(isinstance(item, str) for pair in migrations.items() for item in pair)
            or not _CREATED.fullmatch(str(manifest.get("created_at")))):
        raise BackupRefused(_damaged(path))
    manifest["encrypted"] = encrypted
    return _Contents(manifest, database, keys, photos)


def _member(tar, members, entry, path) -> bytes:
    if not isinstance(entry, dict) or entry.get("file") not in members:
        raise BackupRefused(_damaged(path))
    data = tar.extractfile(members[entry["file"]]).read()
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise BackupRefused(_damaged(path))
    return data


# --- What this installation is --------------------------------------------------------


def _connection(using):
    from django.db import connections

    return connections[using]


def _engine(connection) -> str:
    vendor = connection.vendor
    if vendor not in _PAYLOAD:
        raise BackupError(_("Backups work with SQLite and PostgreSQL; this database is %(vendor)s.")
                          % {"vendor": vendor})
    return vendor


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nestwell")
    except PackageNotFoundError:
        return "unknown"


def _applied_migrations(connection) -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app_label, ""):
            latest[app_label] = name
    return dict(sorted(latest.items()))


def _known_migrations() -> set[tuple[str, str]]:
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or ())
    return known


def _summary() -> dict[str, int]:
    from django.apps import apps
    from django.db import DatabaseError

    summary = {}
    for key, model in (("households", "accounts.Household"), ("babies", "children.Child"),
                       ("moments", "journal.Moment"), ("photos", "photos.Photo")):
        try:
            summary[key] = apps.get_model(model)._base_manager.count()
        except (LookupError, DatabaseError):
            continue
    return summary


def _check_compatible(manifest, connection, path):
    engine = _engine(connection)
    theirs = manifest["engine"]
    if theirs != engine:
        names = {"theirs": _ENGINE_NAMES[theirs], "ours": _ENGINE_NAMES[engine], "path": path}
        if theirs == "sqlite":
            message = _("This backup holds a %(theirs)s database, but this Nestwell uses "
                        "%(ours)s: %(path)s\nRestore it where Nestwell uses %(theirs)s "
                        "(without DATABASE_URL).")
        else:
            message = _("This backup holds a %(theirs)s database, but this Nestwell uses "
                        "%(ours)s: %(path)s\nRestore it where Nestwell uses %(theirs)s "
                        "(with DATABASE_URL).")
        raise BackupRefused(message % names)
    known = _known_migrations()
    for app_label, name in manifest["migrations"].items():
        if (app_label, name) not in known:
            version = manifest.get("nestwell_version") or _("unknown")
            raise BackupRefused(
                _("This backup was made by a newer version of Nestwell (%(theirs)s) than the "
                  "one installed here (%(ours)s): %(path)s\nUpdate Nestwell first, then "
                  "restore it.") % {"theirs": version, "ours": _version(), "path": path}
            )


# --- SQLite -----------------------------------------------------------------------------


def _sqlite_copy(connection, target: Path):
    """A consistent copy of the live database, through SQLite's online backup API."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        copy.close()


def _sqlite_check(candidate: Path, path):
    try:
        check = sqlite3.connect(candidate)
        try:
            rows = check.execute("PRAGMA integrity_check").fetchall()
            page_size = check.execute("PRAGMA page_size").fetchone()[0]
        finally:
            check.close()
    except sqlite3.DatabaseError:
        raise BackupRefused(_damaged(path)) from None
    if rows != [("ok",)]:
        raise BackupRefused(_damaged(path))
    return page_size


def _sqlite_restore(connection, payload: bytes, path):
    from django.db import DatabaseError

    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a database transaction."))
    name = str(connection.settings_dict["NAME"])
    in_memory = connection.is_in_memory_db()
    work_dir = None if in_memory else Path(name).resolve().parent
    with tempfile.TemporaryDirectory(dir=work_dir, prefix=".nestwell-restore-") as tmp:
        candidate = Path(tmp) / "restore.sqlite3"
        candidate.write_bytes(payload)
        page_size = _sqlite_check(candidate, path)
        connection.ensure_connection()
        live = connection.connection
        if live.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal" and \
                live.execute("PRAGMA page_size").fetchone()[0] != page_size:
            raise BackupError(
                _("This backup's database uses another page size than this one, which SQLite "
                  "cannot restore into a database in WAL mode: %(path)s\n"
                  "Stop Nestwell, move the database file aside, and restore again.")
                % {"path": path}
            )
        source = sqlite3.connect(candidate)
        try:
            # One step, one transaction on the live database: all of it or none of it.
            source.backup(live)
        except (sqlite3.Error, DatabaseError) as error:
            raise BackupError(
                _("Could not write the backup into the database (%(error)s). The database is "
                  "as it was; try again when Nestwell is less busy, or with it stopped.")
                % {"error": error}
            ) from error
        finally:
            source.close()


# --- PostgreSQL -------------------------------------------------------------------------

_PG_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
               "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE"}

# How long the restore waits for a table another connection is using before giving up.
PG_LOCK_TIMEOUT = "60s"
# Drops every table, view and sequence of the schema first, so that a backup older than this
# installation (with fewer tables) leaves nothing newer behind for the migrations to trip on.
_PG_PREAMBLE = """\
SET lock_timeout = '{lock_timeout}';
DO $nestwell$
DECLARE item record;
BEGIN
  FOR item IN SELECT format('%I.%I', schemaname, matviewname) AS name FROM pg_matviews
              WHERE schemaname = current_schema() ORDER BY 1 LOOP
    EXECUTE 'DROP MATERIALIZED VIEW IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
  FOR item IN SELECT format('%I.%I', schemaname, viewname) AS name FROM pg_views
              WHERE schemaname = current_schema() ORDER BY 1 LOOP
    EXECUTE 'DROP VIEW IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
  FOR item IN SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
              WHERE schemaname = current_schema() ORDER BY 1 LOOP
    EXECUTE 'DROP TABLE IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
  FOR item IN SELECT format('%I.%I', schemaname, sequencename) AS name FROM pg_sequences
              WHERE schemaname = current_schema() ORDER BY 1 LOOP
    EXECUTE 'DROP SEQUENCE IF EXISTS ' || item.name || ' CASCADE';
  END LOOP;
END
$nestwell$;
"""


def _pg_env(settings_dict) -> dict[str, str]:
    env = dict(os.environ)
    values = {"PGHOST": settings_dict.get("HOST"), "PGPORT": settings_dict.get("PORT"),
              "PGUSER": settings_dict.get("USER"), "PGPASSWORD": settings_dict.get("PASSWORD"),
              "PGDATABASE": settings_dict.get("NAME")}
    for option, variable in _PG_OPTIONS.items():
        values[variable] = (settings_dict.get("OPTIONS") or {}).get(option)
    for variable, value in values.items():
        if value not in (None, ""):
            env[variable] = str(value)
    env["PGOPTIONS"] = "-c client_min_messages=warning"
    env["PGCONNECT_TIMEOUT"] = env.get("PGCONNECT_TIMEOUT", "10")
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            _("The PostgreSQL tool %(tool)s is not installed here; it is needed for backups "
              "of a PostgreSQL database. Install the PostgreSQL client tools (on Debian or "
              "Ubuntu: %(command)s), the same version as the server or newer.")
            % {"tool": name, "command": "apt install postgresql-client"}
        )
    return found


def _pg_run(args, env, what) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True,  # noqa: S603
                              errors="replace", check=False)
    except OSError as error:
        raise BackupError(_("Could not run %(tool)s: %(reason)s.")
                          % {"tool": args[0], "reason": error.strerror}) from error
    if done.returncode != 0:
        details = ("\n".join(done.stderr.strip().splitlines()[-5:])
                   or _("exit %(code)s") % {"code": done.returncode})
        raise BackupError(f"{what}\n{details}")


def _pg_dump(connection, target: Path):
    env = _pg_env(connection.settings_dict)
    _pg_run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target)],
            env, _("PostgreSQL could not make the copy of the database (pg_dump failed):"))


def _pg_script(connection, payload: bytes, directory: Path, path) -> Path:
    """Turn the dump into the SQL script that restores it; reading it all checks it."""
    env = _pg_env(connection.settings_dict)
    pg_restore = _pg_tool("pg_restore")
    dump, script = directory / "database.pgdump", directory / "restore.sql"
    dump.write_bytes(payload)
    try:
        _pg_run([pg_restore, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--file", str(script), str(dump)], env, "")
    except BackupError:
        raise BackupRefused(_damaged(path)) from None
    return script


def _pg_restore(connection, payload: bytes, path):
    from django.db import connections

    psql = _pg_tool("psql")
    env = _pg_env(connection.settings_dict)
    with tempfile.TemporaryDirectory(prefix="nestwell-restore-") as tmp:
        script = _pg_script(connection, payload, Path(tmp), path)
        preamble = Path(tmp) / "preamble.sql"
        preamble.write_text(_PG_PREAMBLE.replace("{lock_timeout}", PG_LOCK_TIMEOUT))
        connections.close_all()  # hold no lock of our own while the tables are replaced
        _pg_run([psql, "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1",
                 "--single-transaction", "--file", str(preamble), "--file", str(script)],
                env, _("PostgreSQL refused the restore, so the database is as it was:"))


# --- The keys in the data directory -----------------------------------------------------


def _key_path(name) -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / _KEYS[name]


def _secret_key_path() -> Path:
    return _key_path("secret_key")


def _photo_files():
    """(name, bytes) of every kept photo's files; a file already gone is left out."""
    from nestwell.photos.models import Photo
    from nestwell.photos.storage import photo_storage

    storage = photo_storage()
    for photo in Photo.objects.only("name", "extension").order_by("pk").iterator(200):
        for name in photo.file_names():
            try:
                with storage.open(name, "rb") as handle:
                    yield name, handle.read()
            except FileNotFoundError:
                continue


def _restore_photos(photos) -> int:
    """Write back the backup's photo files that the storage lacks; how many were written."""
    from django.core.files.base import ContentFile

    from nestwell.photos.storage import photo_storage

    storage = photo_storage()
    written = 0
    for name, content in photos.items():
        if not storage.exists(name):
            storage.save(name, ContentFile(content))
            written += 1
    return written


def _remove_unclaimed_photos(started) -> int:
    """Remove the photo files no photo of the restored database names (those added after
    the backup was made): a photo goes from disk with what it belongs to, and after a
    restore that is gone. Files written since ``started`` are left (an upload while the
    restore ran); the safety copy made before the restore still holds every one."""
    from nestwell.photos.models import Photo
    from nestwell.photos.storage import photo_storage

    storage = photo_storage()
    kept = {name for photo in Photo.objects.only("name", "extension").iterator(500)
            for name in photo.file_names()}
    try:
        folders, _files = storage.listdir("")
    except FileNotFoundError:
        return 0
    removed = 0
    for folder in folders:
        try:
            _folders, names = storage.listdir(folder)
        except FileNotFoundError:
            continue
        for file in names:
            name = f"{folder}/{file}"
            if name in kept or not _PHOTO_MEMBER.fullmatch(f"photos/{name}"):
                continue  # a kept photo's, or not a file Nestwell writes
            try:
                if storage.get_modified_time(name) >= started:
                    continue
            except NotImplementedError:
                pass
            storage.delete(name)
            removed += 1
    return removed


def _write_private(path: Path, data: bytes) -> Path:
    """Write to a temporary file (mode 0600) beside ``path``; return it, not yet in place."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-",
                                             suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _sync_directory(directory: Path):
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# --- The three operations ----------------------------------------------------------------


def create_backup(destination_dir, passphrase=None, now=None, using="default") -> Path:
    """Make one backup file in ``destination_dir`` (created, mode 0700, if missing)."""
    connection = _connection(using)
    engine = _engine(connection)
    created = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    destination = Path(destination_dir).expanduser()
    try:
        destination.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        raise BackupError(
            _("Could not create the backup folder %(folder)s: %(reason)s.")
            % {"folder": destination, "reason": error.strerror}
        ) from error

    with tempfile.TemporaryDirectory(prefix="nestwell-backup-") as tmp:
        payload_path = Path(tmp) / _PAYLOAD[engine]
        if engine == "sqlite":
            try:
                _sqlite_copy(connection, payload_path)
            except sqlite3.Error as error:
                raise BackupError(_("Could not copy the database: %(error)s.")
                                  % {"error": error}) from error
        else:
            _pg_dump(connection, payload_path)
        payload = payload_path.read_bytes()

    members = {_PAYLOAD[engine]: payload}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "engine": engine,
        "nestwell_version": _version(),
        "migrations": _applied_migrations(connection),
        "summary": _summary(),
        "database": {"file": _PAYLOAD[engine], "size": len(payload),
                     "sha256": hashlib.sha256(payload).hexdigest()},
        "secret_key": None,
        "vapid_key": None,
    }
    for name, member in _KEYS.items():
        key_path = _key_path(name)
        if key_path.is_file():
            key = key_path.read_bytes()
            members[member] = key
            manifest[name] = {"file": member, "sha256": hashlib.sha256(key).hexdigest()}
    manifest["photos"] = []
    for name, content in _photo_files():
        members[f"photos/{name}"] = content
        manifest["photos"].append({"file": f"photos/{name}",
                                   "sha256": hashlib.sha256(content).hexdigest()})

    data = _archive(manifest, members, created)
    if passphrase:
        data = _encrypt(data, passphrase)

    final = _new_path(destination, created)
    try:
        temporary = _write_private(final, data)
        os.replace(temporary, final)
    except OSError as error:
        raise BackupError(
            _("Could not write the backup into %(folder)s: %(reason)s.")
            % {"folder": destination, "reason": error.strerror}
        ) from error
    _sync_directory(destination)
    return final


def _archive(manifest, members, created) -> bytes:
    timestamp = int(created.timestamp())
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w:", format=tarfile.PAX_FORMAT) as tar:
        entries = {_MANIFEST: json.dumps(manifest, indent=2).encode("utf-8"), **members}
        for name, content in entries.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(content), 0o600, timestamp
            tar.addfile(info, io.BytesIO(content))
    out = io.BytesIO()
    with gzip.GzipFile(filename=_GZIP_NAME.decode(), mode="wb", fileobj=out,
                       mtime=timestamp) as compressed:
        compressed.write(tar_bytes.getvalue())
    return out.getvalue()


def verify_backup(path, passphrase=None, using="default") -> dict:
    """Check a backup completely, change nothing, and return its manifest.

    The manifest gets ``encrypted`` (True or False) added. Raises ``BackupError``.
    """
    contents = _read(path, passphrase)
    connection = _connection(using)
    _check_compatible(contents.manifest, connection, path)
    with tempfile.TemporaryDirectory(prefix="nestwell-verify-") as tmp:
        if contents.manifest["engine"] == "sqlite":
            candidate = Path(tmp) / "verify.sqlite3"
            candidate.write_bytes(contents.database)
            _sqlite_check(candidate, path)
        else:
            _pg_script(connection, contents.database, Path(tmp), path)
    return contents.manifest


def restore_backup(path, passphrase=None, using="default") -> dict:
    """Replace the database (and the key files) with a backup's; return its manifest, with
    ``secret_key_changed`` and ``vapid_key_changed``.

    Everything is checked before anything changes; on any refusal nothing has changed.
    """
    from django.core.management import call_command
    from django.db import connections

    started = datetime.now(UTC)
    contents = _read(path, passphrase)
    manifest = contents.manifest
    connection = _connection(using)
    _check_compatible(manifest, connection, path)

    # Each changed key is written beside its file first and put in place only once the
    # database is restored: a refusal leaves every key as it was.
    waiting = {}
    try:
        for name, key in contents.keys.items():
            key_path = _key_path(name)
            if not key_path.is_file() or key_path.read_bytes() != key:
                try:
                    waiting[name] = _write_private(key_path, key)
                except OSError as error:
                    raise BackupError(
                        _("Could not write the key %(key)s into %(folder)s: %(reason)s.")
                        % {"key": key_path.name, "folder": key_path.parent,
                           "reason": error.strerror}) from error
        if manifest["engine"] == "sqlite":
            _sqlite_restore(connection, contents.database, path)
        else:
            _pg_restore(connection, contents.database, path)
    except BaseException:
        for temporary in waiting.values():
            temporary.unlink(missing_ok=True)
        raise
    for name in _KEYS:
        manifest[f"{name}_changed"] = name in waiting
    for name, temporary in waiting.items():
        os.replace(temporary, _key_path(name))
    if waiting:
        _sync_directory(Path(next(iter(waiting.values()))).parent)

    try:
        manifest["photos_written"] = _restore_photos(contents.photos)
    except OSError as error:
        raise BackupError(
            _("The database was restored, but its photos could not be written back: "
              "%(error)s.") % {"error": error},
            changed=True) from error

    connections.close_all()
    try:
        call_command("migrate", interactive=False, verbosity=0, database=using)
    except Exception as error:
        raise BackupError(
            _("The backup was restored, but bringing it up to this version of Nestwell "
              "failed: %(error)s\nRun %(command)s to see why.")
            % {"error": error, "command": "`nestwell manage migrate`"}, changed=True
        ) from error
    try:
        manifest["photos_removed"] = _remove_unclaimed_photos(started)
    except OSError as error:
        raise BackupError(
            _("The backup was restored, but the photos added after it could not be removed: "
              "%(error)s.") % {"error": error}, changed=True) from error
    return manifest


def describe(manifest) -> str:
    """A few lines about a backup, for people (``nestwell restore``), in the active
    language."""
    from django.utils import formats
    from django.utils.translation import ngettext

    created = datetime.strptime(manifest["created_at"], "%Y-%m-%dT%H:%M:%SZ")
    words = {"day": formats.date_format(created, "d F Y"),
             "time": formats.date_format(created, "H:i"),
             "version": manifest.get("nestwell_version") or _("unknown"),
             "engine": _ENGINE_NAMES[manifest["engine"]]}
    if manifest.get("encrypted"):
        lines = [_("Made on %(day)s at %(time)s UTC by Nestwell %(version)s, from a "
                   "%(engine)s database, locked with a passphrase.") % words]
    else:
        lines = [_("Made on %(day)s at %(time)s UTC by Nestwell %(version)s, from a "
                   "%(engine)s database.") % words]
    summary = manifest.get("summary") or {}
    counted = {
        "households": lambda n: ngettext("%(count)s household", "%(count)s households", n),
        "babies": lambda n: ngettext("%(count)s baby", "%(count)s babies", n),
        "moments": lambda n: ngettext("%(count)s moment", "%(count)s moments", n),
        "photos": lambda n: ngettext("%(count)s photo", "%(count)s photos", n),
    }
    parts = [counted[key](summary[key]) % {"count": f"{summary[key]:,}"}
             for key in counted if key in summary]
    if parts:
        lines.append(_("It holds %(things)s.") % {"things": ", ".join(parts)})
    secret, push = bool(manifest.get("secret_key")), bool(manifest.get("vapid_key"))
    if secret and push:
        lines.append(_("It includes the secret key and the key for push notifications from "
                       "the data directory."))
    elif secret:
        lines.append(_("It includes the secret key from the data directory."))
    elif push:
        lines.append(_("It includes the key for push notifications from the data "
                       "directory."))
    return "\n".join(lines)
