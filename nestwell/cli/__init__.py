"""The ``nestwell`` command: serve the app, fill a demo, and operator tasks. This module
puts the commands together; each group lives in its own module (server, backups, data, listen)."""

import argparse
import os
import sys

from django.utils.translation import gettext as _

from nestwell.cli.backups import cmd_backup, cmd_restore
from nestwell.cli.base import argparse_in_our_language, setup_django
from nestwell.cli.server import cmd_demo, cmd_jobs, cmd_manage, cmd_serve


def _at_least_one(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("give a whole number, 1 or more"))
    return value


def _env_whole(name, default):
    """A whole number from the environment for an option's default; one that is not a
    number stops the command with a line naming it (it was a traceback)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"nestwell: {name} must be a whole number; it is {raw!r}.") from None


def build_parser():
    """The parser, in the language active when it is built (its texts are read then)."""
    parser = argparse.ArgumentParser(
        prog="nestwell",
        description=_("Nestwell: a private companion for the bond between a mother and her "
                        "baby."),
    )
    parser.add_argument("--language", metavar="CODE",
                        help=_("the language to answer in, e.g. fr (default: "
                                 "NESTWELL_LANGUAGE, else your locale, else English)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = sub.add_parser("serve", help=_("migrate, then serve the app with a production server"))
    serve.add_argument("--host", default=os.environ.get("NESTWELL_HOST", "127.0.0.1"),
                       help=_("address to listen on (default 127.0.0.1; 0.0.0.0 for your network)"))
    serve.add_argument("--port", type=int, default=_env_whole("NESTWELL_PORT", 8000))
    serve.add_argument("--workers", type=int, default=_env_whole("NESTWELL_WORKERS", 2),
                       help=_("worker processes (default 2)"))
    serve.add_argument("--demo", action="store_true",
                       help=_("fill the demo households first (if not there yet)"))
    serve.add_argument("--alongside-real-accounts", action="store_true",
                       help=_("add the demo even though real accounts are here"))
    serve.set_defaults(func=cmd_serve)

    demo = sub.add_parser("demo", help=_("fill two demo households so you can look around"))
    demo.add_argument("--reset", action="store_true", help=_("delete and recreate the demo data"))
    demo.add_argument("--alongside-real-accounts", action="store_true",
                      help=_("add the demo even though real accounts are here"))
    demo.set_defaults(func=cmd_demo)

    score = sub.add_parser("score", help=_("score a questionnaire (PHQ-9, GAD-7, PBQ, EPDS …)"))
    from nestwell.wellbeing.instruments import cli as score_cli

    score_cli.add_arguments(score)
    score.set_defaults(func=cmd_score)

    manage = sub.add_parser("manage", help=_("run a Django management command (operators)"),
                            add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    backup = sub.add_parser(
        "backup", help=_("save a backup of the database and the secret key"),
        description=_("Save one backup file of the database and the secret key, made while "
                      "Nestwell runs. Prints the file's path. Exit status: 0 done, 1 failed."))
    backup.add_argument("--to", metavar="DIR",
                        help=_("folder for the backup (default: NESTWELL_BACKUP_DIR, or "
                               "backups/ in the data directory)"))
    backup.add_argument("--passphrase-file", metavar="FILE",
                        help=_("lock the backup with the passphrase on the first line of FILE "
                               "(- reads it from standard input); default: "
                               "NESTWELL_BACKUP_PASSPHRASE, if set"))
    backup.add_argument("--keep", type=_at_least_one, metavar="N",
                        help=_("afterwards, remove all but the newest N backups in the folder"))
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser(
        "restore", help=_("check a backup, and with --yes put it back in place"),
        description=_("Check a backup file completely. With --yes, first save the data as it "
                      "is now, then replace the database (and the secret key) with the "
                      "backup's. A damaged file, another program's file, a wrong passphrase or "
                      "a backup from a newer Nestwell is refused and nothing is changed. "
                      "Exit status: 0 good (or restored), 2 refused, 1 failed."))
    restore.add_argument("file", metavar="FILE",
                         help=_("the backup file (nestwell-backup-….nwbak)"))
    restore.add_argument("--passphrase-file", metavar="FILE",
                         help=_("the passphrase of a locked backup, on the first line of FILE "
                                "(- reads standard input); default: NESTWELL_BACKUP_PASSPHRASE"))
    restore.add_argument("--yes", action="store_true",
                         help=_("really replace the current data (without it, only check)"))
    restore.add_argument("--no-safety-copy", action="store_true",
                         help=_("do not save a backup of the current data first"))
    restore.set_defaults(func=cmd_restore)

    jobs = sub.add_parser("jobs", help=_("run the scheduled jobs (the daily backup); "
                                         "nestwell serve starts this for you"))
    jobs.set_defaults(func=cmd_jobs)

    from nestwell.cli import data as cli_data

    cli_data.add_parsers(sub)
    from nestwell.cli import listen as cli_listen

    cli_listen.add_parsers(sub)
    return parser


def main(argv=None):
    from django.db.utils import InterfaceError, OperationalError

    from nestwell.cli.base import database_unreachable, unreachable

    try:
        return _main(argv)
    except (OperationalError, InterfaceError) as exc:
        if not unreachable(exc):
            raise
        print(database_unreachable(exc), file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`nestwell export … | head`): stop quietly, and point the
        # rest of the output at nothing so the interpreter's last flush cannot complain.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 1


MACHINE_TZ = "NESTWELL_MACHINE_TZ"


def households_country():
    """The country every household here has set, when they agree on one (a family's own
    server), else None: `nestwell score` gives its lines before the machine's time zone's
    (a server kept on UTC had given Aoife, in Dublin, only 112). None without a database."""
    from nestwell.accounts.models import Household

    try:
        found = list(Household.objects.exclude(country="").order_by()
                     .values_list("country", flat=True).distinct()[:2])
    except Exception:  # no database, none prepared, or not allowed: scoring goes on
        return None
    return found[0] if len(found) == 1 else None


def cmd_score(args):
    from nestwell.wellbeing.instruments import cli as score_cli

    if not args.country:
        args.country = households_country()
    return score_cli.run(args)


def _main(argv=None):
    from nestwell import config

    config.keep_files_private()  # inherited by the server `serve` starts
    argv = sys.argv[1:] if argv is None else list(argv)
    # The machine's own zone, before Django sets $TZ to the project's (UTC): `nestwell
    # score` gives the support lines of the country it names.
    os.environ.setdefault(MACHINE_TZ, os.environ.get("TZ", ""))
    # Django first: the help and every message go through its catalogue.
    setup_django()
    from django.conf import settings
    from django.utils import translation

    from nestwell.cli import language

    code, unknown = language.choose(argv, os.environ,
                                    {code for code, _name in settings.LANGUAGES},
                                    default=settings.LANGUAGE_CODE)
    with translation.override(code), argparse_in_our_language():
        if unknown:
            print(_("Nestwell does not speak “%(language)s” yet, so it answers in "
                    "English.") % {"language": unknown}, file=sys.stderr)
        parser = build_parser()
        args, extra = parser.parse_known_args(argv)
        if extra and getattr(args, "command", None) == "manage":
            # `nestwell manage --help`: what follows is Django's, options first included.
            args.rest = [*extra, *args.rest]
        elif extra:
            args = parser.parse_args(argv)  # refused as argparse refuses it
        from nestwell.cli import data as cli_data

        if getattr(args.func, "__module__", "") == cli_data.__name__:
            return cli_data.run(args.func, args) or 0
        result = args.func(args)
        return result or 0

