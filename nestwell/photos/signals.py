"""A photo's files go when its row goes, however it goes (removed by hand, with its moment
once the undo window has passed, with its first, its baby or the whole household): after
the transaction commits, so a rolled-back removal keeps them."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from nestwell.photos.models import Photo
from nestwell.photos.storage import photo_storage


def remove_files(names):
    storage = photo_storage()
    for name in names:
        storage.delete(name)


@receiver(post_delete, sender=Photo)
def photo_removed(sender, instance, **kwargs):
    names = instance.file_names()
    transaction.on_commit(lambda: remove_files(names))
