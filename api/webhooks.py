"""Outgoing webhooks: subscriptions (writes), the outbox receiver, signing and one delivery
attempt. The huey task in api/tasks.py only calls ``attempt_delivery``.

Signature: ``X-TLR-Signature: sha256=<hex>`` where hex is HMAC-SHA256 with the
subscription's secret over ``<X-TLR-Timestamp>.<raw body>``; a receiver recomputes it,
compares in constant time and refuses a timestamp older than a few minutes (replay).
``X-TLR-Delivery`` is the delivery's key: the same key may arrive twice (at-least-once),
never for two different events.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from cases import clock
from cases.errors import InvalidInput, NotFound
from cases.models import Case, CaseEvent, EventKind, Organization
from cases.permissions import actor_is_coordinator

from .models import DeliveryStatus, WebhookDelivery, WebhookSubscription

# huey retries a failed attempt this many times, waiting RETRY_DELAY, then twice as long...
RETRIES = 5
RETRY_DELAY = 30
RETRY_BACKOFF = 2
MAX_ATTEMPTS = RETRIES + 1
TIMEOUT_SECONDS = 10
# A delivery stuck in "sending" this long (its consumer died) may be claimed again.
STALE_CLAIM = timedelta(minutes=10)
USER_AGENT = "TindakLanjutRakor-Webhook/1"


class DeliveryFailed(Exception):
    """Raised by the task so huey schedules the next attempt."""


# --- subscriptions ----------------------------------------------------------------------------


def _require_coordinator(actor: Any) -> None:
    from cases.errors import ActionForbidden

    if not actor_is_coordinator(actor):
        raise ActionForbidden(_("Hanya koordinator yang dapat mengatur webhook."))


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput.on("url", _("URL webhook harus http atau https dengan nama host."))
    if parts.username or parts.password:
        raise InvalidInput.on("url", _("URL webhook tidak boleh memuat nama pengguna/sandi."))
    return url


def _check_kinds(kinds: list[str]) -> list[str]:
    unknown = [kind for kind in kinds if kind not in EventKind.values]
    if unknown:
        raise InvalidInput.on("event_kinds", _("Jenis peristiwa tidak dikenal."))
    return sorted(set(kinds))


def subscription_create(
    *,
    actor: Any,
    name: str,
    url: str,
    secret: str | None = None,
    event_kinds: list[str] | None = None,
    organizations: list[Organization] | None = None,
    is_active: bool = True,
) -> WebhookSubscription:
    _require_coordinator(actor)
    at = clock.now()
    with transaction.atomic():
        subscription = WebhookSubscription.objects.create(
            name=name.strip() or url,
            url=check_url(url),
            secret=secret or secrets.token_urlsafe(32),
            event_kinds=_check_kinds(event_kinds or []),
            is_active=is_active,
            created_by=actor,
            created_at=at,
            updated_at=at,
        )
        if organizations:
            subscription.organizations.set(organizations)
    return subscription


def subscription_update(
    *, subscription: WebhookSubscription, actor: Any, **changes: Any
) -> WebhookSubscription:
    _require_coordinator(actor)
    organizations = changes.pop("organizations", None)
    if "url" in changes:
        check_url(changes["url"])
    if "event_kinds" in changes:
        changes["event_kinds"] = _check_kinds(changes["event_kinds"])
    with transaction.atomic():
        locked = WebhookSubscription.objects.select_for_update().get(pk=subscription.pk)
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.updated_at = clock.now()
        locked.save()
        if organizations is not None:
            locked.organizations.set(organizations)
    return locked


def subscription_delete(*, subscription: WebhookSubscription, actor: Any) -> None:
    """Delete the subscription and its delivery log."""
    _require_coordinator(actor)
    with transaction.atomic():
        subscription.deliveries.all().delete()
        subscription.delete()


def subscription_for(*, subscription_id: int) -> WebhookSubscription:
    subscription = (
        WebhookSubscription.objects.prefetch_related("organizations")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        raise NotFound(_("Langganan webhook tidak ditemukan."))
    return subscription


# --- the outbox --------------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def payload_for(*, delivery_key: str, case: Case, event: CaseEvent) -> dict[str, Any]:
    return {
        "id": delivery_key,
        "type": f"case.{event.kind}",
        "created_at": _iso(event.created_at),
        "event": {
            "id": event.pk,
            "sequence": event.sequence,
            "kind": event.kind,
            "transition": event.transition,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "actor": event.actor_label,
            "reason": event.reason,
            "data": event.data,
        },
        "case": {
            "id": case.pk,
            "url": f"/api/v1/cases/{case.pk}/",
            "title": case.title,
            "status": case.status,
            "organization": {
                "id": case.organization_id,
                "code": case.organization.code,
                "short_name": case.organization.short_name,
            },
            "due_at": _iso(case.due_at),
            "progress": case.progress,
            "escalation_level": case.escalation_level,
            "version": case.version,
        },
    }


def on_case_changed(sender: Any, *, case: Case, event: CaseEvent, **kwargs: Any) -> None:
    """Receiver of cases.signals.case_changed (inside the service's transaction).

    Writes one delivery per matching subscription, in the same transaction as the change
    (it commits or rolls back with it), and enqueues the sending after commit.
    """
    from .tasks import deliver_webhook

    subscriptions = [
        subscription
        for subscription in WebhookSubscription.objects.filter(is_active=True)
        .filter(Q(organizations__isnull=True) | Q(organizations=case.organization_id))
        .distinct()
        if not subscription.event_kinds or event.kind in subscription.event_kinds
    ]
    at = clock.now()
    for subscription in subscriptions:
        delivery = WebhookDelivery(
            subscription=subscription, event=event, event_kind=event.kind, created_at=at
        )
        delivery.payload = payload_for(delivery_key=str(delivery.key), case=case, event=event)
        delivery.save()
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook(pk))


def on_events_recorded(sender: Any, *, event_ids: list[int], **kwargs: Any) -> None:
    """Receiver of cases.signals.case_events_recorded: the sweep's reminders and escalations
    and new cases. One query for the subscriptions whatever the number of events; nothing
    more when there are none."""
    from .tasks import deliver_webhook

    subscriptions = list(
        WebhookSubscription.objects.filter(is_active=True).prefetch_related("organizations")
    )
    if not subscriptions or not event_ids:
        return
    at = clock.now()
    events = CaseEvent.objects.filter(pk__in=event_ids).select_related("case__organization")
    for event in events:
        case = event.case
        for subscription in subscriptions:
            organizations = {o.pk for o in subscription.organizations.all()}
            if organizations and case.organization_id not in organizations:
                continue
            if subscription.event_kinds and event.kind not in subscription.event_kinds:
                continue
            delivery = WebhookDelivery(
                subscription=subscription, event=event, event_kind=event.kind, created_at=at
            )
            delivery.payload = payload_for(delivery_key=str(delivery.key), case=case, event=event)
            delivery.save()
            transaction.on_commit(lambda pk=delivery.pk: deliver_webhook(pk))


# --- sending -----------------------------------------------------------------------------------


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx is an answer, not an instruction to post elsewhere


_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())


def send(*, url: str, secret: str, key: str, kind: str, payload: dict) -> tuple[int | None, str]:
    """POST once. Returns (HTTP status or None, error text)."""
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(time.time())
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-TLR-Event": kind,
            "X-TLR-Delivery": key,
            "X-TLR-Timestamp": str(timestamp),
            "X-TLR-Signature": sign(secret=secret, timestamp=timestamp, body=body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, str(getattr(exc, "reason", exc))[:500]


def next_delay(attempts: int) -> timedelta:
    """The wait after the n-th failed attempt: huey's retry_delay × backoff^(n-1)."""
    return timedelta(seconds=RETRY_DELAY * RETRY_BACKOFF ** max(0, attempts - 1))


def attempt_delivery(delivery_id: int) -> str:
    """One attempt. Idempotent: a delivered, failed or busy delivery is left alone.

    Claims the row with a conditional UPDATE (so two consumers never send it at once),
    sends outside any transaction, records the outcome; raises DeliveryFailed while
    attempts remain so huey retries with backoff.
    """
    now = clock.now()
    claimable = Q(status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING]) | Q(
        status=DeliveryStatus.SENDING, claimed_at__lt=now - STALE_CLAIM
    )
    claimed = (
        WebhookDelivery.objects.filter(claimable, pk=delivery_id)
        .filter(attempts__lt=MAX_ATTEMPTS)
        .update(status=DeliveryStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    if not subscription.is_active:
        code, error = None, "subscription inactive"
        delivery.attempts = MAX_ATTEMPTS
    else:
        code, error = send(
            url=subscription.url,
            secret=subscription.secret,
            key=str(delivery.key),
            kind=delivery.event_kind,
            payload=delivery.payload,
        )
    finished = clock.now()
    delivery.last_status_code = code
    delivery.last_error = error
    if code is not None and 200 <= code < 300:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = finished
        delivery.next_attempt_at = None
        outcome = "delivered"
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
        outcome = "failed"
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = finished + next_delay(delivery.attempts)
        outcome = "retrying"
    delivery.save(
        update_fields=[
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    if outcome == "retrying":
        raise DeliveryFailed(f"delivery {delivery_id}: {error or code}")
    return outcome
