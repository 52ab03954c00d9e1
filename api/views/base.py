"""The base of every API view: token before session (so a missing credential is a 401
with ``WWW-Authenticate: Token``), JSON bodies with a size limit, cursor pagination."""

from __future__ import annotations

from typing import Any

from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from cases import clock, selectors
from cases.errors import ActionForbidden
from cases.models import Case
from cases.permissions import actor_is_coordinator

from ..concurrency import etag_for
from ..pagination import ApiCursorPagination
from ..parsers import LimitedJSONParser


class ApiView(GenericAPIView):
    parser_classes = [LimitedJSONParser]
    pagination_class = ApiCursorPagination
    filter_backends: list[Any] = []

    def input(self, serializer_class, *, partial: bool = False) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def page(self, queryset, serializer_class, **context: Any) -> Response:
        queryset = self.filter_queryset(queryset)
        items = self.paginate_queryset(queryset)
        data = serializer_class(items, many=True, context={"request": self.request, **context})
        return self.get_paginated_response(data.data)

    def require_coordinator(self) -> None:
        if not actor_is_coordinator(self.request.user):
            raise ActionForbidden("Hanya koordinator Bakesbangpol yang dapat melakukan ini.")

    def visible_case(self) -> Case:
        """The case of the URL, or 404 when the user may not see it."""
        return selectors.case_for_user(user=self.request.user, case_id=self.kwargs["case_id"])

    @staticmethod
    def with_case_etag(response: Response, case: Case) -> Response:
        """A write on a case's sub-resource tells the client the case's new version."""
        case.refresh_from_db(fields=["version"])
        response["X-Case-ETag"] = etag_for(case)
        return response

    @staticmethod
    def now():
        return clock.now()
