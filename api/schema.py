"""OpenAPI: every operation documents the problem responses it can give.

A view says what it can answer beyond the usual with class attributes:
``if_match = True`` (412 on a stale If-Match), ``problem_statuses = (...)`` (extra codes).
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import AllowAny

from .problems import PROBLEM_CONTENT_TYPE, TITLES, ProblemSerializer, ValidationProblemSerializer

IF_MATCH = OpenApiParameter(
    "If-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    type=str,
    description='The case\'s ETag (e.g. "v7"). A stale one gets 412 and changes nothing.',
)
ETAG = OpenApiParameter(
    "ETag",
    location=OpenApiParameter.HEADER,
    type=str,
    response=[200],
    description="The case's current version as an entity tag.",
)


class ApiAutoSchema(AutoSchema):
    def _problem_statuses(self) -> list[int]:
        view = self.view
        public = any(isinstance(permission, AllowAny) for permission in view.get_permissions())
        statuses = {400} if public else {400, 401, 403}
        if "{" in self.path:
            statuses.add(404)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            statuses.add(409)
            statuses.add(413)
            statuses.add(415)
        if getattr(view, "if_match", False) and self.method != "GET":
            statuses.add(412)
        statuses.update(getattr(view, "problem_statuses", ()))
        return sorted(statuses)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for status in self._problem_statuses():
            serializer = ValidationProblemSerializer if status == 400 else ProblemSerializer
            component = self.resolve_serializer(serializer, "response")
            responses.setdefault(
                str(status),
                {
                    "description": TITLES[status],
                    "content": {PROBLEM_CONTENT_TYPE: {"schema": component.ref}},
                },
            )
        return responses
