from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrganizationKind(models.TextChoices):
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    SATUAN = "satuan", _("Satuan")
    BAGIAN = "bagian", _("Bagian (Setda)")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    PARTNER = "partner", _("Mitra (instansi vertikal)")


class WorkWeek(models.IntegerChoices):
    FIVE_DAY = 5, _("5 hari kerja (Senin–Jumat)")
    SEVEN_DAY = 7, _("7 hari (setiap hari)")


class Organization(models.Model):
    """An OPD of the city government, or a partner agency (Polres, Kodim, Kejari)."""

    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60)
    kind = models.CharField(_("jenis"), max_length=12, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Kelurahan berada di bawah kecamatannya."),
    )
    area = models.ForeignKey(
        "cases.Area",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text=_("Untuk kecamatan dan kelurahan: wilayah kerjanya."),
    )
    work_week = models.PositiveSmallIntegerField(
        _("pola hari kerja"), choices=WorkWeek.choices, default=WorkWeek.FIVE_DAY
    )
    duties = models.TextField(_("tugas pokok"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="kelurahan") | models.Q(parent__isnull=False),
                name="organization_kelurahan_has_kecamatan",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_partner(self) -> bool:
        return self.kind == OrganizationKind.PARTNER


class OrganizationName(models.Model):
    """One name an organization has carried (DKUMP → DKUPP → DKUP).

    The current name also lives on ``Organization``; this table keeps the earlier ones,
    so an old Rakor's minutes still resolve to the right office.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60)
    sequence = models.PositiveSmallIntegerField(_("urutan"))
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riwayat nama organisasi")
        verbose_name_plural = _("riwayat nama organisasi")
        ordering = ["organization", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "sequence"], name="organization_name_sequence_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.name})"


class MembershipRole(models.TextChoices):
    OFFICER = "officer", _("Staf")
    HEAD = "head", _("Kepala")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(
        _("peran"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.OFFICER
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_user_organization_unique"
            ),
        ]
        indexes = [models.Index(fields=["organization", "role"], name="membership_org_role_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"
