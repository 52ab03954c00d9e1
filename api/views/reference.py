"""Reference data everyone signed in may read: organizations, areas, directive types."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from cases.models import Area, DirectiveType, Organization

from ..pagination import CodeCursorPagination
from ..serializers import AreaSerializer, DirectiveTypeSerializer, OrganizationSerializer
from .base import ApiView


class _ReferenceList(ApiView):
    pagination_class = CodeCursorPagination

    def get(self, request):
        return self.page(self.get_queryset(), self.serializer_class)


class _ReferenceDetail(ApiView):
    def get(self, request, pk: int):
        return Response(self.serializer_class(get_object_or_404(self.get_queryset(), pk=pk)).data)


@extend_schema(tags=["reference"])
@extend_schema_view(get=extend_schema(responses=OrganizationSerializer(many=True)))
class OrganizationList(_ReferenceList):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer


@extend_schema(tags=["reference"])
class OrganizationDetail(_ReferenceDetail):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer


@extend_schema(tags=["reference"])
@extend_schema_view(get=extend_schema(responses=AreaSerializer(many=True)))
class AreaList(_ReferenceList):
    queryset = Area.objects.prefetch_related("aliases")
    serializer_class = AreaSerializer


@extend_schema(tags=["reference"])
class AreaDetail(_ReferenceDetail):
    queryset = Area.objects.prefetch_related("aliases")
    serializer_class = AreaSerializer


@extend_schema(tags=["reference"])
@extend_schema_view(get=extend_schema(responses=DirectiveTypeSerializer(many=True)))
class DirectiveTypeList(_ReferenceList):
    queryset = DirectiveType.objects.prefetch_related("default_supporting")
    serializer_class = DirectiveTypeSerializer


@extend_schema(tags=["reference"])
class DirectiveTypeDetail(_ReferenceDetail):
    queryset = DirectiveType.objects.prefetch_related("default_supporting")
    serializer_class = DirectiveTypeSerializer
