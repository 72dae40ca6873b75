"""The words of each questionnaire's score bands, as the instruments' data files write them
(in English, and kept so on each response), marked here so that the catalogues give them
in her language wherever a result is shown. tests/wellbeing/test_bands.py checks that
every band of every instrument is listed."""

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

LABELS = (
    _("At or above the usual cut-off"),
    _("Below the usual cut-off"),
    _("Below the usual screening threshold"),
    _("Few or no signs of anxiety"),
    _("Few or no signs of low mood"),
    _("Mild signs of anxiety"),
    _("Mild signs of low mood"),
    _("Moderate signs of anxiety"),
    _("Moderate signs of low mood"),
    _("Moderately severe signs of low mood"),
    _("Possible signs of depression"),
    _("Probable signs of depression"),
    _("Severe signs of anxiety"),
    _("Severe signs of low mood"),
)


def label(kept: str) -> str:
    """A band's words, as kept on a response, in the language in use."""
    return gettext(kept) if kept else ""


# The bands at or above a questionnaire's usual cut-off for a conversation: a report for a
# visit names these first (an EPDS of 13 was on its last page, below the pumping).
WORTH_ATTENTION = frozenset({
    "At or above the usual cut-off", "Possible signs of depression",
    "Probable signs of depression", "Moderate signs of low mood",
    "Moderately severe signs of low mood", "Severe signs of low mood",
    "Moderate signs of anxiety", "Severe signs of anxiety",
})


def worth_attention(kept: str) -> bool:
    return kept in WORTH_ATTENTION
