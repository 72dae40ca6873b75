"""One pinned package from the npm registry, for the scripts that vendor browser files and
fonts (fetch-offline.py, fetch-fonts.py, fetch-listening.py, fetch-axe.py): no Node needed,
and nothing is kept unless the tarball matches the integrity recorded in the script (the
value `npm view PACKAGE@VERSION dist.integrity` prints)."""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path


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


def vendor(packages, folder):
    """Write the wanted files of each ``(name, version, integrity, {member: written})`` to
    ``folder`` and record their sha256 in ``folder/VENDORED.txt`` (checked by the tests)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    record = []
    for name, version, integrity, wanted in packages:
        with download(name, version, integrity) as archive:
            for member, written in wanted.items():
                content = archive.extractfile(member).read()
                (folder / written).write_bytes(content)
                record.append(f"{written} {hashlib.sha256(content).hexdigest()} "
                              f"{name}@{version} {integrity}")
    (folder / "VENDORED.txt").write_text("\n".join(record) + "\n")
    print(f"{len(record)} files written to {folder}")
