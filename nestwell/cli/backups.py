"""Backups: backup and restore."""

import sys

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from nestwell.cli.base import setup_django


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
        raise _Refused(_("Could not read the passphrase file %(file)s: %(reason)s.")
                       % {"file": args.passphrase_file, "reason": error.strerror}) from error
    passphrase = text.rstrip("\r\n")
    if not passphrase:
        raise _Refused(_("The passphrase file %(file)s is empty.") % {"file": args.passphrase_file})
    return passphrase


class _Refused(Exception):
    pass


def _unexpected(message):
    import traceback

    print(message, file=sys.stderr)
    traceback.print_exc()
    return 1


def cmd_backup(args):
    setup_django()
    from django.conf import settings

    from nestwell.ops.backup import BackupError, create_backup, prune

    directory = args.to or settings.NESTWELL_BACKUP_DIR
    try:
        passphrase = _read_passphrase(args)
        path = create_backup(directory, passphrase=passphrase)
        removed = prune(directory, args.keep) if args.keep is not None else []
    except (BackupError, _Refused) as error:
        print(error, file=sys.stderr)
        return 1
    except Exception:
        return _unexpected(_("Something unexpected went wrong while making the backup. The "
                              "details below can help whoever looks after this server:"))
    print(path)
    if passphrase:
        print(_("Backup written (locked with the passphrase)."), file=sys.stderr)
    else:
        print(_("Backup written (not encrypted)."), file=sys.stderr)
    for old in removed:
        print(_("Removed the older backup %(path)s") % {"path": old}, file=sys.stderr)
    return 0


def cmd_restore(args):
    setup_django()
    from django.conf import settings

    from nestwell.ops import backup as backups
    from nestwell.ops.backup import BackupError

    try:
        passphrase = _read_passphrase(args)
        if not passphrase and backups.is_encrypted(args.file) and sys.stdin.isatty():
            import getpass

            passphrase = getpass.getpass(_("This backup is locked. Passphrase: ")) or None
        manifest = backups.verify_backup(args.file, passphrase=passphrase)
    except (BackupError, _Refused) as error:
        print(f"{error}\n{_('Nothing was changed.')}", file=sys.stderr)
        return 2 if isinstance(error, backups.BackupRefused | _Refused) else 1
    except Exception:
        return _unexpected(_("Something unexpected went wrong while checking the backup. The "
                              "details below can help whoever looks after this server:"))

    print(_("%(file)s is a good backup.") % {"file": args.file})
    print(backups.describe(manifest))
    if not args.yes:
        if manifest.get("secret_key") or manifest.get("vapid_key"):
            print(_("Restoring it would replace everything now in Nestwell's database with it "
                    "(and the keys kept with it)."))
        else:
            print(_("Restoring it would replace everything now in Nestwell's database with "
                    "it."))
        print(_("To do that, run the same command again with --yes."))
        return 0

    if not args.no_safety_copy:
        try:
            safety = backups.create_backup(settings.NESTWELL_BACKUP_DIR,
                                           passphrase=settings.NESTWELL_BACKUP_PASSPHRASE)
        except Exception as error:
            print(_("Could not save a copy of the data as it is now, so nothing was "
                    "restored: %(reason)s") % {"reason": error}, file=sys.stderr)
            print(_("Add --no-safety-copy to restore without that copy."), file=sys.stderr)
            return 1
        print(_("The data as it was is saved in %(path)s") % {"path": safety})
    try:
        manifest = backups.restore_backup(args.file, passphrase=passphrase)
    except BackupError as error:
        print(error if error.changed else f"{error}\n{_('Nothing was changed.')}",
              file=sys.stderr)
        return 2 if isinstance(error, backups.BackupRefused) else 1
    except Exception:
        return _unexpected(_("Something unexpected went wrong while restoring the backup. The "
                              "details below can help whoever looks after this server:"))
    print(_("Restored."))
    # Everything is as it was then, the keys to it included: an operator restoring after a
    # lost laptop or a member who left would otherwise find them working again unawares.
    print(_("Accounts, passwords, API tokens and share links are as they were when the "
            "backup was made: anything revoked, removed or changed since then is back. Revoke "
            "it again, and ask anyone who changed a password since then to change it again."))
    if manifest.get("photos_removed"):
        print(ngettext("%(n)s photo file added after this backup was made was removed: "
                       "nothing in the restored data had it.",
                       "%(n)s photo files added after this backup was made were removed: "
                       "nothing in the restored data had them.",
                       manifest["photos_removed"]) % {"n": manifest["photos_removed"]})
    if manifest.get("secret_key_changed"):
        print(_("The secret key was restored too: restart Nestwell (stop it and run nestwell "
                "serve again) so it uses it. Everyone will be asked to sign in again."))
    return 0
