"""The ``nestwell`` command: serve the app, fill a demo, and operator tasks."""

import argparse
import os
import sys
import time


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nestwell.settings")
    import django

    django.setup()


def cmd_serve(args):
    started = time.monotonic()
    _django()
    from django.conf import settings
    from django.core.management import call_command

    print(f"Data directory: {settings.DATA_DIR}", flush=True)
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.demo:
        from nestwell.demo import fill_demo

        fill_demo(stdout=sys.stdout)
    everywhere = ("127.0.0.1", "0.0.0.0", "::")  # noqa: S104 (only to choose a display name)
    shown_host = "localhost" if args.host in everywhere else args.host
    os.environ["NESTWELL_PUBLIC_URL"] = f"http://{shown_host}:{args.port}/"
    print(f"Prepared in {time.monotonic() - started:.1f} s; starting the web server…",
          flush=True)
    bind = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    argv = [sys.executable, "-m", "gunicorn", "nestwell.wsgi:application",
            "--config", "python:nestwell.gunicorn_conf", "--bind", bind,
            "--workers", str(args.workers)]
    os.execv(sys.executable, argv)  # noqa: S606 (replace this process with the server)


def cmd_demo(args):
    _django()
    from django.core.management import call_command

    from nestwell.demo import fill_demo

    call_command("migrate", interactive=False, verbosity=0)
    fill_demo(stdout=sys.stdout, reset=args.reset)
    return 0


def cmd_manage(args):
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nestwell manage", *args.rest])
    return 0


def _read_passphrase(args):
    """The passphrase from --passphrase-file (``-``: standard input), else the setting."""
    from django.conf import settings

    if not args.passphrase_file:
        return settings.NESTWELL_BACKUP_PASSPHRASE
    source = args.passphrase_file
    try:
        if source == "-":
            text = sys.stdin.readline()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.readline()
    except OSError as error:
        raise _Refused(f"Could not read the passphrase file {args.passphrase_file}: "
                       f"{error.strerror}.") from error
    passphrase = text.rstrip("\r\n")
    if not passphrase:
        raise _Refused(f"The passphrase file {args.passphrase_file} is empty.")
    return passphrase


class _Refused(Exception):
    pass


def _unexpected(what):
    import traceback

    print(f"Something unexpected went wrong while {what}. The details below can help "
          "whoever looks after this server:", file=sys.stderr)
    traceback.print_exc()
    return 1


def cmd_backup(args):
    _django()
    from django.conf import settings

    from nestwell.backup import BackupError, create_backup, prune

    directory = args.to or settings.NESTWELL_BACKUP_DIR
    try:
        passphrase = _read_passphrase(args)
        path = create_backup(directory, passphrase=passphrase)
        removed = prune(directory, args.keep) if args.keep is not None else []
    except (BackupError, _Refused) as error:
        print(error, file=sys.stderr)
        return 1
    except Exception:
        return _unexpected("making the backup")
    print(path)
    note = "locked with the passphrase" if passphrase else "not encrypted"
    print(f"Backup written ({note}).", file=sys.stderr)
    for old in removed:
        print(f"Removed the older backup {old}", file=sys.stderr)
    return 0


def cmd_restore(args):
    _django()
    from django.conf import settings

    from nestwell import backup as backups
    from nestwell.backup import BackupError

    try:
        passphrase = _read_passphrase(args)
        if not passphrase and backups.is_encrypted(args.file) and sys.stdin.isatty():
            import getpass

            passphrase = getpass.getpass("This backup is locked. Passphrase: ") or None
        manifest = backups.verify_backup(args.file, passphrase=passphrase)
    except (BackupError, _Refused) as error:
        print(f"{error}\nNothing was changed.", file=sys.stderr)
        return 2 if isinstance(error, backups.BackupRefused | _Refused) else 1
    except Exception:
        return _unexpected("checking the backup")

    print(f"{args.file} is a good backup.")
    print(backups.describe(manifest))
    if not args.yes:
        print("Restoring it would replace everything now in Nestwell's database with it"
              + (" (and the secret key)." if manifest.get("secret_key") else ".")
              + "\nTo do that, run the same command again with --yes.")
        return 0

    if not args.no_safety_copy:
        try:
            safety = backups.create_backup(settings.NESTWELL_BACKUP_DIR,
                                           passphrase=settings.NESTWELL_BACKUP_PASSPHRASE)
        except Exception as error:
            print(f"Could not save a copy of the data as it is now, so nothing was restored: "
                  f"{error}\nAdd --no-safety-copy to restore without that copy.",
                  file=sys.stderr)
            return 1
        print(f"The data as it was is saved in {safety}")
    try:
        manifest = backups.restore_backup(args.file, passphrase=passphrase)
    except BackupError as error:
        print(error if error.changed else f"{error}\nNothing was changed.", file=sys.stderr)
        return 2 if isinstance(error, backups.BackupRefused) else 1
    except Exception:
        return _unexpected("restoring the backup")
    print("Restored.")
    if manifest.get("secret_key_changed"):
        print("The secret key was restored too: restart Nestwell (stop it and run nestwell "
              "serve again) so it uses it. Everyone will need to sign in again.")
    return 0


def cmd_jobs(args):
    _django()
    from django.core.management import call_command

    import nestwell.tasks  # noqa: F401 (registers the daily backup with the consumer)

    call_command("run_huey")
    return 0


def _at_least_one(text):
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError("give a whole number, 1 or more")
    return value


def build_parser():
    parser = argparse.ArgumentParser(
        prog="nestwell",
        description="Nestwell: a private companion for the bond between a mother and her baby.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = sub.add_parser("serve", help="migrate, then serve the app with a production server")
    serve.add_argument("--host", default=os.environ.get("NESTWELL_HOST", "127.0.0.1"),
                       help="address to listen on (default 127.0.0.1; 0.0.0.0 for your network)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("NESTWELL_PORT", "8000")))
    serve.add_argument("--workers", type=int,
                       default=int(os.environ.get("NESTWELL_WORKERS", "2")),
                       help="worker processes (default 2)")
    serve.add_argument("--demo", action="store_true",
                       help="fill the demo households first (if not there yet)")
    serve.set_defaults(func=cmd_serve)

    demo = sub.add_parser("demo", help="fill two demo households so you can look around")
    demo.add_argument("--reset", action="store_true", help="delete and recreate the demo data")
    demo.set_defaults(func=cmd_demo)

    score = sub.add_parser("score", help="score a questionnaire (PHQ-9, GAD-7, PBQ, EPDS …)")
    from nestwell.wellbeing.instruments import cli as score_cli

    score_cli.add_arguments(score)
    score.set_defaults(func=score_cli.run)

    manage = sub.add_parser("manage", help="run a Django management command (operators)",
                            add_help=False)
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    backup = sub.add_parser(
        "backup", help="save a backup of the database and the secret key",
        description="Save one backup file of the database and the secret key, made while "
                    "Nestwell runs. Prints the file's path. Exit status: 0 done, 1 failed.")
    backup.add_argument("--to", metavar="DIR",
                        help="folder for the backup (default: NESTWELL_BACKUP_DIR, or "
                             "backups/ in the data directory)")
    backup.add_argument("--passphrase-file", metavar="FILE",
                        help="lock the backup with the passphrase on the first line of FILE "
                             "(- reads it from standard input); default: "
                             "NESTWELL_BACKUP_PASSPHRASE, if set")
    backup.add_argument("--keep", type=_at_least_one, metavar="N",
                        help="afterwards, remove all but the newest N backups in the folder")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser(
        "restore", help="check a backup, and with --yes put it back in place",
        description="Check a backup file completely. With --yes, first save the data as it "
                    "is now, then replace the database (and the secret key) with the "
                    "backup's. A damaged file, another program's file, a wrong passphrase or "
                    "a backup from a newer Nestwell is refused and nothing is changed. "
                    "Exit status: 0 good (or restored), 2 refused, 1 failed.")
    restore.add_argument("file", metavar="FILE", help="the backup file (nestwell-backup-….nwbak)")
    restore.add_argument("--passphrase-file", metavar="FILE",
                         help="the passphrase of a locked backup, on the first line of FILE "
                              "(- reads standard input); default: NESTWELL_BACKUP_PASSPHRASE")
    restore.add_argument("--yes", action="store_true",
                         help="really replace the current data (without it, only check)")
    restore.add_argument("--no-safety-copy", action="store_true",
                         help="do not save a backup of the current data first")
    restore.set_defaults(func=cmd_restore)

    jobs = sub.add_parser("jobs", help="run the scheduled jobs (the daily backup); "
                                       "nestwell serve starts this for you")
    jobs.set_defaults(func=cmd_jobs)

    from nestwell import cli_data

    cli_data.add_parsers(sub)
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    from nestwell import cli_data

    if getattr(args.func, "__module__", "") == cli_data.__name__:
        _django()
        return cli_data.run(args.func, args) or 0
    result = args.func(args)
    return result or 0


if __name__ == "__main__":
    sys.exit(main())
