"""The server's VAPID key pair: made on first use, kept in the data directory (mode 0600)
beside the secret key. Browsers tie each push subscription to its public half."""

import base64
import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings

# py_vapid and cryptography (8–9 MB in every worker) are imported when the private key is
# first used, by the push job (tests/test_startup_imports.py); the reminder pages read the
# public key from its own small file.


def key_path() -> Path:
    return Path(settings.DATA_DIR) / "vapid_private_key.pem"


def _create(path: Path) -> None:
    from py_vapid import Vapid02

    key = Vapid02()
    key.generate_keys()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.private_pem())


@lru_cache(maxsize=2)
def _load(path: Path, stamp):
    from py_vapid import Vapid02

    return Vapid02.from_file(str(path))


def private_key():
    """The server's key pair (a ``py_vapid.Vapid02``). Read again when the file changes
    (a restored backup brings its own key back), without a restart."""
    path = key_path()
    if not path.exists():
        _create(path)
    found = path.stat()
    return _load(path, (found.st_ino, found.st_mtime_ns, found.st_size))


def public_key_path() -> Path:
    return Path(settings.DATA_DIR) / "vapid_public_key.txt"


def public_key() -> str:
    """The public key as the browser's ``applicationServerKey`` takes it (base64url).

    The reminder settings page shows it, so every worker would in time import py_vapid and
    cryptography (8 MB each) just to read it; it is kept beside the private key instead,
    with the private key file's stamp, and worked out again only when that file changes
    (a restored backup)."""
    path = key_path()
    if not path.exists():
        _create(path)
    found = path.stat()
    stamp = f"{found.st_ino}-{found.st_mtime_ns}-{found.st_size}"
    kept = public_key_path()
    try:
        kept_stamp, key = kept.read_text(encoding="ascii").split()
        if kept_stamp == stamp:
            return key
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    from cryptography.hazmat.primitives import serialization

    raw = private_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    key = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    # Written whole or not at all (another worker may be reading it).
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    try:
        partial.write_text(f"{stamp} {key}\n", encoding="ascii")
        os.replace(partial, kept)
    except OSError:  # a read-only data directory: worked out each time, as before
        partial.unlink(missing_ok=True)
    return key
