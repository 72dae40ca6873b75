"""Report links end when the person who made them leaves the household."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from nestwell.accounts.models import Membership
from nestwell.insights.models import ShareLink


@receiver(post_delete, sender=Membership, dispatch_uid="insights_revoke_links_on_leave")
def revoke_links(sender, instance, **kwargs):
    ShareLink.objects.filter(created_by_id=instance.user_id,
                             household_id=instance.household_id,
                             revoked_at__isnull=True).update(revoked_at=timezone.now())
