"""Errors as JSON problem details (RFC 9457): the API's one exception handler.

Every error the API returns has ``Content-Type: application/problem+json`` and the members
``type``, ``title``, ``status``, ``detail`` and ``code``; a 400 also carries ``errors``
({field: [message, ...]}). Domain errors keep their status (cases.errors); Django's and
DRF's own exceptions are mapped here, so bad input never becomes a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from cases.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:tindak-lanjut-rakor:problem:"

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    412: "Precondition Failed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    428: "Precondition Required",
    429: "Too Many Requests",
}


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Isi permintaan terlalu besar."
    default_code = "too_large"


class FileTypeNotAccepted(exceptions.APIException):
    status_code = status.HTTP_415_UNSUPPORTED_MEDIA_TYPE
    default_detail = "Jenis berkas tidak diterima."
    default_code = "unsupported_file_type"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "Header If-Match tidak cocok dengan versi kasus."
    default_code = "precondition_failed"


def problem(
    *,
    status_code: int,
    code: str,
    detail: str,
    errors: dict[str, list[str]] | None = None,
    instance: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_PREFIX + code,
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if status_code == 400:
        body["errors"] = errors or {}
    return body


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"field" or "field.0.sub": [messages]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for field, messages in flatten_errors(value, name).items():
                flat.setdefault(field, []).extend(messages)
    elif isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            flat[prefix or "non_field_errors"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                name = f"{prefix}.{index}" if prefix else str(index)
                for field, messages in flatten_errors(item, name).items():
                    flat.setdefault(field, []).extend(messages)
    else:
        flat[prefix or "non_field_errors"] = [str(detail)]
    return flat


def _from_exception(exc: Exception) -> tuple[int, str, str, dict[str, list[str]], dict] | None:
    """(status, code, detail, field errors, headers), or None for an exception that is not
    about the request (a bug): Django answers it with a 500 and logs it."""
    headers: dict[str, str] = {}
    if isinstance(exc, DomainError):
        return exc.status_code, exc.code, str(exc), dict(exc.field_errors), headers
    if isinstance(exc, Http404):
        return 404, "not_found", _("Tidak ditemukan."), {}, headers
    if isinstance(exc, DjangoPermissionDenied):
        return 403, "permission_denied", _("Anda tidak berwenang."), {}, headers
    if isinstance(exc, RequestDataTooBig):
        return 413, "too_large", _("Isi permintaan terlalu besar."), {}, headers
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return 413, "too_large", _("Terlalu banyak kolom atau berkas."), {}, headers
    if isinstance(exc, exceptions.APIException):
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        if isinstance(exc, exceptions.ValidationError):
            errors = flatten_errors(exc.detail)
            return 400, "invalid", _("Masukan tidak valid."), errors, headers
        detail = exc.detail
        code = exc.get_codes() if not isinstance(detail, (dict, list)) else exc.default_code
        text = str(detail) if not isinstance(detail, (dict, list)) else str(exc.default_detail)
        return exc.status_code, str(code), text, {}, headers
    return None


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    mapped = _from_exception(exc)
    if mapped is None:
        return None
    status_code, code, detail, errors, headers = mapped
    request = context.get("request")
    body = problem(
        status_code=status_code,
        code=code,
        detail=detail,
        errors=errors,
        instance=request.path if request is not None else None,
    )
    set_rollback()
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


@csrf_exempt  # a 404 needs no CSRF check (it would answer an HTML 403 first)
def not_found_view(request, *args, **kwargs) -> JsonResponse:
    """Any URL under /api/v1/ that no route matches: a 404 problem, never an HTML page."""
    body = problem(
        status_code=404, code="not_found", detail=_("Tidak ditemukan."), instance=request.path
    )
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    code = serializers.CharField()
    instance = serializers.CharField(required=False)


class ValidationProblemSerializer(ProblemSerializer):
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Field name → messages (nested fields joined with dots).",
    )
