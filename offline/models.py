"""What the server answered to each record of a person's outbox: one row per (person, record identifier), so a
replayed record is answered from here and never reaches a view twice."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxReceipt(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("being recorded")
        ACCEPTED = "accepted", _("recorded")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox_receipts", verbose_name=_("person")
    )
    client_id = models.UUIDField(_("record identifier"), default=uuid.uuid4)
    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(_("message"), blank=True)
    object_url = models.CharField(_("address of what was recorded"), max_length=500, blank=True)
    made_at = models.DateTimeField(_("made on the phone at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    reopened_at = models.DateTimeField(_("opened again to fix at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox receipt")
        verbose_name_plural = _("outbox receipts")
        constraints = [models.UniqueConstraint(fields=["user", "client_id"], name="offline_receipt_once_per_person")]
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="offline_receipt_recent")]

    def __str__(self):
        return f"{self.client_id} ({self.status})"
