"""Cases: list, detail, the transitions one may fire, and firing them.

Visibility always goes through cases.selectors (404 for a case the user may not see); every
write goes through cases.services with the If-Match version as ``expected_version``, so the
412 is decided under the case's row lock.
"""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from cases import selectors, services
from cases.errors import ActionForbidden, TransitionNotAllowed
from cases.models import TRANSITION_LABELS, Case

from ..concurrency import etag_for, expected_version
from ..filters import CaseFilter
from ..inputs import TRANSITION_INPUTS
from ..pagination import PublicOrdering
from ..schema import ETAG, IF_MATCH
from ..serializers import CaseDetailSerializer, CaseSerializer, TransitionSerializer
from .base import ApiView


def case_detail_response(request, case: Case, *, status: int = 200) -> Response:
    data = CaseDetailSerializer(
        case,
        context={
            "now": ApiView.now(),
            "available_transitions": selectors.available_transitions(case=case, user=request.user),
        },
    ).data
    return Response(data, status=status, headers={"ETag": etag_for(case)})


@extend_schema(tags=["cases"])
class CaseList(ApiView):
    """The cases I may see, filtered and ordered; cursor-paginated."""

    filter_backends = [DjangoFilterBackend, PublicOrdering]
    filterset_class = CaseFilter
    ordering_map = {
        "due_at": "due_key",
        "updated_at": "updated_at",
        "created_at": "created_at",
        "escalation_level": "escalation_level",
        "id": "id",
    }
    default_ordering = "due_at"
    queryset = Case.objects.none()

    @extend_schema(responses=CaseSerializer(many=True))
    def get(self, request):
        # The page is chosen on the case table alone (an index walk on the ordering, LIMIT
        # n+1), then its rows are read with what they show in one query by id. Joining first
        # lets SQLite's planner start from the small tables and sort every case (100 ms at
        # 100,000 cases instead of 10: docs/benchmarks.md).
        cases = self.filter_queryset(selectors.cases_visible_to(request.user))
        page = self.paginate_queryset(cases)
        rows = selectors.case_list_for_user(request.user).in_bulk([case.pk for case in page])
        items = [rows[case.pk] for case in page]
        data = CaseSerializer(items, many=True, context={"request": request, "now": self.now()})
        return self.get_paginated_response(data.data)


@extend_schema(tags=["cases"])
class CaseDetail(ApiView):
    @extend_schema(responses=CaseDetailSerializer, parameters=[ETAG])
    def get(self, request, case_id: int):
        return case_detail_response(request, self.visible_case())


@extend_schema(tags=["cases"])
class CaseTransitionList(ApiView):
    """What I may fire on this case now, and where (a short, unpaginated list)."""

    pagination_class = None

    @extend_schema(responses=TransitionSerializer(many=True))
    def get(self, request, case_id: int):
        case = self.visible_case()
        names = selectors.available_transitions(case=case, user=request.user)
        return Response([TransitionSerializer.describe(case, name) for name in names])


class TransitionView(ApiView):
    """Fire one transition. Subclassed once per transition so each has its own input."""

    transition = ""
    if_match = True

    def post(self, request, case_id: int):
        case = self.visible_case()
        # An early, unlocked answer so a refused actor gets 409/403 before input errors;
        # the service decides again under the row lock.
        if self.transition not in {t.name for t in case.get_available_status_transitions()}:
            raise TransitionNotAllowed(
                f'Aksi "{TRANSITION_LABELS[self.transition]}" tidak dapat dilakukan: '
                f"kasus berstatus {case.get_status_display()}."
            )
        if self.transition not in selectors.available_transitions(case=case, user=request.user):
            raise ActionForbidden(
                f'Anda tidak berwenang melakukan aksi "{TRANSITION_LABELS[self.transition]}" '
                "pada kasus ini."
            )
        version = expected_version(request, case)
        params = self.input(TRANSITION_INPUTS[self.transition])
        changed = services.case_transition(
            case=case,
            actor=request.user,
            name=self.transition,
            expected_version=version,
            **params,
        )
        return case_detail_response(
            request, selectors.case_for_user(user=request.user, case_id=changed.pk)
        )


def _transition_view(name: str) -> type[TransitionView]:
    label = str(TRANSITION_LABELS[name])

    @extend_schema(
        tags=["transitions"],
        operation_id=f"cases_transitions_{name}",
        summary=f"{name}: {label}",
        request=TRANSITION_INPUTS[name],
        responses=CaseDetailSerializer,
        parameters=[IF_MATCH, ETAG],
    )
    def post(self, request, case_id: int):
        return TransitionView.post(self, request, case_id)

    class_name = "".join(part.title() for part in name.split("_")) + "TransitionView"
    return type(class_name, (TransitionView,), {"transition": name, "post": post})


TRANSITION_VIEWS = {name: _transition_view(name) for name in TRANSITION_INPUTS}
