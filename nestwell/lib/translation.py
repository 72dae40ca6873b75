"""gettext for the modules that also run without Django (``nestwell score`` run on its own,
the cry detector's loaders): the text in the active language when Django is set up, else
the English text as written. Import as ``_`` so makemessages finds the sentences."""


def _django_ready():
    try:
        from django.apps import apps
        from django.conf import settings
    except ImportError:
        return False
    return settings.configured and apps.ready


def gettext(message):
    if not _django_ready():
        return str(message)
    from django.utils.translation import gettext as django_gettext

    return django_gettext(message)


def ngettext(singular, plural, number):
    if not _django_ready():
        return str(singular if number == 1 else plural)
    from django.utils.translation import ngettext as django_ngettext

    return django_ngettext(singular, plural, number)


def language():
    """The active language's code when Django is set up, else None (English as written)."""
    if not _django_ready():
        return None
    from django.utils.translation import get_language

    return get_language()
