"""One pinned package from the npm registry, for the scripts that vendor browser files
(fetch-offline.py, fetch-listening.py, fetch-axe.py): no Node needed, and nothing is kept
unless the tarball matches the integrity recorded in the script (the value
`npm view PACKAGE@VERSION dist.integrity` prints)."""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request


def integrity_of(data):
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def download(package, version, integrity, timeout=120):
    """The package's published tarball, opened, once its sha512 is the recorded one."""
    name = package.rsplit("/", 1)[-1]
    url = f"https://registry.npmjs.org/{package}/-/{name}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=timeout) as response:
        data = response.read()
    if integrity_of(data) != integrity:
        sys.exit(f"{package} {version}: the download does not match the recorded integrity")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
