"""Where Nestwell keeps its data, and the secret key it generates on first run.

Kept apart from settings so the command line can use it before Django is set up.
"""

import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """The data directory: ``NESTWELL_DATA_DIR``, else the XDG data home."""
    configured = os.environ.get("NESTWELL_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(base) / "nestwell"
    path.mkdir(parents=True, exist_ok=True)
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
