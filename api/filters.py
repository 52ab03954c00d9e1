"""Query filters. Every value is bounded and typed, so garbage is a 400, never a 500."""

from __future__ import annotations

import django_filters
from django import forms
from django.db import connection
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from cases import clock
from cases.models import CLOCK_STATES, Case, CaseStatus, Directive, Rakor, RakorStatus

from .converters import ID_MAX

# More directives than this matching a search word make it a common word (see filter_text).
TEXT_DIRECTIVES = 500


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class BoundedIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """Years 1900..2999 only: a year-1 timestamp with an offset overflows on conversion."""

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 40:
            raise forms.ValidationError("Waktu tidak valid.", code="invalid")
        parsed = super().to_python(value)
        if parsed is not None and not 1900 <= parsed.year <= 2999:
            raise forms.ValidationError("Waktu di luar jangkauan.", code="invalid")
        return parsed


class TimestampFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is an error, not "no filter"."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError("Pilih true atau false.", code="invalid")


@extend_schema_field({"type": "boolean"})
class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class CaseFilter(django_filters.FilterSet):
    # distinct=False: a status filter cannot duplicate rows, and DISTINCT would make the
    # database sort every matching case instead of walking the (status, due_key) index.
    status = django_filters.MultipleChoiceFilter(
        choices=CaseStatus.choices,
        distinct=False,
        help_text="One or more statuses (repeat the parameter).",
    )
    organization = IdFilter(field_name="organization_id")
    area = IdFilter(
        method="filter_area", help_text="An area id; a kecamatan also matches its kelurahan."
    )
    type = IdFilter(field_name="directive__directive_type_id", help_text="Directive type id.")
    rakor = IdFilter(field_name="directive__rakor_id")
    directive = IdFilter(field_name="directive_id")
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text="true: the clock runs (assigned, in progress) and the deadline has passed.",
    )
    due_before = TimestampFilter(field_name="due_at", lookup_expr="lt")
    due_after = TimestampFilter(field_name="due_at", lookup_expr="gte")
    escalation_level = django_filters.NumberFilter(
        field_name="escalation_level", min_value=0, max_value=9
    )
    escalation_level_min = django_filters.NumberFilter(
        field_name="escalation_level", lookup_expr="gte", min_value=0, max_value=9
    )
    q = django_filters.CharFilter(
        method="filter_text",
        max_length=200,
        help_text="Text in the title, the instructions or the directive.",
    )

    class Meta:
        model = Case
        fields: list[str] = []

    def filter_area(self, queryset, name, value):
        return queryset.filter(Q(area_id=value) | Q(area__parent_id=value))

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=CLOCK_STATES, due_at__lt=clock.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_text(self, queryset, name, value):
        """Text in the case's title or instructions, or in its directive's title or text.

        On PostgreSQL with a word of three characters or more, the directives are looked up
        first (trigram index, cases/migrations/0007): when at most ``TEXT_DIRECTIVES`` match,
        the cases are found by three index lookups (own title, own instructions, those
        directives' ids) instead of reading every case in list order, which for a word that
        occurs nowhere meant all of them. A common word keeps the single query: its matches
        are dense, so walking the cases in list order finds a page at once.
        """
        value = value.strip()
        if not value:
            return queryset
        own = Q(title__icontains=value) | Q(instructions__icontains=value)
        in_directive = Q(title__icontains=value) | Q(text__icontains=value)
        if connection.vendor == "postgresql" and len(value) >= 3:
            ids = list(
                Directive.objects.filter(in_directive)
                .order_by()
                .values_list("pk", flat=True)[: TEXT_DIRECTIVES + 1]
            )
            if len(ids) <= TEXT_DIRECTIVES:
                return queryset.filter(own | Q(directive_id__in=ids))
        return queryset.filter(
            own | Q(directive__title__icontains=value) | Q(directive__text__icontains=value)
        )


class RakorFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=RakorStatus.choices)

    class Meta:
        model = Rakor
        fields: list[str] = []


class DirectiveFilter(django_filters.FilterSet):
    rakor = IdFilter(field_name="rakor_id")
    type = IdFilter(field_name="directive_type_id", help_text="Directive type id.")

    class Meta:
        model = Directive
        fields: list[str] = []


class NotificationFilter(django_filters.FilterSet):
    unread = StrictBooleanFilter(field_name="read_at", lookup_expr="isnull")

    class Meta:
        from cases.models import Notification

        model = Notification
        fields: list[str] = []
