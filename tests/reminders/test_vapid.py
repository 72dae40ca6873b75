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
