#!/usr/bin/env python3
"""Draw the app icons (PNG) from their SVGs, with the system Chromium.

    .venv/bin/python scripts/make-icons.py

The SVGs in nestwell/static/nestwell/icons/ are the source; the PNGs beside them are what
phones ask for (Android: 192 and 512, "any" and "maskable", and 96 for each long-press
shortcut; iPhone: apple-touch-icon 180, opaque, since iOS puts black behind transparency).
Run it again after changing a logo and commit the PNGs: running Nestwell never draws them.
Needs Playwright (in the [test] extras) and Chromium (/usr/bin/chromium, or
NESTWELL_CHROMIUM).
"""

import os
import shutil
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "nestwell" / "static" / "nestwell" / "icons"

# (source SVG, side in px, output PNG, keep transparency)
WANTED = [
    ("logo.svg", 192, "icon-192.png", True),
    ("logo.svg", 512, "icon-512.png", True),
    ("logo-maskable.svg", 192, "icon-maskable-192.png", False),
    ("logo-maskable.svg", 512, "icon-maskable-512.png", False),
    ("logo-maskable.svg", 180, "apple-touch-icon.png", False),
    # The long-press shortcuts' own icons (Android shows them at 96 x 96 and rounds them).
    ("shortcut-crying.svg", 96, "shortcut-crying.png", True),
    ("shortcut-skin.svg", 96, "shortcut-skin.png", True),
    ("shortcut-feed.svg", 96, "shortcut-feed.png", True),
    ("shortcut-support.svg", 96, "shortcut-support.png", True),
]


def chromium():
    for candidate in (os.environ.get("NESTWELL_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("Chromium not found: install it or set NESTWELL_CHROMIUM")


def main():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        for source, side, target, transparent in WANTED:
            page = browser.new_page(viewport={"width": side, "height": side},
                                    device_scale_factor=1)
            svg = (ICONS / source).read_text(encoding="utf-8")
            page.set_content(
                "<!doctype html><style>html,body{margin:0;background:transparent}"
                f"svg{{display:block;width:{side}px;height:{side}px}}</style>{svg}")
            page.screenshot(path=ICONS / target, omit_background=transparent,
                            clip={"x": 0, "y": 0, "width": side, "height": side})
            page.close()
            print(f"{target}: {side} x {side}")
        browser.close()


if __name__ == "__main__":
    main()
