#!/usr/bin/env python3
"""Fetch axe-core (test-only: the browser tests' accessibility scan) from the npm registry.

The app never serves it and running Nestwell never needs Node: this downloads the
published tarball of one pinned version, refuses it unless its sha512 matches the
integrity recorded below (the same value `npm view axe-core@VERSION dist.integrity`
prints), and writes axe.min.js and its licence to tests/browser/vendor/.

To upgrade: change VERSION and INTEGRITY together, run this script, commit both files.
"""

from pathlib import Path

from npm_tarball import download

VERSION = "4.14.1"
INTEGRITY = ("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtu"
             "FooJpZe37OgudVGtQ==")
VENDOR = Path(__file__).resolve().parents[1] / "tests" / "browser" / "vendor"
WANTED = {"package/axe.min.js": "axe.min.js", "package/LICENSE": "axe-core-LICENSE.txt"}


def main():
    archive = download("axe-core", VERSION, INTEGRITY)
    VENDOR.mkdir(parents=True, exist_ok=True)
    with archive:
        for member, name in WANTED.items():
            (VENDOR / name).write_bytes(archive.extractfile(member).read())
    (VENDOR / "axe-core-VERSION").write_text(f"{VERSION}\n{INTEGRITY}\n")
    print(f"axe-core {VERSION} written to {VENDOR}")


if __name__ == "__main__":
    main()
