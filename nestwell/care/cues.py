"""What a baby can signal, what they may need, and how someone can answer. Plain data."""

from django.utils.translation import gettext_lazy as _

SIGNALS = {
    "cry": (_("Crying"), "😢"),
    "fuss": (_("Fussing"), "😣"),
    "smile": (_("Smile"), "😊"),
    "coo": (_("Coo or hum"), "🎶"),
    "reach": (_("Reached out"), "🙌"),
    "crawl_toward": (_("Came towards you"), "🐾"),
    "turn_away": (_("Turned away"), "↩️"),
    "rooting": (_("Rooting"), "👄"),
    "arching": (_("Arching back"), "🌙"),
    "other": (_("Something else"), "✨"),
}
DISTRESS = ("cry", "fuss")          # episodes that stay open until settled
POSITIVE = ("smile", "coo", "reach", "crawl_toward")

NEEDS = {
    "hunger": _("Hungry"), "comfort": _("Comfort"), "tiredness": _("Tired"),
    "play": _("Play"), "pain": _("Pain or discomfort"), "unknown": _("Not sure"),
}

WAYS = {
    "picked_up": _("Picked up"), "fed": _("Fed"), "rocked": _("Rocked"),
    "talked": _("Talked"), "sang": _("Sang"), "skin_to_skin": _("Skin-to-skin"),
    "changed": _("Changed"), "walked": _("Walked"), "cuddled": _("Cuddled"),
    "smiled_back": _("Smiled back"), "played": _("Played"), "other": _("Something else"),
}
# The ways offered first while a baby cries, in the order of the buttons.
CRY_WAYS = ("picked_up", "fed", "rocked", "skin_to_skin", "sang", "changed", "walked",
            "talked")
# A positive cue is answered in kind.
ANSWER_IN_KIND = {"smile": "smiled_back", "coo": "talked", "reach": "cuddled",
                  "crawl_toward": "cuddled"}
# Responding this way starts (and links) a journal moment rather than logging twice.
WAY_STARTS_MOMENT = {"fed": "feeding", "skin_to_skin": "skin_to_skin"}
MOMENT_ANSWERS = {"feeding": "fed", "skin_to_skin": "skin_to_skin", "soothing": "rocked",
                  "cuddle": "cuddled", "sing": "sang", "talk": "talked"}

SIGNAL_CHOICES = [(k, v[0]) for k, v in SIGNALS.items()]
NEED_CHOICES = list(NEEDS.items())
WAY_CHOICES = list(WAYS.items())
