from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.signals import case_changed, case_events_recorded

        from .webhooks import on_case_changed, on_events_recorded

        case_changed.connect(on_case_changed, dispatch_uid="api.webhooks.on_case_changed")
        case_events_recorded.connect(
            on_events_recorded, dispatch_uid="api.webhooks.on_events_recorded"
        )
