"""The vendored MediaPipe files are exactly what scripts/fetch-listening.py took from the npm
registry (integrity and every file's sha256 checked there), with their licence, and nothing
else is in the folder."""

from pathlib import Path

from tests.vendored import check, recorded

VENDOR = (Path(__file__).resolve().parents[2] / "nestwell" / "listening" / "static"
          / "listening" / "vendor")


def test_every_vendored_file_matches_its_recorded_hash_and_nothing_else_is_served():
    check(VENDOR)


def test_the_runtime_and_its_apache_licence_are_there():
    assert {"audio_bundle.mjs", "audio_wasm_internal.js", "audio_wasm_internal.wasm",
            "MEDIAPIPE-LICENSE.txt"} <= set(recorded(VENDOR))
    licence = (VENDOR / "MEDIAPIPE-LICENSE.txt").read_text()
    assert "@mediapipe/tasks-audio" in licence and "Version 2.0, January 2004" in licence


def test_the_version_is_pinned_with_its_integrity():
    for row in (VENDOR / "VENDORED.txt").read_text().splitlines():
        _name, _digest, package, integrity = row.split()
        assert package.startswith("@mediapipe/tasks-audio@") and integrity.startswith("sha512-")


def test_nothing_vendored_calls_home():
    """MediaPipe 1.x sends usage statistics to Google; the pinned 0.10 build names no
    endpoint at all (and the page's CSP would refuse one)."""
    for name in recorded(VENDOR):
        if not name.endswith(".wasm"):  # the WebAssembly reaches nothing by itself
            assert b"googleapis.com" not in (VENDOR / name).read_bytes(), name
