"""Deleting her account: her place in every household, her own private data (as "Delete
mine" deletes it), her tokens, links, devices and settings, and then the account itself.
What she logged for a baby (feeds, nappies, moments, letters she shared) stays with its
household, without her name. The last parent of a household is told what to do first."""

from django import forms
from django.contrib.auth import logout
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from nestwell.accounts import services
from nestwell.accounts.decorators import signed_in_required
from nestwell.accounts.models import Membership
from nestwell.transfer import uploads
from nestwell.transfer.models import ImportJob
from nestwell.transfer.own_data import DeleteOwnDataForm, delete_all


class DeleteAccountForm(DeleteOwnDataForm):
    understood = forms.BooleanField(
        label=gettext_lazy("I understand that my account cannot come back."),
        error_messages={"required": gettext_lazy("Tick this to say you understand.")})


def blocking(memberships):
    """The households she cannot step out of (she is their last parent), each saying
    whether she is its only member (then there is nobody to make a parent)."""
    held = []
    for membership in memberships:
        try:
            services.check_removal(membership, by=membership)
        except services.MembershipRefused:
            alone = not Membership.objects.filter(household=membership.household).exclude(
                pk=membership.pk).exists()
            held.append({"household": membership.household, "alone": alone})
    return held


@transaction.atomic
def delete_account(user):
    """Everything of hers, in one transaction: nothing half-deleted. The files she uploaded
    to import (a whole household's data, perhaps) go once it is done."""
    for membership in Membership.objects.select_related("household").filter(user=user):
        services.remove_member(membership, by=membership)
    delete_all(user)
    paths = list(ImportJob.objects.filter(started_by=user).values_list("path", flat=True))
    user.delete()
    transaction.on_commit(lambda: [uploads.remove(path) for path in paths if path])


@never_cache
@signed_in_required
def delete_account_page(request):
    memberships = list(Membership.objects.filter(user=request.user)
                       .select_related("household").order_by("household__name"))
    held = blocking(memberships)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and not held and form.is_valid():
        try:
            delete_account(request.user)
        except services.MembershipRefused as exc:  # a parent left since the page opened
            form.add_error(None, str(exc))
        else:
            logout(request)
            return render(request, "transfer/account_deleted.html")
    return render(request, "transfer/delete_account.html", {
        "form": form, "memberships": memberships, "held": held,
        "title": _("Delete your account")},
        status=400 if (request.method == "POST") else 200)
