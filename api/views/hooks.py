"""Webhook subscriptions and their delivery log. Coordinators manage them; auditors read."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases.errors import ActionForbidden

from .. import webhooks
from ..inputs import WebhookInput
from ..models import WebhookSubscription
from ..pagination import NewestFirstPagination
from ..serializers import (
    WebhookDeliverySerializer,
    WebhookSubscriptionCreatedSerializer,
    WebhookSubscriptionSerializer,
)
from .base import ApiView


class _WebhookView(ApiView):
    def require_reader(self) -> None:
        if not self.request.user.sees_everything:
            raise ActionForbidden("Hanya koordinator dan auditor yang dapat melihat webhook.")


@extend_schema(tags=["webhooks"])
class WebhookList(_WebhookView):
    pagination_class = NewestFirstPagination

    @extend_schema(responses=WebhookSubscriptionSerializer(many=True))
    def get(self, request):
        self.require_reader()
        subscriptions = WebhookSubscription.objects.prefetch_related("organizations")
        return self.page(subscriptions, WebhookSubscriptionSerializer)

    @extend_schema(request=WebhookInput, responses={201: WebhookSubscriptionCreatedSerializer})
    def post(self, request):
        self.require_coordinator()
        data = self.input(WebhookInput)
        subscription = webhooks.subscription_create(actor=request.user, **data)
        subscription = webhooks.subscription_for(subscription_id=subscription.pk)
        return Response(
            WebhookSubscriptionCreatedSerializer(subscription).data,
            status=status.HTTP_201_CREATED,
        )


@extend_schema(tags=["webhooks"])
class WebhookDetail(_WebhookView):
    @extend_schema(responses=WebhookSubscriptionSerializer)
    def get(self, request, pk: int):
        self.require_reader()
        subscription = webhooks.subscription_for(subscription_id=pk)
        return Response(WebhookSubscriptionSerializer(subscription).data)

    @extend_schema(request=WebhookInput, responses=WebhookSubscriptionSerializer)
    def patch(self, request, pk: int):
        self.require_reader()
        subscription = webhooks.subscription_for(subscription_id=pk)
        self.require_coordinator()
        data = self.input(WebhookInput, partial=True)
        webhooks.subscription_update(subscription=subscription, actor=request.user, **data)
        subscription = webhooks.subscription_for(subscription_id=pk)
        return Response(WebhookSubscriptionSerializer(subscription).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        self.require_reader()
        subscription = webhooks.subscription_for(subscription_id=pk)
        self.require_coordinator()
        webhooks.subscription_delete(subscription=subscription, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["webhooks"])
class WebhookDeliveryList(_WebhookView):
    pagination_class = NewestFirstPagination

    @extend_schema(responses=WebhookDeliverySerializer(many=True))
    def get(self, request, pk: int):
        self.require_reader()
        subscription = webhooks.subscription_for(subscription_id=pk)
        return self.page(subscription.deliveries.all(), WebhookDeliverySerializer)
