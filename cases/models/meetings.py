from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from .areas import Area
from .organizations import Organization


class RakorSeries(models.Model):
    """A recurring meeting, e.g. the monthly Rakor of the Tim Terpadu Penanganan Konflik Sosial."""

    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("nama"), max_length=255)
    organizer = models.ForeignKey(
        Organization,
        verbose_name=_("penyelenggara"),
        on_delete=models.PROTECT,
        related_name="rakor_series",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seri rakor")
        verbose_name_plural = _("seri rakor")

    def __str__(self) -> str:
        return self.name


class RakorMode(models.TextChoices):
    LURING = "luring", _("Luring (tatap muka)")
    DARING = "daring", _("Daring")
    HYBRID = "hybrid", _("Luring dan daring")


class RakorStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    HELD = "held", _("Terlaksana")
    CLOSED = "closed", _("Ditutup")


class Rakor(FSMModelMixin, models.Model):
    """One meeting of a series. A closed Rakor is read-only."""

    series = models.ForeignKey(
        RakorSeries, verbose_name=_("seri"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveIntegerField(_("nomor"))
    title = models.CharField(_("judul"), max_length=255)
    date = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=255)
    chair = models.CharField(_("pimpinan rapat"), max_length=255)
    mode = models.CharField(_("moda"), max_length=10, choices=RakorMode.choices)
    attendees = models.TextField(_("peserta"), blank=True)
    minutes = models.TextField(_("notulen"), blank=True)
    status = FSMField(
        _("status"),
        max_length=10,
        choices=RakorStatus.choices,
        default=RakorStatus.DRAFT,
        protected=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rakor")
        verbose_name_plural = _("rakor")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="rakor_series_number_unique"),
        ]
        indexes = [models.Index(fields=["series", "date"], name="rakor_series_date_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d-%m-%Y})"

    @transition(field=status, source=RakorStatus.DRAFT, target=RakorStatus.HELD)
    def mark_held(self) -> None:
        """The meeting took place; its directives can be dispatched."""

    @transition(field=status, source=RakorStatus.HELD, target=RakorStatus.CLOSED)
    def close(self) -> None:
        """The record of the meeting is final."""

    @property
    def is_closed(self) -> bool:
        return self.status == RakorStatus.CLOSED


class DirectiveType(models.Model):
    """A playbook: the usual kind of instruction, with its defaults and evidence contract.

    ``evidence_contract`` maps an evidence kind to the least number of files of that kind
    a case must carry before it can be reported done, e.g. ``{"photo": 2, "document": 1}``.
    """

    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    default_lead = models.ForeignKey(
        Organization,
        verbose_name=_("OPD pengampu bawaan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    default_supporting = models.ManyToManyField(
        Organization, verbose_name=_("OPD pendukung bawaan"), blank=True, related_name="+"
    )
    default_working_days = models.PositiveSmallIntegerField(_("batas waktu bawaan (hari kerja)"))
    evidence_contract = models.JSONField(_("bukti wajib"), default=dict, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jenis arahan")
        verbose_name_plural = _("jenis arahan")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_working_days__gte=1),
                name="directive_type_working_days_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from cases.evidence import validate_contract

        validate_contract(self.evidence_contract)


class Directive(models.Model):
    """One instruction given at a Rakor, with who gave it and the sentence it came from."""

    rakor = models.ForeignKey(
        Rakor, verbose_name=_("rakor"), on_delete=models.PROTECT, related_name="directives"
    )
    number = models.PositiveSmallIntegerField(_("nomor urut"))
    title = models.CharField(_("judul singkat"), max_length=255)
    text = models.TextField(_("isi arahan"))
    speaker_name = models.CharField(_("penyampai"), max_length=200, blank=True)
    speaker_office = models.CharField(_("jabatan penyampai"), max_length=200, blank=True)
    directive_type = models.ForeignKey(
        DirectiveType, verbose_name=_("jenis"), on_delete=models.PROTECT, related_name="directives"
    )
    areas = models.ManyToManyField(Area, verbose_name=_("wilayah"), blank=True, related_name="+")
    source_sentence = models.TextField(_("kalimat sumber notulen"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"))
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        verbose_name = _("arahan")
        verbose_name_plural = _("arahan")
        ordering = ["rakor", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["rakor", "number"], name="directive_rakor_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rakor.title} #{self.number}: {self.title}"
