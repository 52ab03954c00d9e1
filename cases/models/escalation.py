"""The escalation ladder (data, not code), escalations made, notifications and closures."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .case import Case
from .organizations import Organization


class EscalationRule(models.Model):
    """One rung of the ladder: how many working days after the deadline, and who hears."""

    level = models.PositiveSmallIntegerField(_("tingkat"), unique=True)
    name = models.CharField(_("nama aturan"), max_length=200)
    working_days_after_deadline = models.PositiveSmallIntegerField(
        _("hari kerja setelah batas waktu")
    )
    notify_org_head = models.BooleanField(_("beri tahu kepala OPD"), default=False)
    notify_coordinators = models.BooleanField(
        _("beri tahu koordinator Bakesbangpol"), default=False
    )
    notify_leadership = models.BooleanField(
        _("beri tahu pimpinan (Sekda/Wali Kota)"), default=False
    )
    add_to_agenda = models.BooleanField(_("masuk agenda rakor berikutnya"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aturan eskalasi")
        verbose_name_plural = _("aturan eskalasi")
        ordering = ["level"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1), name="escalation_rule_level_min"
            ),
        ]

    def __str__(self) -> str:
        return f"L{self.level}: {self.name}"


class Escalation(models.Model):
    """One escalation of one case to one level, against one deadline.

    The unique constraint is what makes the sweep idempotent: a second sweep, or a second
    consumer running the same sweep, cannot write the same escalation twice.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("tingkat"))
    # PROTECT: an escalation is a record; its rule is deactivated, never deleted.
    rule = models.ForeignKey(
        EscalationRule, null=True, on_delete=models.PROTECT, related_name="escalations"
    )
    rule_name = models.CharField(_("nama aturan"), max_length=200)
    deadline = models.DateTimeField(_("batas waktu yang dilewati"))
    escalated_at = models.DateTimeField(_("waktu eskalasi"))
    on_agenda = models.BooleanField(_("masuk agenda rakor"), default=False)

    class Meta:
        verbose_name = _("eskalasi")
        verbose_name_plural = _("eskalasi")
        ordering = ["case", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "level", "deadline"], name="escalation_case_level_deadline_unique"
            ),
        ]
        indexes = [models.Index(fields=["escalated_at"], name="escalation_at_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} L{self.level}"


class Notification(models.Model):
    """A message to one person, in the app and by email.

    ``key`` is the idempotency key: a retried task that would create the same message
    finds it already there.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("jenis"), max_length=32)
    key = models.CharField(_("kunci idempoten"), max_length=200, unique=True)
    title = models.CharField(_("judul"), max_length=255)
    body = models.TextField(_("isi"), blank=True)
    created_at = models.DateTimeField(_("dibuat"))
    # Email waits until this moment (the next working morning, 07:00 WIB at the earliest).
    send_after = models.DateTimeField(_("kirim setelah"))
    emailed_at = models.DateTimeField(_("dikirim lewat email"), null=True, blank=True)
    # Set by the consumer that is mailing it right now (see cases.notifications).
    email_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(
                fields=["send_after"],
                name="notification_outbox_idx",
                condition=models.Q(emailed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class LocalClosure(models.Model):
    """A local day off that the national calendar does not know (e.g. a city anniversary)."""

    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("hanya untuk organisasi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text=_("Kosongkan bila berlaku untuk seluruh Pemkot."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hari libur lokal")
        verbose_name_plural = _("hari libur lokal")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "organization"], name="local_closure_date_org_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class AuditRoot(models.Model):
    """The day's digest of every case's chains, at a watermark of event and history ids.

    Printed in the report for the next Rakor: a digest on paper that a later rewrite of the
    database cannot match.
    """

    day = models.DateField(_("tanggal"), unique=True)
    event_watermark = models.BigIntegerField()
    history_watermark = models.BigIntegerField()
    chains = models.PositiveIntegerField(_("jumlah rantai"))
    root = models.CharField(_("akar"), max_length=64)
    created_at = models.DateTimeField(_("dibuat"))

    class Meta:
        verbose_name = _("akar audit harian")
        verbose_name_plural = _("akar audit harian")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day}: {self.root[:16]}…"
