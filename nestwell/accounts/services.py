"""Account and household operations shared by views, the command line and the demo."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nestwell.accounts.models import AuditEvent, Household, Invitation, Membership, User
from nestwell.accounts.roles import Role


@transaction.atomic
def create_account(*, email, password, display_name, household_name=None, time_zone="UTC",
                   invitation=None, locale=None):
    """Create a person and either a new household (as its parent) or join through
    ``invitation``. One transaction: nothing is left half-made. A new household speaks
    ``locale`` (the language she signed up in) when it is one Nestwell offers."""
    user = User.objects.create_user(email=email, password=password, display_name=display_name)
    if invitation is not None:
        accept_invitation(invitation, user)
    else:
        offered = dict(settings.LANGUAGES)
        household = Household.objects.create(
            name=household_name, time_zone=time_zone,
            locale=locale if locale in offered else "en")
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


def senior_parent(household):
    """The parent who has been in the household longest (its maker, unless she left)."""
    return (Membership.objects.filter(household=household, role=Role.PARENT)
            .by_seniority().select_related("user").first())


def may_manage(actor, target):
    """May the parent ``actor`` remove ``target`` or change her role?

    Anyone may step back herself, and a parent manages caregivers, viewers and the parents
    who joined after her; nobody removes or demotes a parent who was there before her, so
    the person who made the household cannot be cut off by someone she invited."""
    if actor.pk == target.pk or target.role != Role.PARENT:
        return True
    return actor.joined_before(target)


def may_delete_household(membership):
    """Deleting everything is for the longest-standing parent alone."""
    senior = senior_parent(membership.household_id)
    return senior is not None and senior.pk == membership.pk


class MembershipRefused(Exception):
    """A change to someone's membership the rules do not allow; the message says why."""


def _check_change(actor, target, new_role=None):
    if not may_manage(actor, target):
        raise MembershipRefused(_("%(name)s joined before you, so only they can change "
                                  "their own place here.") % {"name": target.user})
    losing_parent = target.role == Role.PARENT and new_role != Role.PARENT
    if losing_parent and parents_left(target.household, excluding=target) == 0:
        raise MembershipRefused(_("A household needs at least one parent."))


def check_removal(target, *, by):
    """Raise MembershipRefused when ``by`` may not remove ``target`` (asked before the
    question "Remove …?" is put, so a refusal is never preceded by it)."""
    _check_change(by, target)


@transaction.atomic
def remove_member(target, *, by):
    """Take ``target`` out of her household. What she could reach through it ends with it
    (her API tokens, her report links, what was shared with her): see ``signals``."""
    _check_change(by, target)
    target.delete()
    AuditEvent.objects.create(household=target.household, actor=by.user, subject=target.user,
                              action="member_removed")


@transaction.atomic
def change_role(target, role, *, by):
    _check_change(by, target, new_role=role)
    if role == target.role:
        return target
    old = target.role
    target.role = role
    target.save(update_fields=["role"])
    if old == Role.PARENT:
        from nestwell.accounts.signals import revoke_invitations

        revoke_invitations(target)
    AuditEvent.objects.create(household=target.household, actor=by.user, subject=target.user,
                              action="role_changed", detail=f"{old} → {role}")
    return target
