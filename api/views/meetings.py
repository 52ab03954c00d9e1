"""Rakor and directives: everyone reads what concerns them; coordinators create and edit."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases import selectors, services
from cases.errors import InvalidInput, NotFound
from cases.models import Directive, Rakor, RakorSeries

from ..filters import DirectiveFilter, RakorFilter
from ..inputs import DirectiveInput, DirectiveUpdateInput, FanOutInput, RakorInput, RakorUpdateInput
from ..pagination import RakorPagination
from ..serializers import CaseSerializer, DirectiveSerializer, RakorSerializer
from .base import ApiView


def _rakor_queryset(user) -> QuerySet[Rakor]:
    return selectors.rakor_visible_to(user).select_related("series")


def _directive_queryset(user) -> QuerySet[Directive]:
    return (
        selectors.directives_visible_to(user)
        .select_related("directive_type")
        .prefetch_related("areas")
    )


def _visible_rakor(user, pk: int) -> Rakor:
    rakor = _rakor_queryset(user).filter(pk=pk).first()
    if rakor is None:
        raise NotFound("Rakor tidak ditemukan.")
    return rakor


def _visible_directive(user, pk: int) -> Directive:
    directive = _directive_queryset(user).filter(pk=pk).first()
    if directive is None:
        raise NotFound("Arahan tidak ditemukan.")
    return directive


@extend_schema(tags=["rakor"])
class RakorList(ApiView):
    pagination_class = RakorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = RakorFilter
    queryset = Rakor.objects.none()

    @extend_schema(responses=RakorSerializer(many=True))
    def get(self, request):
        return self.page(_rakor_queryset(request.user), RakorSerializer)

    @extend_schema(request=RakorInput, responses={201: RakorSerializer})
    def post(self, request):
        self.require_coordinator()
        data = self.input(RakorInput)
        series = RakorSeries.objects.filter(code=settings.TLR["SERIES_DEFAULT"]).first()
        if series is None:
            raise InvalidInput("Seri rakor bawaan belum ada.")
        rakor = services.rakor_create(actor=request.user, series=series, **data)
        return Response(RakorSerializer(rakor).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["rakor"])
class RakorDetail(ApiView):
    @extend_schema(responses=RakorSerializer)
    def get(self, request, pk: int):
        return Response(RakorSerializer(_visible_rakor(request.user, pk)).data)

    @extend_schema(request=RakorUpdateInput, responses=RakorSerializer)
    def patch(self, request, pk: int):
        rakor = _visible_rakor(request.user, pk)
        self.require_coordinator()
        data = self.input(RakorUpdateInput, partial=True)
        rakor = services.rakor_update(rakor=rakor, actor=request.user, **data)
        return Response(RakorSerializer(_visible_rakor(request.user, rakor.pk)).data)


class _RakorStep(ApiView):
    step = ""

    @extend_schema(tags=["rakor"], request=None, responses=RakorSerializer)
    def post(self, request, pk: int):
        rakor = _visible_rakor(request.user, pk)
        self.require_coordinator()
        service = {"held": services.rakor_mark_held, "close": services.rakor_close}[self.step]
        rakor = service(rakor=rakor, actor=request.user)
        return Response(RakorSerializer(_visible_rakor(request.user, rakor.pk)).data)


class RakorHeld(_RakorStep):
    """The meeting took place: its directives can be dispatched."""

    step = "held"


class RakorClose(_RakorStep):
    """The record of the meeting is final and read-only."""

    step = "close"


@extend_schema(tags=["directives"])
class DirectiveList(ApiView):
    filter_backends = [DjangoFilterBackend]
    filterset_class = DirectiveFilter
    queryset = Directive.objects.none()

    @extend_schema(responses=DirectiveSerializer(many=True))
    def get(self, request):
        return self.page(_directive_queryset(request.user), DirectiveSerializer)

    @extend_schema(request=DirectiveInput, responses={201: DirectiveSerializer})
    def post(self, request):
        self.require_coordinator()
        data = self.input(DirectiveInput)
        rakor = Rakor.objects.filter(pk=data.pop("rakor")).first()
        if rakor is None:
            raise InvalidInput.on("rakor", "Rakor tidak ditemukan.")
        directive = services.directive_create(rakor=rakor, actor=request.user, **data)
        directive = _visible_directive(request.user, directive.pk)
        return Response(DirectiveSerializer(directive).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["directives"])
class DirectiveDetail(ApiView):
    @extend_schema(responses=DirectiveSerializer)
    def get(self, request, pk: int):
        return Response(DirectiveSerializer(_visible_directive(request.user, pk)).data)

    @extend_schema(request=DirectiveUpdateInput, responses=DirectiveSerializer)
    def patch(self, request, pk: int):
        directive = _visible_directive(request.user, pk)
        self.require_coordinator()
        data = self.input(DirectiveUpdateInput, partial=True)
        services.directive_update(directive=directive, actor=request.user, **data)
        return Response(DirectiveSerializer(_visible_directive(request.user, pk)).data)


@extend_schema(tags=["directives"])
class DirectiveFanOut(ApiView):
    """One case per responsible organization (lead and supporting), optionally dispatched."""

    @extend_schema(request=FanOutInput, responses={201: CaseSerializer(many=True)})
    def post(self, request, pk: int):
        directive = _visible_directive(request.user, pk)
        self.require_coordinator()
        data = self.input(FanOutInput)
        cases = services.directive_fan_out(directive=directive, actor=request.user, **data)
        visible = selectors.case_list_for_user(request.user).filter(pk__in=[c.pk for c in cases])
        return Response(
            CaseSerializer(visible, many=True, context={"now": self.now()}).data,
            status=status.HTTP_201_CREATED,
        )
