"""Durations in the words of the language in use ('1 h 05 min' in English)."""

from datetime import timedelta

from django.utils.translation import pgettext

from nestwell.journal.timeutil import format_duration


def duration_label(delta: timedelta | None) -> str:
    return format_duration(delta, {
        "s": pgettext("duration", "%(s)s s"),
        "min": pgettext("duration", "%(m)s min"),
        "h": pgettext("duration", "%(h)s h %(m)02d min"),
    })
