"""The words shown for each tap (the data file names them by code)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FEELINGS = {
    "content": _("content"),
    "calm": _("calm"),
    "cosy": _("cosy"),
    "curious": _("curious"),
    "playful": _("playful"),
    "proud": _("proud"),
    "sleepy": _("sleepy"),
    "tired": _("tired"),
    "hungry": _("hungry"),
    "uncomfortable": _("uncomfortable"),
    "frustrated": _("frustrated"),
    "wanting_you": _("wanting you"),
    "missing_you": _("missing you"),
    "overwhelmed": _("overwhelmed"),
    "active": pgettext_lazy("baby in the womb", "busy, moving"),
    "listening": _("listening to you"),
    "hiccups": _("hiccuping"),
    "stretching": _("stretching"),
    "not_sure": _("not sure, just wondering"),
}


def feeling_label(code):
    return FEELINGS.get(code, code)
