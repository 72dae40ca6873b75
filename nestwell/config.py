"""Where Nestwell keeps its data, and the secret key it generates on first run.

Kept apart from settings so the command line can use it before Django is set up.
"""

import os
import secrets
import stat
from pathlib import Path

# Files Nestwell makes (the database, its WAL, the job queue, uploads, backups) are for
# the person running it alone: sessions and her private data are in them.
PRIVATE_UMASK = 0o077


def keep_files_private():
    """Make every file and directory this process creates readable by its owner only
    (0600 and 0700). Called first by the command line and the WSGI entry point."""
    os.umask(PRIVATE_UMASK)


def openness_warning(path: Path) -> str | None:
    """A warning when the data directory is open to other local users, else None. Asked
    for once Django is set up, so it comes in the person's language."""
    from django.utils.translation import gettext as _

    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return _("Warning: the data directory %(path)s can be read by other users of this "
                 "machine (mode %(mode)s). It holds private data; run: chmod 700 %(path)s") % {
            "path": path, "mode": f"{mode:o}"}
    return None


def data_dir() -> Path:
    """The data directory: ``NESTWELL_DATA_DIR``, else the XDG data home."""
    configured = os.environ.get("NESTWELL_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(base) / "nestwell"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path.resolve()


def secret_key(directory: Path) -> str:
    """Read the secret key from the data directory, creating it (mode 0600) on first run."""
    path = directory / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text().strip()
        if len(key) < 32:
            raise RuntimeError(
                f"The secret key in {path} is too short; delete it to regenerate."
            ) from None
        return key
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key
