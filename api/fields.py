"""Input fields that turn bad input into 400s (never an overflow or a naive datetime)."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.calendar import WIB

from .converters import ID_MAX


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key in a request body: an integer 1..10^18-1, then looked up."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, str):
            if not re.fullmatch(r"[0-9]{1,18}", data.strip()):
                self.fail("incorrect_type", data_type="str")
            data = int(data)
        if not 1 <= data <= ID_MAX:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


@extend_schema_field(
    {
        "type": "string",
        "description": (
            "A date (YYYY-MM-DD: the end of that working day, 16:00 WIB) "
            "or an ISO 8601 date-time (without offset: WIB)."
        ),
        "example": "2026-02-20",
    }
)
class DeadlineField(serializers.Field):
    default_error_messages = {
        "invalid": "Tanggal atau waktu tidak valid (YYYY-MM-DD atau ISO 8601).",
    }

    def to_internal_value(self, data) -> date | datetime:
        if not isinstance(data, str) or len(data) > 40:
            self.fail("invalid")
        text = data.strip()
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            try:
                value = date.fromisoformat(text)
            except ValueError:
                self.fail("invalid")
            if not 2000 <= value.year <= 2999:
                self.fail("invalid")
            return value
        try:
            parsed = parse_datetime(text)
        except ValueError:
            parsed = None
        if parsed is None or not 2000 <= parsed.year <= 2999:
            self.fail("invalid")
        if timezone.is_naive(parsed):
            parsed = parsed.replace(tzinfo=WIB)
        return parsed

    def to_representation(self, value):
        return value.isoformat()
