"""argparse's own words that a person meets (the help's headings, its error messages),
named here so that makemessages puts them in the catalogue: the command line hands
argparse Django's gettext (base.argparse_in_our_language). The msgids are argparse's
English, exactly (as Python 3.11 has them)."""

from django.utils.translation import gettext_noop, ngettext_lazy

WORDS = (
    # Translators: the heading before a command's synopsis; keep the space at the end.
    gettext_noop("usage: "),
    gettext_noop("positional arguments"),
    gettext_noop("options"),
    gettext_noop("show this help message and exit"),
    # Translators: %(prog)s is the command (nestwell log); keep the line break at the end.
    gettext_noop("%(prog)s: error: %(message)s\n"),
    gettext_noop("argument %(argument_name)s: %(message)s"),
    gettext_noop("unknown parser %(parser_name)r (choices: %(choices)s)"),
    gettext_noop("can't open '%(filename)s': %(error)s"),
    gettext_noop("unrecognized arguments: %s"),
    gettext_noop("not allowed with argument %s"),
    gettext_noop("ignored explicit argument %r"),
    gettext_noop("the following arguments are required: %s"),
    gettext_noop("one of the arguments %s is required"),
    gettext_noop("expected one argument"),
    gettext_noop("expected at most one argument"),
    gettext_noop("expected at least one argument"),
    gettext_noop("ambiguous option: %(option)s could match %(matches)s"),
    gettext_noop("unexpected option string: %s"),
    gettext_noop("invalid %(type)s value: %(value)r"),
    gettext_noop("invalid choice: %(value)r (choose from %(choices)s)"),
)
PLURALS = (ngettext_lazy("expected %s argument", "expected %s arguments"),)
