"""Milestones: the firsts of a baby's life, kept as a list to look back on."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts.decorators import member_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role, at_least
from nestwell.children.current import age_label, current_child, household_children
from nestwell.children.stages import age_words
from nestwell.lib.edit_page import edit_page
from nestwell.milestones import services
from nestwell.milestones.forms import MilestoneForm
from nestwell.milestones.models import Milestone


def _list_url(child):
    return f"{reverse('journal:milestones')}?child={child.pk}"


@member_required()
@idempotent
def milestones(request):
    children = household_children(request)
    child = current_child(request, children)
    if child is None:
        return redirect("journal:home")
    form = MilestoneForm(request.POST or None)
    if request.method == "POST":
        if not at_least(request.membership.role, Role.CAREGIVER):
            raise PermissionDenied
        if not child.is_born:  # the page has no form then; say why nothing was kept
            messages.error(request, _("Milestones begin once your baby is here."))
            return redirect(_list_url(child))
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = services.add_milestone(
                    child=child, kind=data["kind"], title=data["title"],
                    happened_on=data["happened_on"], note=data["note"], user=request.user)
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, _("“%(what)s” is kept.") % {"what": made.label})
                return redirect(_list_url(child))
    born = timezone.localtime(child.birth_at).date() if child.birth_at else None
    kept = [{"item": m, "age": _age_then(born, m.happened_on),
             "photo": getattr(m, "photo", None)}  # joined: no query per first
            for m in Milestone.objects.filter(child=child, household=request.household)
            .select_related("photo")[:500]]
    return render(request, "milestones/milestones.html", {
        "child": child, "children": children, "form": form, "milestones": kept,
        "born": child.is_born})


def _age_then(born, on):
    """'at 7 weeks': the baby's age on the day, in the words parents use."""
    if born is None or on < born:
        return ""
    days = (on - born).days
    if days == 0:
        return _("on the day of the birth")
    # "at 7 weeks" stays on one line.
    return (_("at %(age)s") % {"age": age_label(*age_words(days, born, on))}).replace(" ", "\u00a0")


@member_required(role=Role.CAREGIVER)
def milestone_edit(request, pk):
    milestone = get_object_or_404(Milestone.objects.select_related("child"), pk=pk,
                                  household=request.household)
    return edit_page(
        request, milestone, MilestoneForm(request.POST or None, milestone=milestone),
        save=lambda m, data, version: services.update_milestone(
            m, version=version, kind=data["kind"], title=data["title"],
            happened_on=data["happened_on"], note=data["note"]),
        remove=services.delete_milestone, removed=_("Milestone removed."),
        list_url=_list_url(milestone.child), template="milestones/milestone_form.html",
        context={"milestone": milestone}, what=milestone.label, when=milestone.happened_on)
