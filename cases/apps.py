from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Tindak lanjut")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from . import audit
        from .models import Case

        pre_create_historical_record.connect(
            audit.seal_history_row, sender=Case.history.model, dispatch_uid="cases-audit-chain"
        )
