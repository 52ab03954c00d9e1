from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Alur kerja")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the case_changed receiver)
