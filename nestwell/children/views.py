from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required, parent_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.children.current import (
    CHILD_KEY,
    back,
    back_url,
    household_children,
    remembered_page,
)
from nestwell.children.forms import ChildForm, HomeForm, RememberedForm
from nestwell.children.models import Child


@parent_required
def children(request):
    return render(request, "children/children.html", {"children": household_children(request)})


@parent_required
@idempotent
def child_add(request):
    form = ChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            child = form.save(commit=False)
            child.household = request.household
            child.save()
        request.session[CHILD_KEY] = child.pk
        messages.success(request, _("%(name)s is added.") % {"name": child.name})
        return redirect("journal:home")
    return render(request, "children/child_form.html", {"form": form, "adding": True})


@parent_required
def child_edit(request, pk):
    child = get_object_or_404(Child, pk=pk, household=request.household)
    form = ChildForm(request.POST or None, instance=child)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("journal:children")
    return render(request, "children/child_form.html", {"form": form, "child": child})


# The pages of what was kept, opened on a baby who has died from the switch as they are.
KEPT_PAGES = {"timeline", "letters", "milestones", "keepsake", "growth", "report",
              "movements"}


@member_required(write_role=Role.VIEWER)
@require_POST
def child_select(request, pk):
    child = get_object_or_404(Child, pk=pk, household=request.household)
    if child.is_remembered:
        # Opened by its address, not kept as the choice: the next visit to the home or
        # night screen opens on a baby who is here. From a page of day-to-day care (her
        # twin's nappies, pumping, kangaroo care), her own page instead: what was kept.
        if request.POST.get("next") in KEPT_PAGES:
            return redirect(f"{back_url(request)}?child={child.pk}")
        return remembered_page(child)
    request.session[CHILD_KEY] = child.pk
    return back(request)


def _logged_for(child):
    """How many records are the baby's own (every moment, cry, nappy, dose… with her as
    their baby): one count for each kind of record, whatever the history's size."""
    return sum(
        relation.related_model._base_manager.filter(**{relation.field.name: child}).count()
        for relation in Child._meta.related_objects
        if relation.on_delete is models.CASCADE)


class RemoveChildForm(forms.Form):
    understood = forms.BooleanField(label=gettext_lazy(
        "I understand: everything logged for this baby is deleted, for everyone in the "
        "household, and cannot be brought back."))


@parent_required
def child_remove(request, pk):
    """A baby added twice (or by mistake) taken out again: it had needed the API or the
    command line. With nothing logged, one tap; with anything logged, a tick that says
    what goes."""
    child = get_object_or_404(Child, pk=pk, household=request.household)
    logged = _logged_for(child)
    form = (RemoveChildForm(request.POST if request.method == "POST" else None)
            if logged else None)
    if request.method == "POST" and (form is None or form.is_valid()):
        with transaction.atomic():
            Child.objects.filter(pk=child.pk, household=request.household).delete()
        if request.session.get(CHILD_KEY) == child.pk:
            del request.session[CHILD_KEY]
        messages.success(request, _("%(name)s is removed.") % {"name": child.name})
        return redirect("journal:children")
    return render(request, "children/child_remove.html",
                  {"child": child, "logged": logged, "form": form})


@parent_required
def child_remembered(request, pk):
    """A parent tells Nestwell that her baby has died, in pregnancy or after the birth:
    from then on nothing looks ahead for that baby, and everything kept stays."""
    child = get_object_or_404(Child, pk=pk, household=request.household)
    form = RememberedForm(request.POST if request.method == "POST" else None, child=child,
                          initial={"died_on": child.died_on or timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            Child.objects.filter(pk=child.pk, household=request.household).update(
                died_on=form.cleaned_data["died_on"])
        if request.session.get(CHILD_KEY) == child.pk:
            del request.session[CHILD_KEY]
        return remembered_page(child)
    return render(request, "children/child_remembered.html", {"child": child, "form": form})


@parent_required
@require_POST
def child_home(request, pk):
    """A baby in a neonatal unit came home (today, or the day given): Today is hers again
    at home. The day can be changed on the baby's page."""
    child = get_object_or_404(Child, pk=pk, household=request.household)
    form = HomeForm(request.POST, child=child)
    if not form.is_valid():
        for message in form.errors.get("home_on", []):
            messages.error(request, message)
        return redirect(f"{reverse('journal:home')}?child={child.pk}")
    with transaction.atomic():
        Child.objects.filter(pk=child.pk, household=request.household).update(
            in_unit=False, home_on=form.cleaned_data["home_on"])
    messages.success(request, _("Welcome home, %(name)s.") % {"name": child.name})
    return redirect(f"{reverse('journal:home')}?child={child.pk}")


@parent_required
@require_POST
def child_remembered_undo(request, pk):
    """Told by mistake (the wrong baby, a wrong tap): the baby's pages look ahead again."""
    child = get_object_or_404(Child, pk=pk, household=request.household)
    with transaction.atomic():
        Child.objects.filter(pk=child.pk, household=request.household).update(died_on=None)
    messages.success(request, _("Undone: %(name)s's pages are as they were.")
                     % {"name": child.name})
    return redirect("journal:child_edit", pk=child.pk)
