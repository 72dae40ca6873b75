#!/usr/bin/env python3
"""Fetch the fonts every PDF is set in (nestwell/lib/pdf_fonts.py) from the npm registry
into nestwell/lib/fonts/: Noto Sans (Latin, Greek, Cyrillic) and Noto Naskh Arabic, each in
regular and bold, with their licence (SIL Open Font License 1.1).

The running app never downloads anything: this downloads the published tarball of each
pinned version, refuses it unless its sha512 matches the integrity recorded below (the value
`npm view PACKAGE@VERSION dist.integrity` prints), and writes the fonts. VENDORED.txt records
the sha256 of every file written; tests/lib/test_pdf_fonts.py checks the files still match.

To upgrade: change the version and integrity together, run this script, commit the files.
"""

from pathlib import Path

from npm_tarball import vendor

FONTS = Path(__file__).resolve().parents[1] / "nestwell" / "lib" / "fonts"
# name, version, integrity, {file in the tarball: name written}
PACKAGES = [
    ("@expo-google-fonts/noto-sans", "0.4.2",
     "sha512-zYD8G2ijWLxqmquoQgghNh/x9p0yxWwArD0oxO1oXY1qx5vOd4t0Kbhnu/Cx8RTy08OgA8RtxuULZFaXwVPnPw==",
     {"package/400Regular/NotoSans_400Regular.ttf": "NotoSans-Regular.ttf",
      "package/700Bold/NotoSans_700Bold.ttf": "NotoSans-Bold.ttf",
      "package/LICENSE_FONT": "NotoSans-OFL.txt"}),
    ("@expo-google-fonts/noto-naskh-arabic", "0.4.5",
     "sha512-KN73tROdoKQubTZ/ZsERCdAlZ1cBLRbRIe196tISAcPLgIqMvIgFCUs1xsrS/pe3fIYxT9l+c95sQF8wv48ijA==",
     {"package/400Regular/NotoNaskhArabic_400Regular.ttf": "NotoNaskhArabic-Regular.ttf",
      "package/700Bold/NotoNaskhArabic_700Bold.ttf": "NotoNaskhArabic-Bold.ttf",
      "package/LICENSE_FONT": "NotoNaskhArabic-OFL.txt"}),
]


def main():
    vendor(PACKAGES, FONTS)


if __name__ == "__main__":
    main()
