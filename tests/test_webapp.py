"""Nestwell as an app on a phone: the manifest a browser reads to install it, its icons,
its colours, its long-press shortcuts, and the page that shows how to add it."""

import re
import struct
import urllib.request
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import resolve

from nestwell import webapp

APP_CSS = Path(webapp.__file__).parent / "static" / "nestwell" / "app.css"


def manifest(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return response.json()


def png_size(data):
    """Width and height from a PNG's header (IHDR), without an image library."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_has_what_a_phone_needs_to_install(client, db):
    found = manifest(client)
    assert found["name"] == found["short_name"] == "Nestwell"
    assert found["description"]
    assert found["display"] == "standalone"
    assert found["start_url"] == "/" and found["scope"] == "/"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in found["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"),
                     ("512x512", "maskable")}


def test_it_needs_no_sign_in_and_holds_nothing_private(client, client_for, alice, nora):
    # Browsers fetch the manifest without cookies; it answers anyone the same.
    anonymous = client.get("/manifest.webmanifest")
    assert anonymous.status_code == 200
    assert "public" in anonymous["Cache-Control"]
    signed_in = client_for(alice).get("/manifest.webmanifest")
    assert signed_in.content == anonymous.content
    assert "Nora" not in signed_in.content.decode()


def test_the_colours_are_the_design_tokens(client, db):
    css = APP_CSS.read_text(encoding="utf-8")
    light = re.search(r":root \{[^}]*--bg: (#[0-9a-f]{6})", css).group(1)
    dark = re.search(r':root\[data-theme="dark"\] \{[^}]*--bg: (#[0-9a-f]{6})', css).group(1)
    assert (light, dark) == (webapp.LIGHT_BACKGROUND, webapp.DARK_BACKGROUND)
    found = manifest(client)
    assert found["theme_color"] == found["background_color"] == light


def test_each_shortcut_opens_a_page_that_exists(client, db):
    shortcuts = {s["name"]: s["url"] for s in manifest(client)["shortcuts"]}
    assert set(shortcuts) == {"Baby is crying", "Skin-to-skin", "Feed", "Need support now?"}
    assert shortcuts["Baby is crying"] == "/night/?tap=crying"
    assert shortcuts["Skin-to-skin"] == "/night/?tap=skin_to_skin"
    assert shortcuts["Feed"] == "/night/?tap=feeding"
    for url in shortcuts.values():
        resolve(url.split("?")[0])
    # The support page opens without signing in, even from the home screen.
    assert client.get(shortcuts["Need support now?"]).status_code == 200


def test_every_page_links_the_manifest_icon_and_both_theme_colours(client, db):
    page = client.get("/login/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert 'rel="apple-touch-icon" href="/static/nestwell/icons/apple-touch-icon.png"' in page
    assert ('<meta name="theme-color" content="#fbf7f2" media="(prefers-color-scheme: light)">'
            in page)
    assert ('<meta name="theme-color" content="#15171c" media="(prefers-color-scheme: dark)">'
            in page)


def test_a_chosen_look_gives_one_theme_colour(client, db):
    client.cookies["theme"] = "dark"
    page = client.get("/login/").content.decode()
    assert '<meta name="theme-color" content="#15171c">' in page
    assert "prefers-color-scheme: light" not in page


SHORTCUT_ICONS = [(f"shortcut-{name}.png", webapp.SHORTCUT_ICON_SIDE)
                  for name in ("crying", "skin", "feed", "support")]


def test_each_shortcut_has_its_own_icon(client, db):
    icons = [s["icons"][0]["src"] for s in manifest(client)["shortcuts"]]
    assert icons == [webapp.icon_url(name) for name, _side in SHORTCUT_ICONS]


@pytest.mark.parametrize(("name", "side"), [
    *[(name, side) for name, side, _purpose in webapp.ICONS], webapp.APPLE_TOUCH_ICON,
    *SHORTCUT_ICONS])
def test_each_icon_answers_as_a_png_of_its_size(live_server, name, side):
    with urllib.request.urlopen(live_server.url + webapp.icon_url(name)) as response:  # noqa: S310
        assert response.status == 200
        assert response.headers["Content-Type"] == "image/png"
        assert png_size(response.read()) == (side, side)


def test_the_install_page_shows_both_phones_with_words_for_each_picture(client, db):
    page = client.get("/install/").content.decode()
    assert "On Android, in Chrome" in page and "On iPhone and iPad, in Safari" in page
    pictures = re.findall(r"<img [^>]*>", page)
    assert len(pictures) == 6
    assert all(re.search(r'alt="[^"]{20,}"', img) for img in pictures)


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["nest.home.arpa"])
def test_the_install_page_says_when_https_is_missing(client):
    assert 'data-testid="needs-https"' in client.get(
        "/install/", HTTP_HOST="nest.home.arpa").content.decode()
    assert 'data-testid="needs-https"' not in client.get(
        "/install/", HTTP_HOST="nest.home.arpa", secure=True).content.decode()


def test_the_account_page_links_the_install_page(client_for, alice):
    assert 'href="/install/"' in client_for(alice).get("/account/").content.decode()
