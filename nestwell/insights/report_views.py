"""The report for a visit: made by the family, downloaded as PDF or CSV, or shared with a
clinician through an expiring, revocable link that needs no account."""

import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nestwell.accounts import measures
from nestwell.accounts.decorators import member_required
from nestwell.accounts.models import hash_token
from nestwell.accounts.roles import SHARE_LINK_ROLE, Role, at_least
from nestwell.children.current import current_child, household_children
from nestwell.forms import DateInput
from nestwell.insights import drawing, visit
from nestwell.insights.models import ShareLink
from nestwell.insights.protocol import gather as protocol_gather
from nestwell.insights.protocol import views as protocol_views
from nestwell.insights.protocol.grid import DAYS
from nestwell.lib.times import EARLIEST
from nestwell.wellbeing import audit


class ReportForm(forms.Form):
    first = forms.DateField(label=gettext_lazy("From"),
                            widget=DateInput())
    last = forms.DateField(label=gettext_lazy("To"),
                           widget=DateInput())
    wellbeing = forms.BooleanField(
        label=gettext_lazy("Include my check-ins and questionnaire results"), required=False,
        help_text=gettext_lazy("Only yours, and only if you tick this."))
    protocol = forms.BooleanField(
        label=gettext_lazy("Include the 24-hour protocol"), required=False,
        help_text=gettext_lazy("The 14 days up to the last day of the report, a row for "
                               "each day."))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the report"), required=False,
        choices=lambda: settings.LANGUAGES,
        help_text=gettext_lazy("The household's language unless you choose another, for a "
                               "midwife or doctor who reads a different one."))

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last < first:
                self.add_error("last", _("The end comes before the start."))
            elif (last - first).days + 1 > visit.MAX_DAYS:
                self.add_error("first", _("A report covers at most %(n)s days.")
                               % {"n": visit.MAX_DAYS})
            elif last > timezone.localdate() + timedelta(days=1):
                self.add_error("last", _("This date is in the future."))
            elif first < EARLIEST.date():
                self.add_error("first", _("This date is too far in the past."))
        return data


class ShareForm(forms.Form):
    days = forms.IntegerField(label=gettext_lazy("The link works for (days)"), min_value=1,
                              max_value=30, initial=14)
    label = forms.CharField(label=gettext_lazy("For whom (you and the parents see this)"),
                            max_length=60, required=False)


def _form(request, child):
    """The form as asked, or by default the last two weeks, from the birth for a baby
    younger than that (not a week of empty days before it)."""
    today = timezone.localdate()
    data = request.GET if "first" in request.GET else {
        "first": protocol_views.default_first(child).isoformat(), "last": today.isoformat(),
        "language": report_language(request.household)}
    return ReportForm(data)


def report_language(household, chosen=""):
    """What a report is written in: the language chosen for it, else the household's,
    else English; only a language Nestwell offers."""
    offered = dict(settings.LANGUAGES)
    for code in (chosen, household.locale):
        if code in offered:
            return code
    return settings.LANGUAGE_CODE


def _chart(report, content):
    """The report's minutes chart for the page, with its table: the same data, series and
    colours as the PDF's."""
    chart = content["chart"]
    description = _("Minutes of time together each day, %(period)s, stacked by kind.") % {
        "period": content["period"]}
    svg, numbers = drawing.minutes_chart(report.minutes_by_kind, chart["days"],
                                         "chart-report", content["chart_heading"],
                                         description)
    growth = content.get("growth_chart")
    growth_svg = ""
    if growth:
        from nestwell.insights import charts

        growth_svg = charts.growth(growth["name"], growth["description"], "chart-growth",
                                   growth["curves"], growth["points"], growth["x_ticks"],
                                   growth["unit"], growth["x_max"], growth["series_name"])
    return {"chart_svg": svg, "chart_table": numbers, "growth_svg": growth_svg}


def _protocol(child, last, reader, wanted):
    """The 24-hour protocol of the 14 days up to ``last``, when she chose to include it."""
    if not (wanted and child.is_born):
        return None
    return protocol_gather.gather(child, reader, last - timedelta(days=DAYS - 1))


def period_of(first, last):
    """A report file's days, "2026-11-01_2026-11-14": two periods of one baby ending on
    the same day (the last fortnight, the last three months) are two files, not one
    overwriting the other."""
    return f"{first.isoformat()}_{last.isoformat()}"


def _response(report, child, fmt, filename, protocol=None):
    content = visit.words(report, child)
    if fmt == "csv":
        response = HttpResponse(visit.csv_bytes(report, child), content_type="text/csv")
    else:
        from nestwell.insights import report_pdf  # reportlab (8 MB) only once a PDF is asked for

        age_text = protocol_views.age_text(child)
        extra = []
        if protocol is not None:
            from nestwell.insights.protocol import pdf as protocol_pdf

            extra = protocol_pdf.flowables(protocol, protocol_gather.words(protocol, child),
                                           child.name, age_text)
        response = HttpResponse(report_pdf.render(child_name=child.name, age_text=age_text,
                                                  words=content, extra=extra,
                                                  paper=measures.paper(child.household)),
                                content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}")
    return response


@member_required()
def report_page(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        raise Http404
    form = _form(request, child)
    report = content = protocol = None
    if form.is_valid():
        data = form.cleaned_data
        language = report_language(request.household, data.get("language"))
        report = visit.build(child, data["first"], data["last"], reader=request.user,
                             author=request.user, include_wellbeing=data["wellbeing"])
        with translation.override(language):
            content = visit.words(report, child)
            protocol = _protocol(child, data["last"], request.user, data["protocol"])
            fmt = request.GET.get("download")
            if fmt in ("pdf", "csv"):
                return _response(report, child, fmt, protocol_views.file_name(
                    "report", child, period_of(data["first"], data["last"])), protocol)
            charts = _chart(report, content)
            protocol_context = protocol_views.page_context(protocol, child) if protocol else {}
    else:
        language, charts, protocol_context = None, {}, {}
    links = _visible_links(request).filter(child=child).usable().select_related("created_by")
    return render(request, "insights/report.html", {
        "child": child, "children": children, "form": form, "report": report,
        "content": content, "share_form": ShareForm(), "links": links,
        "query": request.GET.urlencode(),
        "may_share": at_least(request.membership.role, SHARE_LINK_ROLE),
        "report_language": language, **charts, **protocol_context})


def _visible_links(request):
    """A parent sees (and may stop) every report link of the household; anyone else the
    links she made herself."""
    links = ShareLink.objects.filter(household=request.household)
    if request.membership.role != Role.PARENT:
        links = links.filter(created_by=request.user)
    return links


@member_required(write_role=SHARE_LINK_ROLE)
@require_POST
def share_create(request):
    children = household_children(request)
    child = current_child(request, children)
    report_form = ReportForm(request.POST)
    share_form = ShareForm(request.POST)
    if child is None or not (report_form.is_valid() and share_form.is_valid()):
        messages.error(request, _("Choose a period and for how many days (1 to 30) the link "
                                  "works."))
        return redirect("insights:report")
    token = secrets.token_urlsafe(24)
    ShareLink.objects.create(
        household=request.household, child=child, created_by=request.user,
        label=share_form.cleaned_data["label"], token_hash=hash_token(token),
        first=report_form.cleaned_data["first"], last=report_form.cleaned_data["last"],
        include_wellbeing=report_form.cleaned_data["wellbeing"],
        include_protocol=report_form.cleaned_data["protocol"],
        language=report_language(request.household, report_form.cleaned_data.get("language")),
        expires_at=timezone.now() + timedelta(days=share_form.cleaned_data["days"]))
    link = request.build_absolute_uri(reverse("shared_report", args=[token]))
    return render(request, "insights/share_created.html", {
        "link": link, "days": share_form.cleaned_data["days"],
        "with_wellbeing": report_form.cleaned_data["wellbeing"]})


@member_required(write_role=Role.VIEWER)
@require_POST
def share_revoke(request, pk):
    link = get_object_or_404(_visible_links(request), pk=pk, revoked_at__isnull=True)
    ShareLink.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
    if link.created_by_id != request.user.pk:
        audit.record(household=request.household, actor=request.user,
                     subject=link.created_by, action="report_link_stopped",
                     detail=link.label or _("a shared report"))
    messages.success(request, _("The link no longer works."))
    return redirect("insights:report")


def shared_report(request, token, fmt=None):
    """The clinician's read-only view. Every opening is written to the audit log."""
    if fmt not in (None, "pdf", "csv"):
        raise Http404  # report.json had answered with the page, and been logged as opened
    link = (ShareLink.objects.usable().select_related("child", "household", "created_by")
            .filter(token_hash=hash_token(token)).first())
    if link is None:
        return render(request, "insights/shared_gone.html", status=404)

    timezone.activate(link.household.tz)
    # The language chosen when the link was made, whatever the reader's browser says; the
    # units, clock and week of whoever made it (a US family's paediatrician had read ml,
    # kg, °C and a 24-hour clock where the family's own report said fl oz, lb and °F).
    with translation.override(report_language(link.household, link.language)):
        request.measures = measures.for_person(link.created_by, link.household)
        with measures.using(request.measures):
            return _shared(request, link, token, fmt)


def _shared(request, link, token, fmt):
    report = visit.build(link.child, link.first, link.last, reader=link.created_by,
                         author=link.created_by, include_wellbeing=link.include_wellbeing)
    protocol = _protocol(link.child, link.last, link.created_by, link.include_protocol)
    audit.record(household=link.household, actor=None, subject=link.created_by,
                 action="report_link_opened",
                 detail=(link.label or _("a shared report")) + (f" ({fmt})" if fmt else ""))
    ShareLink.objects.filter(pk=link.pk).update(opened=F("opened") + 1,
                                                last_opened_at=timezone.now())
    if fmt in ("pdf", "csv"):
        return _response(report, link.child, fmt, protocol_views.file_name(
            "report", link.child, period_of(link.first, link.last)), protocol)
    content = visit.words(report, link.child)
    response = render(request, "insights/shared_report.html", {
        "link": link, "child": link.child, "content": content, "token": token,
        # Her age (corrected, for a baby born early) heads the page as it heads the PDF.
        "age_text": protocol_views.age_text(link.child),
        **_chart(report, content),
        **(protocol_views.page_context(protocol, link.child) if protocol else {})})
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Language"] = translation.get_language()
    return response
