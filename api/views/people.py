"""Tokens, who I am, my notifications, and the dashboard summary."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from cases import selectors, services
from cases.errors import InvalidInput
from cases.models import Membership, Notification

from ..filters import NotificationFilter
from ..inputs import TokenInput
from ..pagination import NewestFirstPagination
from ..serializers import (
    MarkedReadSerializer,
    MeSerializer,
    NotificationSerializer,
    SummarySerializer,
    TokenOutSerializer,
)
from .base import ApiView


class TokenThrottle(SimpleRateThrottle):
    """Password guessing: at most 20 attempts a minute from one address."""

    scope = "auth-token"
    rate = "20/minute"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


@extend_schema(tags=["auth"])
class TokenView(ApiView):
    """Exchange a username and password for the user's API token (created on first use).

    Tokens can also be issued and revoked in the admin (Auth Token).
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]
    problem_statuses = (429,)

    @extend_schema(request=TokenInput, responses=TokenOutSerializer, auth=[])
    def post(self, request):
        data = self.input(TokenInput)
        user = authenticate(request, username=data["username"], password=data["password"])
        if user is None or not user.is_active:
            raise InvalidInput.on("non_field_errors", "Nama pengguna atau kata sandi salah.")
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


@extend_schema(tags=["auth"])
class MeView(ApiView):
    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        memberships = Membership.objects.filter(user=user, is_active=True).select_related(
            "organization"
        )
        return Response(
            MeSerializer(
                {
                    "id": user.pk,
                    "username": user.username,
                    "get_full_name": user.get_full_name(),
                    "role": user.role,
                    "sees_everything": user.sees_everything,
                    "memberships": memberships,
                }
            ).data
        )


@extend_schema(tags=["notifications"])
class NotificationList(ApiView):
    pagination_class = NewestFirstPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilter
    queryset = Notification.objects.none()

    @extend_schema(responses=NotificationSerializer(many=True))
    def get(self, request):
        return self.page(selectors.notifications_for(request.user), NotificationSerializer)


@extend_schema(tags=["notifications"])
class NotificationRead(ApiView):
    @extend_schema(request=None, responses=NotificationSerializer)
    def post(self, request, pk: int):
        notification = services.notification_mark_read(notification_id=pk, actor=request.user)
        return Response(NotificationSerializer(notification).data)


@extend_schema(tags=["notifications"])
class NotificationReadAll(ApiView):
    @extend_schema(request=None, responses=MarkedReadSerializer)
    def post(self, request):
        return Response({"marked": services.notifications_mark_all_read(actor=request.user)})


@extend_schema(tags=["dashboard"])
class Summary(ApiView):
    """Open and overdue cases I may see: in total, by organization and by kecamatan."""

    @extend_schema(responses=SummarySerializer)
    def get(self, request):
        at = self.now()
        summary = selectors.case_summary(user=request.user, at=at)
        data = {
            "at": at,
            "totals": summary["totals"],
            "by_organization": [
                {
                    "organization": {
                        "id": row["organization_id"],
                        "code": row["organization__code"],
                        "short_name": row["organization__short_name"],
                        "kind": row["organization__kind"],
                    },
                    "open": row["open"],
                    "overdue": row["overdue"],
                }
                for row in summary["by_organization"]
            ],
            "by_kecamatan": [
                {
                    "kecamatan": (
                        {
                            "id": row["kecamatan_id"],
                            "code": row["kecamatan_code"],
                            "name": row["kecamatan_name"],
                            "level": "kecamatan",
                        }
                        if row["kecamatan_id"] is not None
                        else None
                    ),
                    "open": row["open"],
                    "overdue": row["overdue"],
                }
                for row in summary["by_kecamatan"]
            ],
        }
        return Response(SummarySerializer(data).data)
