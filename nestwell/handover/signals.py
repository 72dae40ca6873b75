"""Someone who leaves a household takes nothing of the handover with them, and leaves
nothing behind: their notes (written or received) and their last look there go."""

from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver

from nestwell.accounts.models import Membership
from nestwell.handover.models import Note, Seen


@receiver(post_delete, sender=Membership, dispatch_uid="handover_forget_on_leave")
def forget(sender, instance, **kwargs):
    Note.objects.filter(Q(author_id=instance.user_id) | Q(addressee_id=instance.user_id),
                        household_id=instance.household_id).delete()
    Seen.objects.filter(user_id=instance.user_id, household_id=instance.household_id).delete()
