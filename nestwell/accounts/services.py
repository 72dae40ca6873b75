"""Account and household operations shared by views, the command line and the demo."""

from django.db import transaction
from django.utils import timezone

from nestwell.accounts.models import Household, Invitation, Membership, User
from nestwell.accounts.roles import Role


@transaction.atomic
def create_account(*, email, password, display_name, household_name=None, time_zone="UTC",
                   invitation=None):
    """Create a person and either a new household (as its parent) or join through
    ``invitation``. One transaction: nothing is left half-made."""
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    if invitation is not None:
        accept_invitation(invitation, user)
    else:
        household = Household.objects.create(name=household_name, time_zone=time_zone)
        Membership.objects.create(user=user, household=household, role=Role.PARENT)
    return user


class InvitationUnusable(Exception):
    pass


@transaction.atomic
def accept_invitation(invitation, user):
    """Join ``user`` to the invitation's household. Locks the row so a link works once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise InvitationUnusable
    membership, created = Membership.objects.get_or_create(
        user=user, household=invitation.household, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def parents_left(household, excluding=None):
    qs = Membership.objects.filter(household=household, role=Role.PARENT)
    if excluding is not None:
        qs = qs.exclude(pk=excluding.pk)
    return qs.count()
