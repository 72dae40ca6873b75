#!/usr/bin/env python3
"""Fetch MediaPipe's Audio Classifier for the browser (npm `@mediapipe/tasks-audio`) from the
npm registry into nestwell/listening/static/listening/vendor/.

Running Nestwell never needs Node, a CDN or any download: the listening page loads these
files from Nestwell's own static files. This script downloads the published tarball of the
pinned version, refuses it unless its sha512 matches the integrity recorded below (the value
`npm view @mediapipe/tasks-audio@VERSION dist.integrity` prints) and every file taken from
it matches the sha256 recorded below, then writes:

* audio_bundle.mjs: the Audio Classifier (an ES module);
* audio_wasm_internal.js and .wasm: the WebAssembly runtime (the SIMD build, which every
  browser released since 2023 runs; the slower no-SIMD build is left out);
* MEDIAPIPE-LICENSE.txt: the package's licence. The tarball carries no licence file of its
  own; its package.json declares Apache-2.0, so the notice names the package and version and
  gives the Apache License 2.0 text (taken from the YAMNet notice beside it, the same
  licence word for word).

Why 0.10.35 and not 1.x: from 1.0 the bundle sends usage statistics to Google
(odml.pa.googleapis.com, every minute and when a classifier closes). Nestwell makes no
outside calls, so this script refuses any bundle that names a Google endpoint (FORBIDDEN).

VENDORED.txt records the sha256 of every file written; tests/listening/test_vendored.py
checks the files still match it. To upgrade: change VERSION, INTEGRITY and the sha256 of
each file together, run this script, commit the files.
"""

import hashlib
import json
import re
import sys
from pathlib import Path

from npm_tarball import download

STATIC = Path(__file__).resolve().parents[1] / "nestwell" / "listening" / "static" / "listening"
VENDOR = STATIC / "vendor"
PACKAGE = "@mediapipe/tasks-audio"
VERSION = "0.10.35"
INTEGRITY = ("sha512-oPo87QnkPXYFnEqRsUd/yrO//nXacCLrg5tz2oedsbqYx7Anf8XlMLQYN0glUr64Fua/CfzZ"
             "WPssbq/Dt12lAw==")
# file in the tarball: (name written, its sha256)
FILES = {
    "package/audio_bundle.mjs": (
        "audio_bundle.mjs", "4bb115c6b17a72d6d1d5a169d821e3d20c034e471740ef78cf3a2476c9b220be"),
    "package/wasm/audio_wasm_internal.js": (
        "audio_wasm_internal.js",
        "a7692e91b3eae4b09b5c59196a147da29fc5ea01cec4ae52fcc28028f53d4acc"),
    "package/wasm/audio_wasm_internal.wasm": (
        "audio_wasm_internal.wasm",
        "ca7597c706cf236a6baf1c91c669b8378e8894c3dcc69c06be4ba995289a713a"),
}
# A vendored script naming one of these would call it from the listening page. (The
# WebAssembly cannot call anything by itself; it names protobuf type URLs, which are fine.)
FORBIDDEN = re.compile(rb"https?://[\w.-]*(googleapis|google-analytics|googletagmanager)\.com")
LICENCE = "MEDIAPIPE-LICENSE.txt"
APACHE_FROM = STATIC / "YAMNET-LICENSE.txt"
APACHE_START = "                                 Apache License"


def licence_text():
    notice = APACHE_FROM.read_text(encoding="utf-8")
    apache = notice[notice.index(APACHE_START):]
    return (
        f"MediaPipe Tasks Audio ({PACKAGE} {VERSION}, from the npm registry)\n"
        "================================================================\n\n"
        "audio_bundle.mjs, audio_wasm_internal.js and audio_wasm_internal.wasm are Google's\n"
        "MediaPipe Audio Tasks for the web, unchanged. Copyright The MediaPipe Authors.\n"
        "Published under the Apache License, Version 2.0 (text below), at\n"
        "https://github.com/google-ai-edge/mediapipe (package: "
        f"https://www.npmjs.com/package/{PACKAGE}).\n"
        f"Tarball integrity: {INTEGRITY}\n"
        "Each file's SHA-256 is in VENDORED.txt (checked by tests/listening/test_vendored.py).\n"
        "\n" + "-" * 88 + "\n\n\n" + apache)


def main():
    archive = download(PACKAGE, VERSION, INTEGRITY)
    VENDOR.mkdir(parents=True, exist_ok=True)
    record = []
    with archive:
        manifest = json.loads(archive.extractfile("package/package.json").read())
        if manifest.get("license") != "Apache-2.0" or manifest.get("version") != VERSION:
            sys.exit(f"{PACKAGE} {VERSION}: not the Apache-2.0 package this script expects")
        for member, (written, digest) in FILES.items():
            content = archive.extractfile(member).read()
            if hashlib.sha256(content).hexdigest() != digest:
                sys.exit(f"{member}: its sha256 is not the one recorded in this script")
            if not written.endswith(".wasm") and FORBIDDEN.search(content):
                sys.exit(f"{member}: calls a Google endpoint (usage statistics?); not vendored")
            (VENDOR / written).write_bytes(content)
            record.append(f"{written} {digest} {PACKAGE}@{VERSION} {INTEGRITY}")
    licence = licence_text().encode()
    (VENDOR / LICENCE).write_bytes(licence)
    record.append(f"{LICENCE} {hashlib.sha256(licence).hexdigest()} {PACKAGE}@{VERSION} "
                  f"{INTEGRITY}")
    (VENDOR / "VENDORED.txt").write_text("\n".join(record) + "\n")
    print(f"{len(record)} files written to {VENDOR}")


if __name__ == "__main__":
    main()
