"""The vendored offline scripts are exactly what scripts/fetch-offline.py took from the npm
registry (its sha512 checked there), with their licences, and nothing else is in the
folder."""

from pathlib import Path

from tests.vendored import check

VENDOR = Path(__file__).resolve().parents[2] / "nestwell" / "offline" / "static" / "offline" \
    / "vendor"


def test_every_vendored_file_matches_its_recorded_hash_and_nothing_else_is_served():
    check(VENDOR)


def test_the_licences_are_kept():
    assert "MIT" in (VENDOR / "workbox-LICENSE.txt").read_text()
    assert "ISC" in (VENDOR / "idb-LICENSE.txt").read_text() or \
        "Permission to use" in (VENDOR / "idb-LICENSE.txt").read_text()


def test_the_versions_are_pinned_with_their_integrity():
    for row in (VENDOR / "VENDORED.txt").read_text().splitlines():
        _name, _digest, package, integrity = row.split()
        assert "@" in package and integrity.startswith("sha512-")
