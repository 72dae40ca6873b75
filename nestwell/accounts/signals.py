"""What ends when someone leaves a household, however she leaves (removed, stepped back,
household deleted). Other apps connect their own receivers for what they own."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from nestwell.accounts.models import ApiToken, Invitation, Membership


@receiver(post_delete, sender=Membership, dispatch_uid="accounts_revoke_tokens_on_leave")
def revoke_tokens(sender, instance, **kwargs):
    """Her tokens for that household never work again, even if she is invited back."""
    ApiToken.objects.filter(user_id=instance.user_id, household_id=instance.household_id,
                            revoked_at__isnull=True).update(revoked_at=timezone.now())
    revoke_invitations(instance)


def revoke_invitations(membership):
    """The invitation links she made stop too: a link she kept is no way back in."""
    Invitation.objects.filter(created_by_id=membership.user_id,
                              household_id=membership.household_id).usable().update(
        revoked_at=timezone.now())
