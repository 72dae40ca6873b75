"""Report links end when the person who made them leaves the household, or changes her
password (a password changed after a phone was lost, or someone learnt it: a link made
then may be in the wrong hands too)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from nestwell.accounts.models import Membership
from nestwell.insights.models import ShareLink


@receiver(post_delete, sender=Membership, dispatch_uid="insights_revoke_links_on_leave")
def revoke_links(sender, instance, **kwargs):
    ShareLink.objects.filter(created_by_id=instance.user_id,
                             household_id=instance.household_id,
                             revoked_at__isnull=True).update(revoked_at=timezone.now())


@receiver(post_save, sender=get_user_model(), dispatch_uid="insights_revoke_links_on_password")
def revoke_links_on_new_password(sender, instance, created, **kwargs):
    # ``set_password`` keeps the new raw password on ``_password`` until the save is over.
    if not created and getattr(instance, "_password", None) is not None:
        ShareLink.objects.filter(created_by_id=instance.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now())
