"""Vendored browser files are checked against the VENDORED.txt their fetch script wrote
(one row a file: name, sha256, package@version, npm integrity)."""

import hashlib


def recorded(folder):
    """{file name: sha256} as the fetch script recorded them."""
    rows = (folder / "VENDORED.txt").read_text().splitlines()
    return {name: digest for name, digest, *_ in (row.split() for row in rows)}


def check(folder):
    """Every recorded file matches its hash, and nothing unrecorded is in the folder."""
    for name, digest in recorded(folder).items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert {p.name for p in folder.iterdir()} - {"VENDORED.txt"} == set(recorded(folder))
