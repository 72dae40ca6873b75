"""An import from the page runs as jobs (huey), so no web worker waits on a big file.

First a check (``dry_run``): ``tasks.start`` records it and queues it; the consumer calls
``run``, which reads the uploaded file and says what would be created or skipped. Its file
stays for the write only if the write may go ahead (something new, nothing rejected);
otherwise it goes at once. "Import these" starts the write job, which reads the checked
file again, checks every row and writes them in short transactions (``load.load``),
recording how far it got in the job's row. The page (``views.import_job``) reads that row
every second. Whatever happens, the uploaded file is removed when the job ends; a failure
leaves nothing of the file written (``load`` takes out what it wrote) and a kind message.
"""

import logging
import os
import time
import zoneinfo

from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from nestwell.transfer import load, uploads
from nestwell.transfer.models import ImportJob

logger = logging.getLogger("nestwell.transfer")
CHECKING_EVERY = 1.0  # seconds between progress writes while rows are checked
# Why a job failed, as a code; the page says it in the reader's language.
NOT_STARTED, FAILED = "not_started", "failed"


def rows_of(fmt, path, zone, options, opened=None):
    """The importer's rows for a file already saved on disk (the file is opened lazily).
    ``opened``, when given, is called with the open file (to see how far it is read)."""
    from nestwell.transfer import file_kind, nestwell_json

    refused = file_kind.refusal_for_path(path, want="json" if fmt == "nestwell" else "csv")
    if refused:
        raise ValueError(refused)
    if fmt == "nestwell":
        stream = open(path, "rb")  # noqa: SIM115 (read lazily by the loader)
        if opened:
            opened(stream)
        nestwell_json.check_header(stream)
        return nestwell_json.read(stream, time_zone=zone)
    from nestwell.transfer.importers import FORMATS

    reader = FORMATS[fmt]
    reader = getattr(reader, "read", reader)
    stream = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    if opened:
        opened(stream)
    return reader(stream, time_zone=zone, options=options)


class Recorder:
    """Writes the job's progress to its row: at most once a second while rows are checked,
    and once per written batch (inside that batch's own transaction) while saving."""

    def __init__(self, job, clock=time.monotonic):
        self.job, self.clock = job, clock
        self.last = None
        self.totals = {kind: n for kind, n in (job.options.get("created") or {}).items()}
        self.bytes = _size(job.path) if job.dry_run else 0

    def __call__(self, done, total, phase="saving", kinds=None):
        if phase == "checking":
            now = self.clock()
            if self.last is not None and now - self.last < CHECKING_EVERY:
                return
            self.last = now
            total = self.job.options.get("rows") or 0
            progress = {"phase": "checking", "done": min(done, total) if total else done,
                        "total": total}
            if self.bytes:  # a check: how much of the file has been read
                progress["read"] = min(_position(self.stream), self.bytes)
                progress["bytes"] = self.bytes
        else:
            progress = {"phase": "saving", "done": done, "total": total,
                        "kinds": {kind: [n, self.totals.get(kind, n)]
                                  for kind, n in (kinds or {}).items()}}
        ImportJob.objects.filter(pk=self.job.pk).update(progress=progress)


    stream = None  # the open file, while checking (for how far it has been read)

    def follow(self, stream):
        self.stream = stream


def _size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _position(stream):
    try:
        raw = getattr(stream, "buffer", stream)
        return raw.tell()
    except (OSError, ValueError, AttributeError):
        return 0


def fail(job, code):
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.FAILED, message=code[:500], finished_at=timezone.now())


def importable(data):
    """Whether a check's result may be imported: something new, and no row rejected."""
    return bool(data.get("created")) and not data.get("rejected")


def _unreadable():
    return _("This file is not plain text in UTF-8. Open it in a spreadsheet and save it "
             "again as “CSV UTF-8”, then choose it here.")


def run(job_id):
    """Run one queued import (called by the huey task)."""
    from nestwell.children.models import Child
    from nestwell.transfer import nestwell_json

    job = ImportJob.objects.select_related("household", "started_by").filter(
        pk=job_id, state=ImportJob.State.WAITING).first()
    if job is None:
        return None  # already run (a retried task) or its household is gone
    household, options = job.household, job.options
    keep = False
    try:
        ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)
        zone = (zoneinfo.ZoneInfo(options["time_zone"]) if options.get("time_zone")
                else household.tz)
        child = None
        if options.get("child"):
            child = Child.objects.filter(household=household, pk=options["child"]).first()
        read = {"file_name": job.file_name, "amount_unit": options.get("amount_unit") or "ml",
                "weight_unit": options.get("weight_unit") or "kg",
                "length_unit": options.get("length_unit") or "cm"}
        recorder = Recorder(job)
        with timezone.override(household.tz), \
                translation.override(options.get("language") or household.locale):
            try:
                rows = rows_of(options["format"], job.path, zone, read,
                               opened=recorder.follow)
                report = load.load(household, job.started_by, rows, dry_run=job.dry_run,
                                   child=child, progress=recorder)
            except UnicodeDecodeError:
                if not job.dry_run:
                    raise
                fail(job, _unreadable())
                return None
            except (ValueError, nestwell_json.NotAnExport) as exc:
                if not job.dry_run:
                    raise
                fail(job, str(exc))  # the reader's own message, naming the row and field
                return None
            data = report.as_dict()
            data["lines"] = report.lines()
            data["rows"] = report.rows
        keep = job.dry_run and importable(data)
        ImportJob.objects.filter(pk=job.pk).update(
            state=ImportJob.State.DONE, report=data, finished_at=timezone.now())
        return data
    except Exception:
        # ``load`` has already taken out whatever it wrote: nothing of the file stays.
        logger.exception("Import job %s failed", job.pk)
        fail(job, FAILED)
        return None
    finally:
        if not keep:  # a check that may go ahead keeps its file for the write
            uploads.remove(job.path)



def visible(request, pk):
    """The job, if the person asking started it, in the household she is looking at."""
    return ImportJob.objects.filter(pk=pk, household=request.household,
                                    started_by=request.user).first()


def recent(request, count=3):
    """Her last few imports in this household, newest first (for links back to them); a
    check whose import was started shows as that import."""
    return list(ImportJob.objects.filter(household=request.household, started_by=request.user)
                .exclude(dry_run=True, then__isnull=False).order_by("-created_at", "-pk")[:count])


def summary(job):
    """What the result page lists: created per kind, duplicates, skipped and rejected with
    their reasons, and rows worth a look."""
    report = job.report or {}
    created = [load.counted(kind, n, shown=number_format(n, force_grouping=True))
               for kind, n in sorted((report.get("created") or {}).items())]
    return {
        "applied": report.get("applied", False),
        "created": created,
        "duplicates": report.get("duplicates", 0),
        "skipped": report.get("skipped", 0),
        "skipped_reasons": sorted((report.get("skipped_reasons") or {}).items(),
                                  key=lambda item: -item[1]),
        "rejected": report.get("rejected", 0),
        "rejected_rows": report.get("rejected_rows") or [],
        "flagged_rows": report.get("flagged_rows") or [],
    }


def percent(job):
    progress = job.progress or {}
    total, done = progress.get("total") or 0, progress.get("done") or 0
    if job.state == ImportJob.State.DONE:
        return 100
    if job.dry_run:  # a check: how much of the file has been read
        size = progress.get("bytes") or 0
        return int(100 * min((progress.get("read") or 0) / size, 1)) if size else 0
    if not total:
        return 0
    share = min(done / total, 1)
    # Checking is the first half of the bar, saving the second.
    return int(50 * share) if progress.get("phase") == "checking" else int(50 + 50 * share)


def kinds(job):
    """While saving: (what, written, of how many) per kind, e.g. ("moments", 4000, 9000)."""
    found = (job.progress or {}).get("kinds") or {}
    return [(load.noun(kind, total), done, total)
            for kind, (done, total) in sorted(found.items())]


def forget_checks(request):
    """Remove the files of her earlier checks here that were never imported (a check
    started again replaces the last)."""
    for job in ImportJob.objects.filter(household=request.household, started_by=request.user,
                                        dry_run=True, then__isnull=True,
                                        state=ImportJob.State.DONE):
        uploads.remove(job.path)


def may_import(job):
    """A finished check whose file may be imported, and has not been yet."""
    return (job.dry_run and job.state == ImportJob.State.DONE and job.then_id is None
            and importable(job.report or {}) and os.path.isfile(job.path))

