"""Admin: every model, with simple-history's history pages.

Case status is never editable here: cases are read-only in the admin, and the only writes
are the actions below, which call cases.services like every other interface.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .errors import DomainError
from .models import (
    Area,
    AreaAlias,
    AuditRoot,
    Case,
    CaseEvent,
    Directive,
    DirectiveType,
    Escalation,
    EscalationRule,
    Evidence,
    ExtensionRequest,
    Hold,
    LocalClosure,
    Membership,
    Notification,
    Organization,
    OrganizationName,
    ProgressUpdate,
    Rakor,
    RakorSeries,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Records written by services only: viewable, never edited by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AreaAliasInline(admin.TabularInline):
    model = AreaAlias
    extra = 0


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name", "aliases__alias")
    inlines = [AreaAliasInline]


class OrganizationNameInline(admin.TabularInline):
    model = OrganizationName
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ("short_name", "name", "kind", "parent", "work_week", "is_active")
    list_filter = ("kind", "work_week", "is_active")
    search_fields = ("code", "name", "short_name", "names__name", "names__short_name")
    inlines = [OrganizationNameInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organization", "role", "is_active")
    list_filter = ("role", "is_active", "organization__kind")
    search_fields = ("user__username", "user__first_name", "organization__short_name")
    autocomplete_fields = ("user", "organization")


@admin.register(RakorSeries)
class RakorSeriesAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "organizer")


@admin.register(Rakor)
class RakorAdmin(ReadOnlyAdmin):
    list_display = ("title", "date", "series", "number", "mode", "status")
    list_filter = ("series", "status", "mode")
    date_hierarchy = "date"


@admin.register(DirectiveType)
class DirectiveTypeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "default_lead", "default_working_days", "evidence_contract")
    filter_horizontal = ("default_supporting",)


@admin.register(Directive)
class DirectiveAdmin(ReadOnlyAdmin):
    list_display = ("rakor", "number", "title", "directive_type", "speaker_name")
    list_filter = ("rakor", "directive_type")
    search_fields = ("title", "text", "source_sentence")


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = (
        "sequence",
        "created_at",
        "kind",
        "transition",
        "from_status",
        "to_status",
        "actor_label",
        "reason",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("sequence",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ("id", "title", "organization", "role", "status", "due_at", "escalation_level")
    list_filter = ("status", "role", "priority", "escalation_level", "organization__kind")
    search_fields = ("title", "directive__title", "organization__short_name")
    list_select_related = ("organization",)
    inlines = [CaseEventInline]
    actions = ["dispatch_selected"]

    @admin.action(description=_("Disposisikan kasus draf terpilih (batas waktu bawaan)"))
    def dispatch_selected(self, request, queryset):
        done = 0
        for case in queryset.order_by("pk"):
            try:
                services.case_dispatch(case=case, actor=request.user)
                done += 1
            except DomainError as error:
                self.message_user(request, f"#{case.pk}: {error}", messages.WARNING)
        if done:
            self.message_user(request, _("%(n)d kasus didisposisikan.") % {"n": done})

    def has_change_permission(self, request, obj=None):
        # The changelist must allow actions; the change form itself stays read-only.
        return obj is None and request.user.has_perm("cases.change_case")


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    list_display = ("case", "sequence", "created_at", "kind", "transition", "actor_label")
    list_filter = ("kind", "transition")
    search_fields = ("actor_label", "reason")
    date_hierarchy = "created_at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for model in (ProgressUpdate, Evidence, Hold, ExtensionRequest, Escalation, AuditRoot):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(EscalationRule)
class EscalationRuleAdmin(SimpleHistoryAdmin):
    list_display = (
        "level",
        "name",
        "working_days_after_deadline",
        "notify_org_head",
        "notify_coordinators",
        "notify_leadership",
        "add_to_agenda",
        "is_active",
    )


@admin.register(LocalClosure)
class LocalClosureAdmin(SimpleHistoryAdmin):
    list_display = ("date", "name", "organization")
    date_hierarchy = "date"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "title", "created_at", "send_after", "emailed_at", "read_at")
    list_filter = ("kind",)
    search_fields = ("title", "recipient__username")
