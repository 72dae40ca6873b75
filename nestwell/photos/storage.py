"""Where photo files live: the ``photos`` entry of ``STORAGES`` (the data directory's
``photos/`` folder unless the operator sets ``NESTWELL_PHOTOS_STORAGE``)."""

from django.core.files.storage import storages


def photo_storage():
    return storages["photos"]
