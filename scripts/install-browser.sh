#!/usr/bin/env bash
# Installs the system Chromium (and an emoji font for faithful screenshots) that the
# browser tests drive, and poppler's pdftoppm, with which a test turns the visit report's
# PDF into a picture. Playwright's own browser download is never used.
set -euo pipefail

have_emoji_font() { fc-list 2>/dev/null | grep -qi "emoji"; }

if command -v chromium >/dev/null 2>&1 && have_emoji_font && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-color-emoji poppler-utils >/dev/null
  exit 0
fi
if command -v chromium >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  exit 0  # the emoji font only makes screenshots prettier
fi
echo "Chromium or pdftoppm is not installed, so the browser tests (or the PDF picture test)"
echo "will be skipped here. Install them with your package manager (Debian/Ubuntu:"
echo "sudo apt-get install chromium poppler-utils)."
if [ "${CI:-}" = "true" ]; then
  echo "CI=true: a missing browser is a failure." >&2
  exit 1
fi
