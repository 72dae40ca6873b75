"""Files brought in for an import: a size limit, a private place on disk, and never left
behind (removed when the import is done or abandoned, and old ones swept up hourly)."""

import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

SUFFIX = ".upload"


def limit():
    """The largest file accepted, in bytes (``NESTWELL_IMPORT_MAX_MB``)."""
    return settings.NESTWELL_IMPORT_MAX_MB * 1024 * 1024


class LimitedUpload(FileUploadHandler):
    """Stops reading an upload as soon as it is known to be over the limit (from its
    Content-Length, or while it streams in), instead of spooling it to disk first. The view
    then answers 413 with a kind message (``too_big``)."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        length = int(self.request.META.get("CONTENT_LENGTH") or 0)
        self.received = 0
        if length > limit():
            self._stop()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > limit():
            self._stop()
        return raw_data

    def file_complete(self, file_size):
        return None

    def _stop(self):
        self.request.upload_too_big = True
        raise StopUpload(connection_reset=True)


def too_big(request):
    return getattr(request, "upload_too_big", False)


def folder():
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def save(upload):
    """Write an uploaded file to the imports folder (readable by its owner only)."""
    path = folder() / f"{secrets.token_hex(16)}{SUFFIX}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def remove(path):
    if path:
        Path(path).unlink(missing_ok=True)


def sweep(max_age_seconds, now=None):
    """Remove uploads older than ``max_age_seconds`` (checks abandoned half-way). Returns
    how many were removed."""
    now = time.time() if now is None else now
    removed = 0
    for path in folder().glob(f"*{SUFFIX}"):
        try:
            if now - path.stat().st_mtime > max_age_seconds:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed
