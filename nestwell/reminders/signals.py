"""Her devices stop receiving when she leaves a household or her password changes (a
phone she lost, someone who knew her password: neither keeps getting notifications); and
crying a listening device heard reaches those who turned that on."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from nestwell.accounts.models import Membership
from nestwell.care.models import Cue, Source
from nestwell.reminders.models import PushSubscription


@receiver(post_delete, sender=Membership, dispatch_uid="reminders_forget_devices_on_leave")
def forget_devices_on_leave(sender, instance, **kwargs):
    PushSubscription.objects.filter(user_id=instance.user_id,
                                    household_id=instance.household_id).delete()


@receiver(post_save, sender=get_user_model(), dispatch_uid="reminders_forget_on_password")
def forget_devices_on_new_password(sender, instance, created, **kwargs):
    # ``set_password`` keeps the new raw password on ``_password`` until the save is over.
    if not created and getattr(instance, "_password", None) is not None:
        PushSubscription.objects.filter(user_id=instance.pk).delete()


@receiver(post_save, sender=Cue, dispatch_uid="reminders_crying_detected")
def push_crying_detected(sender, instance, created, raw=False, **kwargs):
    """A crying episode a listening device opened reaches those who turned it on."""
    if created and not raw and instance.source == Source.DETECTOR:
        from nestwell.reminders.tasks import crying_detected

        crying_detected(instance)
