"""Running Nestwell: serve, jobs, demo, manage."""

import os
import sys
import time
from pathlib import Path

from django.utils.translation import gettext as _

from nestwell.cli.base import setup_django


def public_url(host, port, allowed, https) -> str:
    """The address printed when the server is ready: one the server answers. Listening
    everywhere, it is a host the settings allow ("localhost" answered 400 when only
    nest.home.arpa was allowed); behind HTTPS (a proxy in front), https and no port."""
    everywhere = ("127.0.0.1", "0.0.0.0", "::", "[::]")  # noqa: S104 (a display name only)
    named = [h for h in allowed if h not in ("*", "") and not h.startswith(".")]
    if host not in everywhere:
        shown = host
    elif "localhost" in allowed or "*" in allowed or not named:
        shown = "localhost"
    else:
        shown = named[0]
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"https://{shown}/" if https else f"http://{shown}:{port}/"


def cmd_serve(args):
    started = time.monotonic()
    setup_django()
    from django.conf import settings

    print(_("Data directory: %(path)s") % {"path": settings.DATA_DIR}, flush=True)
    refusal = cannot_listen(args.host, args.port) or (args.demo and demo_refusal(args))
    if refusal:
        print(f"nestwell: {refusal}", file=sys.stderr, flush=True)
        return 2
    failed = run_apart(prepare, args.demo)
    if failed:
        return failed
    os.environ["NESTWELL_PUBLIC_URL"] = public_url(args.host, args.port,
                                                   settings.ALLOWED_HOSTS, settings.HTTPS)
    print(_("Prepared in %(seconds).1f s; starting the web server…")
          % {"seconds": time.monotonic() - started}, flush=True)
    bind = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    # gunicorn runs in this process, which has Django loaded already: with preload_app
    # (ops/gunicorn_conf.py) its master takes the app from here instead of starting a
    # second interpreter that loads everything again (half a second of a start).
    from django.db import connections
    from django.utils import translation
    from gunicorn.app.wsgiapp import WSGIApplication

    connections.close_all()  # the workers are forked: none inherits an open connection
    # The pages choose each person's language (accounts/language.py): the workers inherit
    # none from the command line's.
    translation.deactivate()
    sys.argv = ["gunicorn", "nestwell.wsgi:application",
                "--config", "python:nestwell.ops.gunicorn_conf", "--bind", bind,
                "--workers", str(args.workers)]
    WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]", prog="gunicorn").run()
    return 0


def prepare(demo=False):
    """What a start does before the web server: bring the database up to date, collect the
    static files, and fill the demo households when asked."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    collect_static()
    if demo:
        from nestwell.ops.demo import fill_demo

        fill_demo(stdout=sys.stdout)


def cannot_listen(host, port):
    """Why the server could not listen on ``host:port``, in a line, or None. A port in use
    had been ten lines of gunicorn's "Connection in use" over five seconds, then "Can't
    connect"."""
    import errno
    import socket

    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError, ValueError):
        return _("%(host)s is not an address this machine can listen on: set NESTWELL_HOST "
                 "(or --host) to one of its own, such as 127.0.0.1 or 0.0.0.0.") % {
                     "host": host}
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return _("port %(port)s on %(host)s is in use already (another Nestwell, or "
                         "another program). Choose a free one with NESTWELL_PORT (or "
                         "--port).") % {"port": port, "host": host}
            if exc.errno == errno.EACCES:
                return _("port %(port)s needs special permission; choose one above 1023 "
                         "with NESTWELL_PORT (or --port), and put a reverse proxy in front "
                         "for 80 or 443.") % {"port": port}
            return _("%(host)s:%(port)s cannot be listened on (%(reason)s). Set NESTWELL_HOST "
                     "and NESTWELL_PORT (or --host and --port).") % {
                         "host": host, "port": port, "reason": exc.strerror or exc}
    return None


def run_apart(function, *args):
    """``function(*args)`` in a child forked from this process, which waits for it; the
    child's exit code (1 and its traceback on stderr if it raised).

    The server's master forks its workers from this process, and each worker starts with
    everything the master holds. Even with nothing to apply, ``migrate`` imports every
    migration and builds the whole schema's state from them, and that stayed in the master
    (and so in every worker) for as long as it ran: 4 MB of each worker after the bench's
    load (docs/performance.md, Memory). A forked child shares what Django has loaded
    already, so it starts at once, and what it builds goes away with it."""
    import multiprocessing

    from django.db import connections

    connections.close_all()  # neither process may use a connection the other opened
    child = multiprocessing.get_context("fork").Process(target=_then_close, args=(function, *args))
    child.start()
    try:
        child.join()
    except KeyboardInterrupt:  # Ctrl+C reaches both: the child stops too (see below)
        child.join()
        return 130
    return child.exitcode


def _then_close(function, *args):
    from django.db import connections
    from django.db.utils import InterfaceError, OperationalError

    from nestwell.cli.base import database_unreachable, unreachable

    try:
        function(*args)
    except KeyboardInterrupt:
        sys.exit(130)  # stopped by hand: no traceback (a migration half done is rolled back)
    except (OperationalError, InterfaceError) as exc:
        if not unreachable(exc):
            raise
        print(database_unreachable(exc), file=sys.stderr, flush=True)
        sys.exit(2)
    finally:
        connections.close_all()


def collect_static():
    """``collectstatic``, unless the collected files are already those of this version.

    whitenoise compresses and hashes every file again on each run (2 s of a start on a
    small machine, most of it); the app's and its libraries' static files only change with
    an upgrade. A fingerprint of the sources (path, size, modification time) is kept next
    to the collected files, and collection runs when it differs or is missing."""
    import hashlib
    import json

    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    sources = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            found = os.stat(storage.path(path))
            sources.append((path, found.st_size, found.st_mtime_ns))
    sources.sort()
    fingerprint = hashlib.sha256(json.dumps(
        [settings.STORAGES["staticfiles"]["BACKEND"], sources]).encode()).hexdigest()
    stamp = Path(settings.STATIC_ROOT) / ".collected"  # written once collection succeeded
    try:
        if stamp.read_text() == fingerprint:
            return False
    except OSError:
        pass
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True


def demo_refusal(args):
    """Why the demo is not added here, or None: the data directory holds real people's
    accounts, and the demo's can be signed in to by anyone who knows its published
    password (it had been added to a family's server without a word)."""
    from nestwell.ops.demo import real_accounts

    if getattr(args, "alongside_real_accounts", False) or not real_accounts():
        return None
    return _("this data directory holds real accounts, and the demo's accounts share a "
             "published password: anyone who can reach this server could sign in to them. "
             "Try the demo in a data directory of its own (NESTWELL_DATA_DIR=/tmp/nestwell-"
             "demo nestwell serve --demo), or add --alongside-real-accounts if this is what "
             "you want.")


def cmd_demo(args):
    setup_django()
    from django.core.management import call_command

    from nestwell.ops.demo import fill_demo

    if refusal := demo_refusal(args):
        print(f"nestwell: {refusal}", file=sys.stderr)
        return 2
    call_command("migrate", interactive=False, verbosity=0)
    fill_demo(stdout=sys.stdout, reset=args.reset)
    return 0


def cmd_manage(args):
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nestwell manage", *args.rest])
    return 0


def cmd_jobs(args):
    setup_django()
    from django.core.management import call_command
    from django.utils import translation

    import nestwell.ops.tasks  # noqa: F401 (registers the daily backup with the consumer)

    translation.deactivate()  # each job speaks its person's language, not the terminal's
    call_command("run_huey")
    return 0
