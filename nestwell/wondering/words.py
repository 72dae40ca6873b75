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


# The same words said of a girl: French (and any language whose adjectives agree) gives
# them their own form ("curieuse", "fatiguée"; Chloé's Léa was "curieux"). A baby whose
# sex is not noted has the words above.
FEELINGS_OF_A_GIRL = {
    "content": pgettext_lazy("feeling of a baby girl", "content"),
    "calm": pgettext_lazy("feeling of a baby girl", "calm"),
    "cosy": pgettext_lazy("feeling of a baby girl", "cosy"),
    "curious": pgettext_lazy("feeling of a baby girl", "curious"),
    "playful": pgettext_lazy("feeling of a baby girl", "playful"),
    "proud": pgettext_lazy("feeling of a baby girl", "proud"),
    "sleepy": pgettext_lazy("feeling of a baby girl", "sleepy"),
    "tired": pgettext_lazy("feeling of a baby girl", "tired"),
    "hungry": pgettext_lazy("feeling of a baby girl", "hungry"),
    "uncomfortable": pgettext_lazy("feeling of a baby girl", "uncomfortable"),
    "frustrated": pgettext_lazy("feeling of a baby girl", "frustrated"),
    "wanting_you": pgettext_lazy("feeling of a baby girl", "wanting you"),
    "missing_you": pgettext_lazy("feeling of a baby girl", "missing you"),
    "overwhelmed": pgettext_lazy("feeling of a baby girl", "overwhelmed"),
    "active": pgettext_lazy("baby girl in the womb", "busy, moving"),
    "listening": pgettext_lazy("feeling of a baby girl", "listening to you"),
    "hiccups": pgettext_lazy("feeling of a baby girl", "hiccuping"),
    "stretching": pgettext_lazy("feeling of a baby girl", "stretching"),
    "not_sure": pgettext_lazy("feeling of a baby girl", "not sure, just wondering"),
}


def feeling_label(code, sex=""):
    """The word for ``code``, in its form for a girl when the baby's sex is noted so."""
    if sex == "female" and code in FEELINGS_OF_A_GIRL:
        return FEELINGS_OF_A_GIRL[code]
    return FEELINGS.get(code, code)
