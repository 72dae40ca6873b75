"""Your data: export it, bring data in from another tracker, or delete the household."""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required, parent_required
from nestwell.accounts.services import may_delete_household
from nestwell.transfer import export, jobs, own_data, tasks, uploads
from nestwell.transfer.forms import DeleteHouseholdForm, ExportForm, ImportForm


def export_schema(request, version=export.VERSION):
    """The published JSON Schema of the export format, this version or an older (public)."""
    return FileResponse(open(export.SCHEMAS[version], "rb"),  # noqa: SIM115 (closed by the response)
                        content_type="application/schema+json")


@member_required()
def data_home(request):
    return render(request, "transfer/data.html", {
        "export_form": ExportForm(household=request.household),
        "import_form": ImportForm(household=request.household),
        "may_delete": may_delete_household(request.membership),
        "imports": jobs.recent(request),
    })


@member_required()
def export_download(request):
    form = ExportForm(request.GET or None, household=request.household)
    if not form.is_valid():
        return render(request, "transfer/data.html", {
            "export_form": form, "import_form": ImportForm(household=request.household)},
            status=400)
    data = form.cleaned_data
    scope = export.Scope(request.household, request.user, child=data["child"],
                         since=data["since"], until=data["until"])
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    if data["format"] == "csv":
        spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
        export.write_csv_zip(scope, spool)
        spool.seek(0)
        return FileResponse(spool, as_attachment=True, filename=f"nestwell-{stamp}.zip",
                            content_type="application/zip")
    response = StreamingHttpResponse(export.iter_json(scope),
                                     content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nestwell-{stamp}.json"'
    return response


def _too_big(request, form):
    message = _("This file is larger than the %(mb)s MB this Nestwell accepts. Bring it in "
                "with the command line (nestwell import), or ask whoever runs Nestwell to "
                "raise the limit.") % {"mb": settings.NESTWELL_IMPORT_MAX_MB}
    form.is_valid()
    form.errors["file"] = form.error_class([message])
    return render(request, "transfer/data.html", {
        "export_form": ExportForm(household=request.household), "import_form": form},
        status=413)


@parent_required
@require_POST
def import_check(request):
    """Upload, then a check (dry run) as a job: its page shows what would be created,
    skipped or rejected, and offers to import it."""
    form = ImportForm(request.POST, request.FILES, household=request.household)
    if uploads.too_big(request):
        return _too_big(request, form)
    if not form.is_valid():
        return render(request, "transfer/data.html", {
            "export_form": ExportForm(household=request.household), "import_form": form},
            status=400)
    jobs.forget_checks(request)  # a check started again replaces the last
    upload = form.cleaned_data["file"]
    path = uploads.save(upload)
    try:
        job = tasks.record(request.household, request.user, {
            "path": str(path), "name": upload.name, "format": form.cleaned_data["format"],
            "child": form.cleaned_data["child"].pk if form.cleaned_data["child"] else None,
            "amount_unit": form.cleaned_data["amount_unit"],
            "weight_unit": form.cleaned_data["weight_unit"],
            "length_unit": form.cleaned_data["length_unit"],
            "time_zone": form.cleaned_data["time_zone"] or request.household.time_zone,
            "language": translation.get_language()}, dry_run=True)
    except BaseException:
        uploads.remove(path)
        raise
    tasks.start(request.household, request.user, None, job=job)  # removes the file when done
    return redirect("transfer:import_job", pk=job.pk)


@parent_required
@require_POST
def import_run(request):
    """Start the checked import as a job; its page follows the progress."""
    job = tasks.start_write(request, request.POST.get("check"))
    if job is None:
        messages.error(request, _("That import has expired; please choose the file again."))
        return redirect("transfer:data")
    return redirect("transfer:import_job", pk=job.pk)


@parent_required
def import_job(request, pk):
    """How far the import has got, then what it brought in. Only she who started it sees
    it; the page asks again every second (htmx), or with its refresh link."""
    job = jobs.visible(request, pk)
    if job is None:
        raise Http404
    context = {"job": job, "percent": jobs.percent(job), "summary": jobs.summary(job),
               "kinds": jobs.kinds(job), "importable": jobs.may_import(job)}
    if request.htmx and not request.htmx.boosted:  # the progress box asking again
        response = render(request, "transfer/_import_progress.html", context)
        if job.finished:
            # The finished page has more to say than the progress box: load it whole.
            response["HX-Redirect"] = request.path
        return response
    return render(request, "transfer/import_job.html", context)


@parent_required
def delete_household(request):
    household = request.household
    if not may_delete_household(request.membership):
        raise PermissionDenied
    form = DeleteHouseholdForm(request.POST or None, household=household, user=request.user)
    if request.method == "POST" and form.is_valid():
        name = household.name
        with transaction.atomic():
            own_data.delete_in(household, request.user)
            # Every baby and moment goes with it (cascades); the others' own check-ins,
            # questionnaires and contacts stay theirs, detached from the household.
            household.delete()
        request.session.pop("household_id", None)
        messages.success(request, _("“%(name)s” and everything in it are deleted.")
                         % {"name": name})
        if request.user.memberships.exists():
            return redirect("journal:home")
        return redirect("accounts:create_household")
    return render(request, "transfer/delete.html", {"form": form})
