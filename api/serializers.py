"""Output serializers: what the API returns. They read prepared querysets and never query
per row (the views select_related / prefetch_related what these touch)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import (
    TRANSITION_LABELS,
    Area,
    Case,
    CaseEvent,
    Directive,
    DirectiveType,
    Evidence,
    ExtensionRequest,
    Hold,
    Notification,
    Organization,
    ProgressUpdate,
    Rakor,
)
from cases.permissions import REASON_REQUIRED

from .concurrency import etag_for
from .models import WebhookDelivery, WebhookSubscription


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "area",
            "work_week",
            "is_active",
        ]


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "code", "short_name", "kind"]


class AreaSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Area
        fields = ["id", "code", "name", "level", "parent", "aliases"]

    def get_aliases(self, area: Area) -> list[str]:
        return [alias.alias for alias in area.aliases.all()]


class AreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "code", "name", "level"]


class DirectiveTypeSerializer(serializers.ModelSerializer):
    evidence_contract = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Evidence kind → least number of files before the case can be reported.",
    )

    class Meta:
        model = DirectiveType
        fields = [
            "id",
            "code",
            "name",
            "description",
            "default_lead",
            "default_supporting",
            "default_working_days",
            "evidence_contract",
            "is_active",
        ]


class DirectiveTypeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = DirectiveType
        fields = ["id", "code", "name"]


class RakorSerializer(serializers.ModelSerializer):
    series = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Rakor
        fields = [
            "id",
            "series",
            "number",
            "title",
            "date",
            "place",
            "chair",
            "mode",
            "attendees",
            "minutes",
            "status",
            "status_label",
            "created_at",
        ]


class RakorRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rakor
        fields = ["id", "number", "title", "date"]


class DirectiveSerializer(serializers.ModelSerializer):
    directive_type = DirectiveTypeRefSerializer()

    class Meta:
        model = Directive
        fields = [
            "id",
            "rakor",
            "number",
            "title",
            "text",
            "speaker_name",
            "speaker_office",
            "directive_type",
            "areas",
            "source_sentence",
            "created_at",
        ]


class DirectiveRefSerializer(serializers.ModelSerializer):
    rakor = RakorRefSerializer()
    directive_type = DirectiveTypeRefSerializer()

    class Meta:
        model = Directive
        fields = ["id", "number", "title", "rakor", "directive_type"]


class CaseSerializer(serializers.ModelSerializer):
    """A case in a list. ``etag`` is what If-Match expects for a write on this case."""

    status_label = serializers.CharField(source="get_status_display")
    organization = OrganizationRefSerializer()
    area = AreaRefSerializer(allow_null=True)
    directive = DirectiveRefSerializer()
    overdue = serializers.SerializerMethodField()
    etag = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "title",
            "status",
            "status_label",
            "organization",
            "role",
            "priority",
            "progress",
            "area",
            "directive",
            "due_at",
            "overdue",
            "escalation_level",
            "version",
            "etag",
            "updated_at",
        ]

    def get_overdue(self, case: Case) -> bool:
        return case.is_overdue(self.context["now"])

    def get_etag(self, case: Case) -> str:
        return etag_for(case)


class CaseDetailSerializer(CaseSerializer):
    available_transitions = serializers.SerializerMethodField(
        help_text="Transitions the requesting user may fire now."
    )

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "instructions",
            "due_calendar_version",
            "created_at",
            "dispatched_at",
            "accepted_at",
            "reported_at",
            "closed_at",
            "available_transitions",
        ]

    def get_available_transitions(self, case: Case) -> list[str]:
        return self.context["available_transitions"]


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    reason_required = serializers.BooleanField()
    url = serializers.CharField()

    @staticmethod
    def describe(case: Case, name: str) -> dict:
        return {
            "name": name,
            "label": str(TRANSITION_LABELS[name]),
            "reason_required": name in REASON_REQUIRED,
            "url": f"/api/v1/cases/{case.pk}/transitions/{name}/",
        }


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")


class ProgressUpdateSerializer(serializers.ModelSerializer):
    author = UserRefSerializer()

    class Meta:
        model = ProgressUpdate
        fields = ["id", "percent", "note", "author", "created_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    uploaded_by = UserRefSerializer()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "note",
            "taken_at",
            "latitude",
            "longitude",
            "uploaded_by",
            "uploaded_at",
            "download_url",
        ]

    def get_download_url(self, evidence: Evidence) -> str:
        return f"/api/v1/cases/{evidence.case_id}/evidence/{evidence.pk}/download/"


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class CaseEventSerializer(serializers.ModelSerializer):
    """One line of the case's history: who, when, why, and each field's old → new value."""

    actor = UserRefSerializer(allow_null=True)
    changes = serializers.SerializerMethodField()
    data = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = [
            "sequence",
            "kind",
            "transition",
            "from_status",
            "to_status",
            "actor",
            "actor_label",
            "reason",
            "changes",
            "data",
            "created_at",
        ]

    @staticmethod
    def _is_change(value) -> bool:
        return isinstance(value, list) and len(value) == 2

    @extend_schema_field(FieldChangeSerializer(many=True))
    def get_changes(self, event: CaseEvent) -> list[dict]:
        return [
            {"field": name.removesuffix("_id"), "old": value[0], "new": value[1]}
            for name, value in event.data.items()
            if self._is_change(value)
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_data(self, event: CaseEvent) -> dict:
        return {k: v for k, v in event.data.items() if not self._is_change(v)}


class HoldSerializer(serializers.ModelSerializer):
    requested_by = UserRefSerializer()
    decided_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = Hold
        fields = [
            "id",
            "status",
            "reason",
            "until",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_note",
            "started_at",
            "ended_at",
            "paused_working_days",
        ]


class ExtensionRequestSerializer(serializers.ModelSerializer):
    requested_by = UserRefSerializer()
    decided_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = ExtensionRequest
        fields = [
            "id",
            "status",
            "reason",
            "proposed_due_at",
            "old_due_at",
            "new_due_at",
            "requested_by",
            "requested_at",
            "decided_by",
            "decided_at",
            "decision_note",
        ]


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "case", "created_at", "read_at"]


class MarkedReadSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class MembershipOutSerializer(serializers.Serializer):
    organization = OrganizationRefSerializer()
    role = serializers.CharField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    role = serializers.CharField()
    sees_everything = serializers.BooleanField()
    memberships = MembershipOutSerializer(many=True)


class TokenOutSerializer(serializers.Serializer):
    token = serializers.CharField()


class CountsSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class OrganizationCountsSerializer(CountsSerializer):
    organization = OrganizationRefSerializer()


class KecamatanCountsSerializer(CountsSerializer):
    kecamatan = AreaRefSerializer(allow_null=True)


class SummarySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    totals = CountsSerializer()
    by_organization = OrganizationCountsSerializer(many=True)
    by_kecamatan = KecamatanCountsSerializer(many=True)


class WebhookSubscriptionSerializer(serializers.ModelSerializer):
    event_kinds = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = WebhookSubscription
        fields = [
            "id",
            "name",
            "url",
            "event_kinds",
            "organizations",
            "is_active",
            "created_at",
            "updated_at",
        ]


class WebhookSubscriptionCreatedSerializer(WebhookSubscriptionSerializer):
    """Only the answer to a create shows the secret, once."""

    class Meta(WebhookSubscriptionSerializer.Meta):
        fields = [*WebhookSubscriptionSerializer.Meta.fields, "secret"]


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "key",
            "event",
            "event_kind",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "created_at",
            "next_attempt_at",
            "delivered_at",
            "payload",
        ]
