"""Request parsers with a size limit (DRF's own JSON parser reads any size)."""

from __future__ import annotations

import io
import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, MultiPartParser

from .problems import PayloadTooLarge


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return 0


class LimitedJSONParser(JSONParser):
    """JSON bodies up to DATA_UPLOAD_MAX_MEMORY_SIZE; larger ones are a 413."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        if request is not None and _declared_length(request) > limit:
            raise PayloadTooLarge()
        if stream is not None:
            raw = stream.read(limit + 1)
            if len(raw) > limit:
                raise PayloadTooLarge()
            stream = io.BytesIO(raw)
        data = super().parse(stream, media_type, parser_context)
        try:
            # Lone surrogates ("\ud800") parse in Python but cannot be stored as UTF-8.
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise ParseError("JSON berisi karakter yang tidak valid.") from None
        return data


class EvidenceMultiPartParser(MultiPartParser):
    """Multipart uploads no larger than one evidence file plus room for the other fields."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = (parser_context or {}).get("request")
        limit = settings.EVIDENCE_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if request is not None and _declared_length(request) > limit:
            raise PayloadTooLarge()
        return super().parse(stream, media_type, parser_context)
