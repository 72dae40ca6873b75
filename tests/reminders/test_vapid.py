"""The VAPID key pair: made once, kept in the data directory for its owner alone."""

import base64
import stat

from nestwell.reminders import vapid


def test_the_key_is_made_once_and_kept_private(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    vapid._load.cache_clear()
    try:
        first = vapid.public_key()
        path = tmp_path / "vapid_private_key.pem"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
        vapid._load.cache_clear()
        assert vapid.public_key() == first  # read back, not made again
        raw = base64.urlsafe_b64decode(first + "==")
        assert len(raw) == 65 and raw[0] == 4  # an uncompressed P-256 point
    finally:
        vapid._load.cache_clear()


def test_the_public_key_is_read_without_cryptography_until_the_key_changes(settings,
                                                                          tmp_path):
    """The settings page shows the public key: read from its small file, it costs a worker
    no import of py_vapid or cryptography; a restored key (a new file) is read anew."""
    import subprocess
    import sys

    settings.DATA_DIR = tmp_path
    vapid._load.cache_clear()
    try:
        first = vapid.public_key()
        assert (tmp_path / "vapid_public_key.txt").read_text().split()[1] == first
        code = ("import sys, django\ndjango.setup()\n"
                "from nestwell.reminders import vapid\nprint(vapid.public_key())\n"
                "print(sorted(m for m in sys.modules if m.split('.')[0] in "
                "('cryptography', 'py_vapid')))")
        import os

        env = {**os.environ, "NESTWELL_DATA_DIR": str(tmp_path),
               "DJANGO_SETTINGS_MODULE": "nestwell.settings"}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env=env).stdout.split("\n")
        assert out[:2] == [first, "[]"]
        # A backup restored: another private key in its place. The kept public key is stale.
        pem = tmp_path / "vapid_private_key.pem"
        pem.unlink()
        vapid._load.cache_clear()
        vapid._create(pem)
        second = vapid.public_key()
        assert second != first
        assert (tmp_path / "vapid_public_key.txt").read_text().split()[1] == second
        # A damaged file is worked out again, never trusted.
        (tmp_path / "vapid_public_key.txt").write_text("nonsense")
        assert vapid.public_key() == second
    finally:
        vapid._load.cache_clear()
