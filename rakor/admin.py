from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    DraftDirective,
    GazetteerEntry,
    KeywordRule,
    MeetingDecision,
    MinutesImport,
    OrganizationAlias,
    RakorReport,
)


@admin.register(KeywordRule)
class KeywordRuleAdmin(SimpleHistoryAdmin):
    list_display = ["phrase", "directive_type_code", "organization_code", "weight", "is_active"]
    list_filter = ["is_active", "directive_type_code", "organization_code"]
    search_fields = ["phrase", "note"]


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(SimpleHistoryAdmin):
    list_display = ["alias", "organization_code", "is_active"]
    list_filter = ["is_active", "organization_code"]
    search_fields = ["alias"]


@admin.register(GazetteerEntry)
class GazetteerEntryAdmin(SimpleHistoryAdmin):
    list_display = ["phrase", "kind", "area_codes", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["phrase"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the services only; the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MinutesImport)
class MinutesImportAdmin(ReadOnlyAdmin):
    list_display = ["rakor", "source_name", "created_by", "created_at"]


@admin.register(DraftDirective)
class DraftDirectiveAdmin(ReadOnlyAdmin):
    list_display = ["title", "minutes_import", "status", "directive_type", "due"]
    list_filter = ["status"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyAdmin):
    list_display = ["rakor", "case", "organization", "status_then", "built_at"]


@admin.register(MeetingDecision)
class MeetingDecisionAdmin(ReadOnlyAdmin):
    list_display = ["agenda_item", "kind", "outcome", "decided_by", "decided_at"]


@admin.register(RakorReport)
class RakorReportAdmin(ReadOnlyAdmin):
    list_display = ["rakor", "status", "progress", "requested_by", "requested_at"]
