from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AreaLevel(models.TextChoices):
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")


class Area(models.Model):
    """An administrative area: the city, its kecamatan and their kelurahan.

    ``code`` is the Kemendagri code (35.74 for the city, 35.74.01 for a kecamatan,
    35.74.01.1001 for a kelurahan).
    """

    code = models.CharField(_("kode Kemendagri"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.CharField(_("tingkat"), max_length=12, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="kota", parent__isnull=True)
                | (~models.Q(level="kota") & models.Q(parent__isnull=False)),
                name="area_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        if self.level == AreaLevel.KOTA:
            return self.name
        return f"{self.get_level_display()} {self.name}"


class AreaAlias(models.Model):
    """Another spelling of an area's name (Kedupok for Kedopok, Kedung Asem for Kedungasem)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alias wilayah")
        verbose_name_plural = _("alias wilayah")
        constraints = [
            models.UniqueConstraint(fields=["area", "alias"], name="area_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.alias
