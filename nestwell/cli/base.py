"""What every command needs first."""

import argparse
import os
import sys
from contextlib import contextmanager


def setup_django():
    """Set Django up once: the command line sets it up before it reads its arguments (its
    help speaks the person's language), and each command asks again."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
    import django
    from django.apps import apps

    if apps.ready:
        return
    from django.core.exceptions import ImproperlyConfigured

    from nestwell import config

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        # A setting that cannot be read (NESTWELL_BACKUP_KEEP=abc): said in a line.
        raise SystemExit(f"nestwell: {exc}") from None
    from django.conf import settings

    warning = config.openness_warning(settings.DATA_DIR)
    if warning:
        print(warning, file=sys.stderr, flush=True)


@contextmanager
def argparse_in_our_language():
    """argparse's own words (``usage:``, ``options``, its error messages) through Django's
    catalogue, as ours are; they are listed for makemessages in ``argparse_words``."""
    from django.utils.translation import gettext, ngettext

    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = gettext, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def database_unreachable(exc) -> str:
    """One line for a database that cannot be reached (a wrong DATABASE_URL, PostgreSQL
    not running): it had been a traceback of ninety lines."""
    from django.utils.translation import gettext as _

    first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    return "nestwell: " + _("the database could not be reached (%(reason)s). Check "
                            "DATABASE_URL and that the database server is running.") % {
                                "reason": first[:300]}


def unreachable(exc) -> bool:
    """The database server is not there (as opposed to a failing statement)."""
    import re

    text = str(exc).lower()
    return bool(re.search(r'database ".*" does not exist', text)) or any(
        words in text for words in (
            "connection failed", "connection refused", "could not connect",
            "unable to open database", "no such host", "name or service not known",
            "password authentication failed", "timeout expired"))
