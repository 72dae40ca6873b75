#!/usr/bin/env python3
"""Fetch the offline scripts (Workbox modules for the service worker, idb for the queue)
from the npm registry into nestwell/offline/static/offline/vendor/.

Running Nestwell never needs Node: this downloads the published tarball of each pinned
version, refuses it unless its sha512 matches the integrity recorded below (the value
`npm view PACKAGE@VERSION dist.integrity` prints), and writes the production build and the
package's licence. VENDORED.txt records the sha256 of every file written;
tests/offline/test_vendored.py checks the files still match it.

To upgrade: change the version and integrity together, run this script, commit the files.
"""

from pathlib import Path

from npm_tarball import vendor

VENDOR = (Path(__file__).resolve().parents[1] / "nestwell" / "offline" / "static" / "offline"
          / "vendor")
# name, version, integrity, {file in the tarball: name written}
PACKAGES = [
    ("workbox-core", "7.4.1",
     "sha512-DT+vu46eh/2vRsSHTY4Xmc32Z1rr9PRlQUXr1Dx30ZuXRWwOsvZgGgcwxcasubQLQmbTNYZjv44LkBAQ4tT5tQ==",
     {"package/build/workbox-core.prod.js": "workbox-core.prod.js",
      "package/build/workbox-core.prod.js.map": "workbox-core.prod.js.map",
      "package/LICENSE": "workbox-LICENSE.txt"}),
    ("workbox-routing", "7.4.1",
     "sha512-yubJGErZOusuidAenaL5ypfhQOa7urxP/f8E0ws7FPb4039RiWXUWBAyUkmUoOL/BcQGen3h0J8872d51IYxtA==",
     {"package/build/workbox-routing.prod.js": "workbox-routing.prod.js",
      "package/build/workbox-routing.prod.js.map": "workbox-routing.prod.js.map"}),
    ("workbox-strategies", "7.4.1",
     "sha512-GZxpaw9NbmOelj7667uZ2kpk5BFpOGbO4X0qjwh5ls8XQ8C+Lha5LQchTiUzsTFSS+NlUpftYAyOVXvQUrcqOQ==",
     {"package/build/workbox-strategies.prod.js": "workbox-strategies.prod.js",
      "package/build/workbox-strategies.prod.js.map": "workbox-strategies.prod.js.map"}),
    ("workbox-precaching", "7.4.1",
     "sha512-cdr/9qByww7yzEp7zg/qI4ukUrrNjQLgN+ONQRpjy/VqGQXwkgHwr00KksGJK8v0VifwDXBb8a4cWNZH71jn3Q==",
     {"package/build/workbox-precaching.prod.js": "workbox-precaching.prod.js",
      "package/build/workbox-precaching.prod.js.map": "workbox-precaching.prod.js.map"}),
    ("idb", "8.0.4",
     "sha512-jd0ITCrN+Zah4J7R/Z2jnR3W7A4BXDAjmo62MwWuSjxCiueUAf7X5rbodEdidWzeknwXHmLpdZkoiiCppNi30Q==",
     {"package/build/umd.js": "idb.umd.js", "package/LICENSE": "idb-LICENSE.txt"}),
]


def main():
    vendor(PACKAGES, VENDOR)


if __name__ == "__main__":
    main()
