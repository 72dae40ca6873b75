"""Nestwell as an app on her phone: the web app manifest (name, icons, colours, the
long-press shortcuts) and the page that shows how to add it to the home screen.

The colours are the design tokens of app.css; a test keeps them equal."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

# app.css: --bg of the light theme, --bg of the dark theme.
LIGHT_BACKGROUND = "#fbf7f2"
DARK_BACKGROUND = "#15171c"

ICONS = [
    # (file in static/nestwell/icons/, side in px, purpose)
    ("icon-192.png", 192, "any"),
    ("icon-512.png", 512, "any"),
    ("icon-maskable-192.png", 192, "maskable"),
    ("icon-maskable-512.png", 512, "maskable"),
]
APPLE_TOUCH_ICON = ("apple-touch-icon.png", 180)
SHORTCUT_ICON_SIDE = 96


def icon_url(name):
    return static(f"nestwell/icons/{name}")


def manifest():
    """The web app manifest as a dict. It holds nothing private: browsers fetch it without
    the session cookie."""
    night = reverse("journal:night")
    return {
        "id": "/",
        "name": "Nestwell",
        "short_name": "Nestwell",
        "description": _("A calm journal of the time you and your baby spend together."),
        "lang": "en",
        "dir": "auto",
        "start_url": reverse("journal:home"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": LIGHT_BACKGROUND,
        "background_color": LIGHT_BACKGROUND,
        "categories": ["health", "lifestyle"],
        "icons": [{"src": icon_url(name), "sizes": f"{side}x{side}", "type": "image/png",
                   "purpose": purpose} for name, side, purpose in ICONS],
        # Opening a shortcut never writes: it opens the night screen with that tile first
        # and in focus, so a stray long-press logs nothing.
        "shortcuts": [
            _shortcut(_("Baby is crying"), f"{night}?tap=crying", "shortcut-crying.png",
                      short_name=_("Crying")),
            _shortcut(_("Skin-to-skin"), f"{night}?tap=skin_to_skin", "shortcut-skin.png"),
            _shortcut(_("Feed"), f"{night}?tap=feeding", "shortcut-feed.png"),
            _shortcut(_("Need support now?"), reverse("support"), "shortcut-support.png",
                      short_name=_("Support")),
        ],
    }


def _shortcut(name, url, icon, short_name=None):
    side = f"{SHORTCUT_ICON_SIDE}x{SHORTCUT_ICON_SIDE}"
    found = {"name": name, "url": url,
             "icons": [{"src": icon_url(icon), "sizes": side, "type": "image/png"}]}
    if short_name:
        found["short_name"] = short_name
    return found
