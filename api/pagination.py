"""Cursor pagination for every list: stable under inserts, no COUNT(*), ``page_size`` up
to 100. A cursor that does not decode, or whose position does not fit the ordering, is a
400 with a field error on ``cursor``, never a 404 or a database error."""

from __future__ import annotations

import re

from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.pagination import CursorPagination

from .converters import ID_MAX


def _integer(value: str) -> bool:
    return bool(re.fullmatch(r"-?[0-9]{1,18}", value)) and abs(int(value)) <= ID_MAX


def _timestamp(value: str) -> bool:
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return False
    return parsed is not None and parsed.tzinfo is not None


def _text(value: str) -> bool:
    return len(value) <= 200


POSITION_CHECKS = {
    "id": _integer,
    "sequence": _integer,
    "escalation_level": _integer,
    "code": _text,
    "due_key": _timestamp,
    "created_at": _timestamp,
    "updated_at": _timestamp,
    "requested_at": _timestamp,
    "uploaded_at": _timestamp,
    "date": lambda value: bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)),
}


class ApiCursorPagination(CursorPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("id",)
    invalid_cursor_message = "Kursor tidak valid."

    def paginate_queryset(self, queryset, request, view=None):
        self._expected_ordering = self.get_ordering(request, queryset, view)
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({"cursor": [self.invalid_cursor_message]}) from None
        if cursor is not None and cursor.position is not None:
            field = self._expected_ordering[0].lstrip("-")
            check = POSITION_CHECKS.get(field)
            if check is None or not check(cursor.position):
                raise ValidationError({"cursor": [self.invalid_cursor_message]})
        return cursor

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not re.fullmatch(r"[0-9]{1,6}", raw.strip()):
            raise ValidationError({"page_size": ["Ukuran halaman harus bilangan 1–100."]})
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 100}
        return parameters


class CodeCursorPagination(ApiCursorPagination):
    ordering = ("code",)


class SequenceCursorPagination(ApiCursorPagination):
    ordering = ("sequence",)


class NewestFirstPagination(ApiCursorPagination):
    ordering = ("-id",)


class RakorPagination(ApiCursorPagination):
    ordering = ("-id",)


class PublicOrdering(BaseFilterBackend):
    """``?ordering=name`` or ``-name`` among a view's public names; ties broken by id.

    The view declares ``ordering_map`` {public name: queryset field} and ``default_ordering``.
    Cursor pagination applies the ordering; this backend only chooses it.
    """

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get("ordering")
        if raw is None or not raw.strip():
            raw = view.default_ordering
        raw = raw.strip()
        descending = raw.startswith("-")
        name = raw[1:] if descending else raw
        if name not in view.ordering_map:
            raise ValidationError(
                {"ordering": [f"Urutan tidak dikenal; pilih dari: {', '.join(view.ordering_map)}."]}
            )
        field = view.ordering_map[name]
        sign = "-" if descending else ""
        return (f"{sign}{field}",) if field == "id" else (f"{sign}{field}", f"{sign}id")

    def filter_queryset(self, request, queryset, view):
        return queryset

    def get_schema_operation_parameters(self, view):
        names = list(view.ordering_map)
        return [
            {
                "name": "ordering",
                "required": False,
                "in": "query",
                "description": f"Sort order (default {view.default_ordering}); '-' for descending.",
                "schema": {"type": "string", "enum": names + [f"-{name}" for name in names]},
            }
        ]
