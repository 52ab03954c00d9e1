from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class GlobalRole(models.TextChoices):
    """What a person is for the whole city, apart from their OPD memberships.

    OPD staff are ``member``: what they may do comes from their memberships.
    """

    MEMBER = "member", _("Staf OPD")
    COORDINATOR = "coordinator", _("Koordinator (Bakesbangpol)")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")
    PARTNER = "partner", _("Mitra (instansi vertikal)")
    LEADERSHIP = "leadership", _("Pimpinan daerah (Sekda/Wali Kota)")


class User(AbstractUser):
    role = models.CharField(
        _("peran global"), max_length=20, choices=GlobalRole.choices, default=GlobalRole.MEMBER
    )
    job_title = models.CharField(_("jabatan"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_coordinator(self) -> bool:
        return self.role in (GlobalRole.COORDINATOR, GlobalRole.ADMIN)

    @property
    def is_auditor(self) -> bool:
        return self.role == GlobalRole.AUDITOR

    @property
    def sees_everything(self) -> bool:
        return self.role in (
            GlobalRole.COORDINATOR,
            GlobalRole.ADMIN,
            GlobalRole.AUDITOR,
            GlobalRole.LEADERSHIP,
        )
