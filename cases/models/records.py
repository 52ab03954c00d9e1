"""What happens to a case: its timeline, progress, evidence, holds and extensions."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..audit import GENESIS
from .case import Case


class EventKind(models.TextChoices):
    CREATED = "created", _("Dibuat")
    TRANSITION = "transition", _("Perubahan status")
    PROGRESS = "progress", _("Kemajuan")
    EVIDENCE = "evidence", _("Bukti")
    HOLD_REQUESTED = "hold_requested", _("Permohonan penundaan")
    HOLD_DECIDED = "hold_decided", _("Keputusan penundaan")
    EXTENSION_REQUESTED = "extension_requested", _("Permohonan perpanjangan")
    EXTENSION_DECIDED = "extension_decided", _("Keputusan perpanjangan")
    DEADLINE_CHANGED = "deadline_changed", _("Batas waktu diubah")
    REMINDED = "reminded", _("Pengingat")
    ESCALATED = "escalated", _("Eskalasi")
    COMMENT = "comment", _("Catatan")


class AppendOnlyModel(models.Model):
    """A record that is written once and never changed or deleted through the ORM."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError(f"{type(self).__name__} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError(f"{type(self).__name__} is append-only")


class CaseEvent(AppendOnlyModel):
    """One line of a case's business timeline, written by the service that made the change.

    ``actor`` is the person who acted; when a system rule acted, ``actor`` is NULL and
    ``actor_label`` names the rule. ``sequence`` numbers a case's events from 1.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    sequence = models.PositiveIntegerField(_("urutan"))
    kind = models.CharField(_("jenis"), max_length=24, choices=EventKind.choices)
    transition = models.CharField(_("transisi"), max_length=32, blank=True)
    from_status = models.CharField(_("dari status"), max_length=16, blank=True)
    to_status = models.CharField(_("ke status"), max_length=16, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(_("pelaku"), max_length=200)
    reason = models.TextField(_("alasan"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("waktu"))
    # The case's event chain (cases.audit): the previous event's hash, and this one's.
    prev_hash = models.CharField(max_length=64, default=GENESIS)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("peristiwa kasus")
        verbose_name_plural = _("peristiwa kasus")
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="case_event_sequence_unique"),
        ]
        indexes = [
            models.Index(fields=["created_at"], name="case_event_created_idx"),
            models.Index(fields=["kind", "created_at"], name="case_event_kind_created_idx"),
            models.Index(fields=["actor", "created_at"], name="case_event_actor_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.sequence} {self.kind} {self.transition}".strip()


class ProgressUpdate(AppendOnlyModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="progress_updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    percent = models.PositiveSmallIntegerField(_("kemajuan (%)"))
    note = models.TextField(_("catatan"))
    created_at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("laporan kemajuan")
        verbose_name_plural = _("laporan kemajuan")
        ordering = ["case", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="progress_percent_max"
            ),
        ]
        indexes = [models.Index(fields=["case", "created_at"], name="progress_case_created_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.percent}%"


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Foto")
    DOCUMENT = "document", _("Dokumen (PDF)")


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    # The stored name never comes from the user: only a random stem and a known extension.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"evidence/{instance.case_id}/{uuid.uuid4().hex}{suffix}"


class Evidence(AppendOnlyModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("jenis"), max_length=10, choices=EvidenceKind.choices)
    file = models.FileField(_("berkas"), upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField(_("nama asli"), max_length=255)
    content_type = models.CharField(_("tipe isi"), max_length=100)
    size = models.PositiveBigIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    note = models.CharField(_("keterangan"), max_length=500, blank=True)
    taken_at = models.DateTimeField(_("waktu pengambilan"), null=True, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("diunggah"))

    class Meta:
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        ordering = ["case", "uploaded_at", "id"]
        indexes = [models.Index(fields=["case", "kind"], name="evidence_case_kind_idx")]

    def __str__(self) -> str:
        return self.original_name


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu keputusan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    ENDED = "ended", _("Berakhir")
    WITHDRAWN = "withdrawn", _("Ditarik")


class Hold(models.Model):
    """A pause of the case's clock (ditunda): requested, decided, then ended by a resume."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="holds")
    reason = models.TextField(_("alasan"))
    until = models.DateField(_("ditunda sampai"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("diajukan"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    started_at = models.DateTimeField(_("mulai ditunda"), null=True, blank=True)
    ended_at = models.DateTimeField(_("selesai ditunda"), null=True, blank=True)
    paused_working_days = models.PositiveIntegerField(
        _("hari kerja tertunda"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("penundaan")
        verbose_name_plural = _("penundaan")
        ordering = ["case", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["pending", "approved"]),
                name="hold_one_active_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_status_display()}"


class ExtensionRequest(models.Model):
    """A request to move the deadline; the old and the new deadline stay in the record."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="extension_requests")
    reason = models.TextField(_("alasan"))
    proposed_due_at = models.DateTimeField(_("batas waktu yang diusulkan"))
    old_due_at = models.DateTimeField(_("batas waktu lama"))
    new_due_at = models.DateTimeField(_("batas waktu baru"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("diajukan"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("permohonan perpanjangan")
        verbose_name_plural = _("permohonan perpanjangan")
        ordering = ["case", "requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="extension_one_pending_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_status_display()}"
