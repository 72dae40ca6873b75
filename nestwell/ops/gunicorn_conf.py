"""Gunicorn settings for ``nestwell serve``; the CLI passes bind and workers."""

import os
import subprocess
import sys
import threading
import time

from gunicorn.glogging import Logger

from nestwell.lib.redact import redact
from nestwell.ops import collector

# NESTWELL_LOG_LEVEL (checked by the settings) sets gunicorn's level too; above INFO the
# line for each request is left out as well.
loglevel = os.environ.get("NESTWELL_LOG_LEVEL", "INFO").strip().lower() or "info"
accesslog = "-" if loglevel in ("debug", "info") else None
errorlog = "-"
# Threads let one worker wait on the database without blocking the others.
worker_class = "gthread"
threads = int(os.environ.get("NESTWELL_THREADS", "4"))
graceful_timeout = 10
timeout = 30
umask = 0o077  # files and sockets for the person running it alone (see config.py)
# The app (Django, every view) is loaded once in the master and shared by the workers it
# forks: a start costs one load instead of one per worker, and the first request does not
# wait for it (docs/performance.md, "first request after nestwell serve").
preload_app = True
forwarded_allow_ips = os.environ.get("NESTWELL_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Gunicorn 25.1+ opens a control socket for its gunicornc tool, by default in
# $XDG_RUNTIME_DIR or ~/.gunicorn: outside the data directory, and one path for every
# server of the same person, so a second Nestwell (or the test suite's two servers) took
# over the first one's. Nestwell is run by `nestwell serve` and signals (docs/operator-guide.md).
control_socket_disable = True


M_ARENA_MAX = -8  # glibc's mallopt parameter (malloc.h)


def fewer_malloc_arenas(limit=2):
    """At most ``limit`` malloc arenas in the master and the workers it forks. glibc gives
    each thread that allocates its own arena, up to eight per core, and a worker's four
    threads each kept freed memory of their own: with two, a worker held 77–78 MB after
    the bench's load run instead of 80, at the same rate of requests (docs/performance.md,
    Memory). The same as setting MALLOC_ARENA_MAX=2, which is left alone when an operator
    has set it; on a C library without mallopt (musl, macOS) nothing is done."""
    if "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        import ctypes

        return ctypes.CDLL(None).mallopt(M_ARENA_MAX, limit) == 1
    except (OSError, AttributeError):
        return False


fewer_malloc_arenas()  # when gunicorn reads this file: in the master, before any fork


class RedactingLogger(Logger):
    """Gunicorn's logger, with the secret part of such links taken out of every value the
    access log can print (the request line, the path, the referrer, any header)."""

    def atoms(self, resp, req, environ, request_time):
        return {key: redact(value) if isinstance(value, str) else value
                for key, value in super().atoms(resp, req, environ, request_time).items()}


logger_class = RedactingLogger


def when_ready(server):
    _start_jobs(server)
    _watch_jobs(server)
    url = os.environ.get("NESTWELL_PUBLIC_URL", "")
    print(f"\n  Nestwell is ready at {url}\n  (Ctrl+C to stop)\n", flush=True)


def pre_fork(server, worker):
    # What the master has loaded is frozen for the garbage collector, and the young
    # generation is collected less often (ops/collector.py; docs/performance.md): a
    # collection walking it all cost about 60 ms of CPU every few requests of a busy page.
    collector.settle()


def on_exit(server):
    global _watching
    _watching = False
    _stop_jobs(server)


def on_reload(server):
    # SIGHUP: the jobs come back too if they had stopped.
    _start_jobs(server)


# --- The jobs consumer (the daily backup) ----------------------------------------------
# One `nestwell jobs` child of the gunicorn master, started once the server is ready and
# stopped when it exits. NESTWELL_JOBS=off leaves it out (for example on all but one of
# several app machines).
_jobs = None
_watching = False
_last_start = 0.0
JOBS_CHECK_SECONDS = 30
JOBS_RESTART_AFTER = 300  # at most one restart in five minutes, if it keeps failing


def _jobs_enabled():
    return os.environ.get("NESTWELL_JOBS", "on").strip().lower() not in (
        "off", "0", "false", "no")


def _start_jobs(server):
    global _jobs
    if not _jobs_enabled() or (_jobs is not None and _jobs.poll() is None):
        return
    try:
        _jobs = subprocess.Popen([sys.executable, "-m", "nestwell.cli", "jobs"])  # noqa: S603
    except OSError as error:
        server.log.error("Could not start the scheduled jobs (daily backup): %s", error)
        return
    server.log.info("Scheduled jobs (daily backup) running as process %s", _jobs.pid)
    global _last_start
    _last_start = time.monotonic()


def check_jobs(server, now=None):
    """Start the jobs again if they have stopped, and say so in the log. Killed, or ended
    by a setting they could not read, they had stopped for good without a word, and with
    them the nightly backup and the reminders, while the site and /healthz looked well.
    Returns True when it started them again."""
    if not _jobs_enabled() or _jobs is None or _jobs.poll() is None:
        return False
    now = time.monotonic() if now is None else now
    if now - _last_start < JOBS_RESTART_AFTER:
        return False
    server.log.error("The scheduled jobs (backups, reminders, imports) stopped with exit "
                     "code %s; starting them again. If this repeats, `nestwell jobs` run "
                     "by hand shows why.", _jobs.returncode)
    _start_jobs(server)
    return True


def _watch_jobs(server):
    """A thread of the master that looks at the jobs every JOBS_CHECK_SECONDS."""
    global _watching
    if _watching or not _jobs_enabled():
        return
    _watching = True

    def watch():
        while _watching:
            time.sleep(JOBS_CHECK_SECONDS)
            if _watching:
                check_jobs(server)

    threading.Thread(target=watch, name="nestwell-jobs-watch", daemon=True).start()


def _stop_jobs(server):
    global _jobs
    if _jobs is None:
        return
    if _jobs.poll() is None:
        _jobs.terminate()
        try:
            _jobs.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.log.warning("The scheduled jobs did not stop in time; ending them")
            _jobs.kill()
            _jobs.wait()
    _jobs = None
