#!/usr/bin/env python3
"""Fetch axe-core (test-only: the browser tests' accessibility scan) from the npm registry.

The app never serves it and running Nestwell never needs Node: this downloads the
published tarball of one pinned version, refuses it unless its sha512 matches the
integrity recorded below (the same value `npm view axe-core@VERSION dist.integrity`
prints), and writes axe.min.js and its licence to tests/browser/vendor/.

To upgrade: change VERSION and INTEGRITY together, run this script, commit both files.
"""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
INTEGRITY = ("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtu"
             "FooJpZe37OgudVGtQ==")
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
VENDOR = Path(__file__).resolve().parents[1] / "tests" / "browser" / "vendor"
WANTED = {"package/axe.min.js": "axe.min.js", "package/LICENSE": "axe-core-LICENSE.txt"}


def integrity_of(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def main():
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        data = response.read()
    if integrity_of(data) != INTEGRITY:
        sys.exit(f"axe-core {VERSION}: the download does not match the recorded integrity")
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member, name in WANTED.items():
            (VENDOR / name).write_bytes(archive.extractfile(member).read())
    (VENDOR / "axe-core-VERSION").write_text(f"{VERSION}\n{INTEGRITY}\n")
    print(f"axe-core {VERSION} written to {VENDOR}")


if __name__ == "__main__":
    main()
