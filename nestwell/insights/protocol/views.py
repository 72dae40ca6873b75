"""The 24-hour protocol page (and its PDF): fourteen days from the day she picks."""

import re
from datetime import timedelta

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nestwell.accounts import measures
from nestwell.accounts.decorators import member_required
from nestwell.children.current import child_context, current_child, household_children
from nestwell.forms import DateInput
from nestwell.insights.protocol import chart, gather
from nestwell.insights.protocol.grid import DAYS
from nestwell.lib.times import EARLIEST


class ProtocolForm(forms.Form):
    first = forms.DateField(label=gettext_lazy("First day"),
                            widget=DateInput(),
                            help_text=gettext_lazy("The page shows 14 days from this one."))

    def clean_first(self):
        first = self.cleaned_data["first"]
        if first > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        if first < EARLIEST.date():
            raise forms.ValidationError(_("This date is too far in the past."))
        return first


def default_first(child=None):
    """The two weeks up to today, but not before the birth: a baby six days old opened on
    seven rows of "before the birth" (Lena, whose son was born nine weeks early)."""
    first = timezone.localdate() - timedelta(days=DAYS - 1)
    if child is not None and child.birth_at is not None:
        first = max(first, min(timezone.localtime(child.birth_at).date(),
                               timezone.localdate()))
    return first


def age_text(child):
    ages = child_context(child)
    text = ages.get("stage_label", "")
    if ages.get("corrected_label"):
        text += f" ({ages['corrected_label']})"
    return text


def file_name(what, child, day):
    """"nestwell-report-Sofía-2026-12-04": the baby's name in it, so that twins' files do
    not overwrite each other (letters of any script kept; anything else a dash)."""
    name = re.sub(r"[\W_]+", "-", child.name).strip("-") or str(child.pk)
    return f"nestwell-{what}-{name}-{day}"


def pdf_response(protocol, child, filename):
    from nestwell.insights.protocol import pdf  # reportlab only once a PDF is asked for

    response = HttpResponse(pdf.render(protocol, child.name, age_text(child),
                                       gather.words(protocol, child),
                                       paper=measures.paper(child.household)),
                            content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.pdf")
    return response


def page_context(protocol, child):
    """What the page and the shared report draw the protocol with."""
    return {"protocol_words": gather.words(protocol, child),
            "protocol_rows": gather.table_rows(protocol),
            "protocol_defs": chart.defs(), "protocol_ruler": chart.ruler(measures.current().clock),
            "protocol_swatches": [(chart.swatch(s), name)
                                  for s, name in gather.words(protocol, child)["legend"]],
            "protocol_skip_swatch": chart.swatch("skipped") if any(
                d.clock == "forward" for d in protocol.days) else "",
            "protocol_band_swatch": chart.band_swatch()}


@member_required()
def protocol_page(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        raise Http404
    form = ProtocolForm(request.GET if "first" in request.GET else
                        {"first": default_first(child).isoformat()})
    context = {"child": child, "children": children, "form": form}
    if child.is_born and form.is_valid():
        first = form.cleaned_data["first"]
        protocol = gather.gather(child, request.user, first)
        if request.GET.get("download") == "pdf":
            return pdf_response(protocol, child, file_name("protocol", child, first))
        context.update(page_context(protocol, child))
        context["query"] = f"child={child.pk}&first={first.isoformat()}"
        # Not back before the birth: two weeks earlier than that are all blank.
        born = timezone.localtime(child.birth_at).date()
        context["earlier"] = ((first - timedelta(days=DAYS)).isoformat()
                              if first > born else "")
        later = first + timedelta(days=DAYS)
        context["later"] = later.isoformat() if later <= timezone.localdate() else ""
    return render(request, "insights/protocol.html", context)
