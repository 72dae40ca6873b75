"""The server's VAPID key pair: made on first use, kept in the data directory (mode 0600)
beside the secret key. Browsers tie each push subscription to its public half."""

import base64
import os
from functools import lru_cache
from pathlib import Path

from django.conf import settings

# py_vapid and cryptography (9 MB in every worker) are imported when a key is first used:
# only the reminder pages and the push job need one (tests/test_startup_imports.py).


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


def public_key() -> str:
    """The public key as the browser's ``applicationServerKey`` takes it (base64url)."""
    from cryptography.hazmat.primitives import serialization

    raw = private_key().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
