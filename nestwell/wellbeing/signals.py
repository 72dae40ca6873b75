"""Sharing ends both ways when someone leaves a household: she no longer sees what others
shared with her there, and what she shared there is no longer shown to them."""

from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver

from nestwell.accounts.models import Membership
from nestwell.wellbeing.models import Share


@receiver(post_delete, sender=Membership, dispatch_uid="wellbeing_end_shares_on_leave")
def end_shares(sender, instance, **kwargs):
    Share.objects.filter(Q(owner_id=instance.user_id) | Q(member_id=instance.user_id),
                         household_id=instance.household_id).delete()
