from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nestwell.accounts.decorators import member_required, parent_required
from nestwell.accounts.idempotency import idempotent
from nestwell.accounts.roles import Role
from nestwell.children.current import CHILD_KEY, back, household_children
from nestwell.children.forms import ChildForm
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


@member_required(write_role=Role.VIEWER)
@require_POST
def child_select(request, pk):
    child = get_object_or_404(Child, pk=pk, household=request.household)
    request.session[CHILD_KEY] = child.pk
    return back(request)
