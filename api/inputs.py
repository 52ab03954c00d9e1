"""Input serializers: what each write accepts. They check shape and types (400 with field
errors); the rules of the domain are checked again by cases.services."""

from __future__ import annotations

from rest_framework import serializers

from cases.models import (
    Area,
    DirectiveType,
    EventKind,
    EvidenceKind,
    Organization,
    Priority,
    RakorMode,
)

from .fields import DeadlineField, IdRelatedField

REASON = {"max_length": 4000}


class TokenInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class RakorInput(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    date = serializers.DateField()
    place = serializers.CharField(max_length=255)
    chair = serializers.CharField(max_length=255)
    mode = serializers.ChoiceField(choices=RakorMode.choices, default=RakorMode.LURING)
    attendees = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    minutes = serializers.CharField(max_length=200_000, required=False, allow_blank=True)
    number = serializers.IntegerField(min_value=1, max_value=100_000, required=False)


class RakorUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False)
    date = serializers.DateField(required=False)
    place = serializers.CharField(max_length=255, required=False)
    chair = serializers.CharField(max_length=255, required=False)
    mode = serializers.ChoiceField(choices=RakorMode.choices, required=False)
    attendees = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    minutes = serializers.CharField(max_length=200_000, required=False, allow_blank=True)


class DirectiveInput(serializers.Serializer):
    rakor = serializers.IntegerField(min_value=1, max_value=10**18 - 1)
    title = serializers.CharField(max_length=255)
    text = serializers.CharField(max_length=20000)
    directive_type = IdRelatedField(queryset=DirectiveType.objects.all())
    speaker_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    speaker_office = serializers.CharField(max_length=200, required=False, allow_blank=True)
    source_sentence = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    areas = IdRelatedField(queryset=Area.objects.all(), many=True, required=False)
    number = serializers.IntegerField(min_value=1, max_value=32000, required=False)


class DirectiveUpdateInput(serializers.Serializer):
    title = serializers.CharField(max_length=255, required=False)
    text = serializers.CharField(max_length=20000, required=False)
    directive_type = IdRelatedField(queryset=DirectiveType.objects.all(), required=False)
    speaker_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    speaker_office = serializers.CharField(max_length=200, required=False, allow_blank=True)
    source_sentence = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    areas = IdRelatedField(queryset=Area.objects.all(), many=True, required=False)


class FanOutInput(serializers.Serializer):
    lead = IdRelatedField(
        queryset=Organization.objects.all(),
        many=True,
        required=False,
        help_text="Lead organizations (default: the directive type's default lead).",
    )
    supporting = IdRelatedField(queryset=Organization.objects.all(), many=True, required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    area = IdRelatedField(queryset=Area.objects.all(), required=False, allow_null=True)
    dispatch = serializers.BooleanField(default=False)
    due_at = DeadlineField(required=False)


# --- transitions: each one's own input -----------------------------------------------------


class DispatchInput(serializers.Serializer):
    due_at = DeadlineField(required=False, help_text="Default: the directive type's deadline.")


class NoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, **REASON)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(**REASON)


class OptionalReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, **REASON)


class ReassignInput(ReasonInput):
    organization = IdRelatedField(
        queryset=Organization.objects.all(), required=False, help_text="Default: the same one."
    )
    due_at = DeadlineField(required=False)


class HoldInput(ReasonInput):
    until = serializers.DateField(required=False, help_text="The hold ends by itself after it.")


class ReportInput(serializers.Serializer):
    summary = serializers.CharField(**REASON)


class NewDeadlineInput(ReasonInput):
    due_at = DeadlineField(required=False)


TRANSITION_INPUTS: dict[str, type[serializers.Serializer]] = {
    "dispatch": DispatchInput,
    "accept": NoteInput,
    "decline": ReasonInput,
    "reassign": ReassignInput,
    "hold": HoldInput,
    "resume": OptionalReasonInput,
    "report": ReportInput,
    "verify": NoteInput,
    "verify_ongoing": NoteInput,
    "send_back": NewDeadlineInput,
    "reopen": NewDeadlineInput,
    "cancel": ReasonInput,
}


# --- work on a case ----------------------------------------------------------------------------


class ProgressInput(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField(**REASON)


class EvidenceInput(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=False, max_length=255, help_text="A photo (JPEG, PNG, WebP) or a PDF."
    )
    kind = serializers.ChoiceField(choices=EvidenceKind.choices, required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
    taken_at = serializers.DateTimeField(required=False)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, required=False
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-180, max_value=180, required=False
    )


class HoldRequestInput(ReasonInput):
    until = serializers.DateField(required=False)


class HoldDecisionInput(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(
        required=False, allow_blank=True, help_text="Required when rejecting.", **REASON
    )


class ExtensionRequestInput(ReasonInput):
    proposed_due = DeadlineField()


class ExtensionDecisionInput(HoldDecisionInput):
    due_at = DeadlineField(required=False, help_text="Default: the proposed deadline.")


# --- webhooks ---------------------------------------------------------------------------------


class WebhookInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    url = serializers.URLField(max_length=500, help_text="http or https only.")
    secret = serializers.CharField(
        min_length=16,
        max_length=128,
        required=False,
        help_text="HMAC-SHA256 key; generated (and shown once) when omitted.",
    )
    event_kinds = serializers.ListField(
        child=serializers.ChoiceField(choices=EventKind.choices),
        required=False,
        max_length=len(EventKind.choices),
        help_text="Case event kinds to send; empty: all.",
    )
    organizations = IdRelatedField(
        queryset=Organization.objects.all(),
        many=True,
        required=False,
        help_text="Only cases of these organizations; empty: all.",
    )
    is_active = serializers.BooleanField(default=True)
