"""Outgoing webhooks: who wants to hear about which case events, and every delivery made.

These belong to the interface layer: the domain (cases/) knows nothing of them. A delivery
row is written in the same transaction as the case change it reports (an outbox), and a
huey task sends it after commit.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import CaseEvent, Organization


class WebhookSubscription(models.Model):
    """A URL that receives signed JSON for case events.

    ``event_kinds`` lists CaseEvent kinds (empty: every kind); ``organizations`` limits the
    cases to those organizations (empty: every organization).
    """

    name = models.CharField(_("nama"), max_length=200)
    url = models.URLField(
        _("URL"), max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    secret = models.CharField(_("rahasia HMAC"), max_length=128)
    event_kinds = models.JSONField(_("jenis peristiwa"), default=list, blank=True)
    organizations = models.ManyToManyField(
        Organization, verbose_name=_("organisasi"), blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui"), default=timezone.now)

    class Meta:
        verbose_name = _("langganan webhook")
        verbose_name_plural = _("langganan webhook")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["is_active"], name="webhook_sub_active_idx")]

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    SENDING = "sending", _("Sedang dikirim")
    RETRYING = "retrying", _("Akan dicoba lagi")
    SUCCEEDED = "succeeded", _("Terkirim")
    FAILED = "failed", _("Gagal")


class WebhookDelivery(models.Model):
    """One event for one subscription. ``key`` is the idempotency key the receiver sees."""

    key = models.UUIDField(_("kunci"), default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(CaseEvent, on_delete=models.PROTECT, related_name="+")
    event_kind = models.CharField(_("jenis peristiwa"), max_length=24)
    payload = models.JSONField(_("isi"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("kode HTTP terakhir"), null=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"))
    claimed_at = models.DateTimeField(_("mulai dikirim"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman webhook")
        verbose_name_plural = _("pengiriman webhook")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event"], name="webhook_delivery_once_per_event"
            ),
        ]
        indexes = [
            models.Index(fields=["subscription", "id"], name="webhook_delivery_sub_idx"),
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id}/{self.event_id} {self.status}"
