"""The Rakor cycle: what the minutes parser knows (admin-editable), imports of minutes and
their draft directives, the carry-over agenda with its decisions, and generated reports.

Nothing here writes a case: decisions are carried out through ``cases.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Area, Case, Directive, DirectiveType, Organization, Rakor

# --- what the parser knows ----------------------------------------------------------------


class KeywordRule(models.Model):
    """A keyword of the minutes and what it suggests: a directive type, an office, or both.

    A rule with a type votes for that type (weights add up); a rule with an organization is
    the keyword-to-duties map: it proposes that office as lead when the sentence names none.
    Organization and type are referred to by code, so rules survive a reload of the data.
    """

    phrase = models.CharField(_("kata kunci"), max_length=120)
    directive_type_code = models.SlugField(_("kode jenis arahan"), max_length=50, blank=True)
    organization_code = models.SlugField(_("kode organisasi"), max_length=50, blank=True)
    weight = models.PositiveSmallIntegerField(_("bobot"), default=1)
    is_active = models.BooleanField(_("aktif"), default=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kata kunci arahan")
        verbose_name_plural = _("peta kata kunci → jenis dan tugas pokok")
        ordering = ["phrase"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(directive_type_code="") | ~models.Q(organization_code=""),
                name="keyword_rule_points_somewhere",
            ),
        ]

    def __str__(self) -> str:
        return self.phrase

    def clean(self) -> None:
        if not self.directive_type_code and not self.organization_code:
            raise ValidationError(_("Isi kode jenis arahan, kode organisasi, atau keduanya."))
        if (
            self.directive_type_code
            and not DirectiveType.objects.filter(code=self.directive_type_code).exists()
        ):
            raise ValidationError({"directive_type_code": _("Jenis arahan tidak dikenal.")})
        if (
            self.organization_code
            and self.organization_code not in ("kecamatan", "kelurahan")
            and not Organization.objects.filter(code=self.organization_code).exists()
        ):
            raise ValidationError({"organization_code": _("Organisasi tidak dikenal.")})


class OrganizationAlias(models.Model):
    """Another name an office goes by in minutes (Dinas PUPR for DPUPRPKP, Polresta for Polres).

    ``kecamatan`` and ``kelurahan`` as code mean the offices of the areas a directive names.
    """

    alias = models.CharField(_("sebutan"), max_length=200)
    organization_code = models.SlugField(_("kode organisasi"), max_length=50)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sebutan organisasi")
        verbose_name_plural = _("sebutan organisasi")
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(
                fields=["alias", "organization_code"], name="organization_alias_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.organization_code}"


class PlaceKind(models.TextChoices):
    STREET = "street", _("Jalan")
    LANDMARK = "landmark", _("Tempat/penanda")
    REGION = "region", _("Frasa wilayah")


class GazetteerEntry(models.Model):
    """A street, landmark or phrase ("wilayah selatan") and the areas it points at."""

    phrase = models.CharField(_("frasa"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=PlaceKind.choices)
    area_codes = models.JSONField(_("kode wilayah"), default=list)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entri gazetir")
        verbose_name_plural = _("gazetir: jalan, tempat, frasa wilayah")
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase

    def clean(self) -> None:
        codes = self.area_codes if isinstance(self.area_codes, list) else None
        if not codes or not all(isinstance(c, str) for c in codes):
            raise ValidationError({"area_codes": _('Isi daftar kode wilayah, mis. ["35.74.02"].')})
        known = set(Area.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise ValidationError(
                {"area_codes": _("Kode wilayah tidak dikenal: %s") % ", ".join(unknown)}
            )


# --- minutes imports ------------------------------------------------------------------------


class MinutesImport(models.Model):
    """One paste or upload of minutes for a Rakor, and the drafts read from it."""

    rakor = models.ForeignKey(Rakor, on_delete=models.PROTECT, related_name="minutes_imports")
    text = models.TextField(_("teks notulen"))
    source_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"))

    class Meta:
        verbose_name = _("impor notulen")
        verbose_name_plural = _("impor notulen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.rakor} — {self.created_at:%d-%m-%Y %H:%M}"


class DraftStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    ACCEPTED = "accepted", _("Diterima")
    DROPPED = "dropped", _("Dibuang")


class DraftDirective(models.Model):
    """A directive the parser suggests; the coordinator edits, accepts or drops it."""

    minutes_import = models.ForeignKey(
        MinutesImport, on_delete=models.CASCADE, related_name="drafts"
    )
    sequence = models.PositiveSmallIntegerField(_("urutan"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    source_sentence = models.TextField(_("kalimat sumber"))
    title = models.CharField(_("judul singkat"), max_length=255)
    text = models.TextField(_("isi arahan"))
    speaker_name = models.CharField(_("penyampai"), max_length=200, blank=True)
    speaker_office = models.CharField(_("jabatan penyampai"), max_length=200, blank=True)
    directive_type = models.ForeignKey(
        DirectiveType,
        verbose_name=_("jenis"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead = models.ManyToManyField(Organization, verbose_name=_("pengampu"), related_name="+")
    supporting = models.ManyToManyField(
        Organization, verbose_name=_("pendukung"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(Area, verbose_name=_("wilayah"), blank=True, related_name="+")
    due = models.DateField(_("batas waktu"), null=True, blank=True)
    # Why each suggestion was made: {"detection": [...], "speaker": "...", "type": "...",
    # "organizations": {code: reason}, "areas": {code: reason}, "due": "..."}
    reasons = models.JSONField(_("alasan saran"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=DraftStatus.choices, default=DraftStatus.PENDING
    )
    directive = models.OneToOneField(
        Directive, null=True, blank=True, on_delete=models.PROTECT, related_name="draft"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[lead, supporting, areas])

    class Meta:
        verbose_name = _("draf arahan")
        verbose_name_plural = _("draf arahan")
        ordering = ["minutes_import", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes_import", "sequence"], name="draft_directive_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


# --- the carry-over agenda ------------------------------------------------------------------


class AgendaReason(models.TextChoices):
    OPEN = "open", _("Masih terbuka")
    OVERDUE = "overdue", _("Terlambat")
    ESCALATED = "escalated", _("Eskalasi tingkat agenda")
    CHANGED = "changed", _("Berubah sejak rakor sebelumnya")


class AgendaItem(models.Model):
    """One case in a meeting's "Tindak lanjut Rakor sebelumnya" section.

    A snapshot made when the agenda is built: why the case is there and what changed since
    the previous meeting of the series. Rebuilding replaces items that carry no decision.
    """

    rakor = models.ForeignKey(Rakor, on_delete=models.CASCADE, related_name="agenda_items")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    previous_rakor = models.ForeignKey(
        Rakor, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.JSONField(_("alasan masuk agenda"), default=list)
    changes = models.JSONField(_("perubahan sejak rakor sebelumnya"), default=list)
    status_then = models.CharField(_("status saat agenda disusun"), max_length=16)
    due_then = models.DateTimeField(_("batas waktu saat agenda disusun"), null=True, blank=True)
    built_at = models.DateTimeField(_("disusun"))

    class Meta:
        verbose_name = _("butir agenda tindak lanjut")
        verbose_name_plural = _("butir agenda tindak lanjut")
        ordering = ["rakor", "organization__name", "case_id"]
        constraints = [
            models.UniqueConstraint(fields=["rakor", "case"], name="agenda_item_rakor_case_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rakor_id}: {self.case_id}"


class DecisionKind(models.TextChoices):
    EXTEND = "extend", _("Perpanjang batas waktu")
    CLOSE = "close", _("Tutup")
    ESCALATE = "escalate", _("Eskalasi ke pimpinan")
    REASSIGN = "reassign", _("Alihkan ke OPD lain")
    KEEP = "keep", _("Lanjutkan tanpa perubahan")


class MeetingDecision(models.Model):
    """What the meeting decided about one agenda item, and what the services did with it."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("keputusan"), max_length=10, choices=DecisionKind.choices)
    note = models.TextField(_("catatan"))
    due = models.DateField(_("batas waktu baru"), null=True, blank=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("hasil"), max_length=255)
    new_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"))

    class Meta:
        verbose_name = _("keputusan rakor")
        verbose_name_plural = _("keputusan rakor")
        ordering = ["agenda_item", "decided_at"]

    def __str__(self) -> str:
        return f"{self.agenda_item_id}: {self.kind}"


# --- the report for the next Rakor -----------------------------------------------------------


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang dibuat")
    DONE = "done", _("Siap diunduh")
    FAILED = "failed", _("Gagal")


class RakorReport(models.Model):
    """The follow-up report of one Rakor's directives, as PDF and XLSX, made by a task."""

    rakor = models.ForeignKey(Rakor, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    message = models.CharField(_("keterangan"), max_length=255, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/", blank=True, max_length=255)
    xlsx = models.FileField(_("XLSX"), upload_to="reports/", blank=True, max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("diminta"))
    as_of = models.DateTimeField(_("keadaan per"))
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan rakor")
        verbose_name_plural = _("laporan rakor")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rakor} ({self.get_status_display()})"
