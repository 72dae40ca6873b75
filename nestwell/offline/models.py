from django.conf import settings
from django.db import models

from nestwell.accounts.models import Household


class SyncReceipt(models.Model):
    """One entry a device sent, by the id the device gave it: a retry finds this receipt
    and is answered "already there" instead of saving a second moment. A stop or an answer
    made on a phone before its timer or crying episode reached the server names that
    timer or episode by the device's id, and finds it here."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+",
                                  db_index=False)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+", db_index=False)
    client_id = models.UUIDField()
    type = models.CharField(max_length=16)
    # What the entry made or changed: a moment, a cue or a check-in, by its id.
    target = models.CharField(max_length=16, blank=True)
    target_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["household", "client_id"],
                                               name="one_receipt_per_device_id")]

    def __str__(self):
        return f"{self.type} {self.client_id}"
