"""Outgoing webhooks against a real HTTP receiver on 127.0.0.1: signed payloads, the
delivery log, retries with backoff through huey, idempotent re-runs."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from huey.contrib.djhuey import HUEY

from api import webhooks
from api.models import WebhookDelivery, WebhookSubscription
from api.tasks import deliver_webhook
from cases import clock, services
from cases.errors import TransitionNotAllowed
from tests.api.conftest import client_for
from tests.factories import wib

SECRET = "rahasia-yang-cukup-panjang-123"


class Receiver:
    """An HTTP server on 127.0.0.1 that records requests and answers scripted statuses."""

    def __init__(self, statuses=None):
        self.requests: list[dict] = []
        self.statuses = list(statuses or [])
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": self.headers, "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 204
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


def subscribe(world, url, **kwargs):
    return webhooks.subscription_create(
        actor=world.coordinator, name="Command Center", url=url, secret=SECRET, **kwargs
    )


def verify(request) -> dict:
    """What a receiver does: recompute the signature over timestamp and raw body."""
    headers, body = request["headers"], request["body"]
    message = f"{headers['X-TLR-Timestamp']}.".encode() + body
    expected = "sha256=" + hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-TLR-Signature"], expected)
    return json.loads(body)


def test_a_transition_is_delivered_signed_after_commit(
    world, receiver, django_capture_on_commit_callbacks
):
    # given a subscription for transitions of Dinas A, and a case of A
    case = world.case(state="assigned")
    subscribe(world, receiver.url, event_kinds=["transition"], organizations=[world.org_a])
    # when the officer accepts the case (the delivery is sent after commit)
    with clock.frozen(wib(2026, 1, 30, 9)), django_capture_on_commit_callbacks(execute=True):
        services.case_accept(case=case, actor=world.officer)
    # then exactly one signed request arrived, and the log says delivered
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    payload = verify(request)
    delivery = WebhookDelivery.objects.get()
    assert request["headers"]["X-TLR-Delivery"] == str(delivery.key) == payload["id"]
    assert request["headers"]["X-TLR-Event"] == "transition"
    assert payload["type"] == "case.transition"
    assert (payload["event"]["transition"], payload["event"]["to_status"]) == (
        "accept",
        "in_progress",
    )
    assert (payload["case"]["id"], payload["case"]["version"]) == (case.pk, case.version + 1)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 204)


def test_subscriptions_filter_by_kind_and_organization(
    world, receiver, django_capture_on_commit_callbacks
):
    case = world.case(state="in_progress")
    subscribe(world, receiver.url, event_kinds=["progress"])
    subscribe(world, receiver.url, organizations=[world.org_b])
    with django_capture_on_commit_callbacks(execute=True):
        services.case_add_progress(case=case, actor=world.officer, percent=10, note="x")
        services.case_hold(case=case, actor=world.head, reason="y")
    kinds = [verify(r)["event"]["kind"] for r in receiver.requests]
    assert kinds == ["progress"]


def test_a_rolled_back_change_sends_nothing(world, receiver, django_capture_on_commit_callbacks):
    case = world.case(state="assigned")
    subscribe(world, receiver.url)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionNotAllowed):
        services.case_report(case=case, actor=world.officer, summary="x")  # wrong state
    assert (receiver.requests, WebhookDelivery.objects.count()) == ([], 0)


def test_failures_are_retried_with_backoff_then_succeed_once(world):
    # given a receiver that fails twice, then accepts
    with Receiver(statuses=[500, 503]) as flaky:
        case = world.case(state="assigned")
        subscription = subscribe(world, flaky.url)
        services.case_accept(case=case, actor=world.officer)  # delivery written, not sent
        delivery = WebhookDelivery.objects.get(subscription=subscription)
        # when huey runs the task (immediate mode: a failed run is scheduled for retry)
        with clock.frozen(wib(2026, 2, 2, 9)):
            deliver_webhook(delivery.pk)
        after_first = WebhookDelivery.objects.get(pk=delivery.pk)
        [retry] = HUEY.scheduled()
        with clock.frozen(wib(2026, 2, 2, 9, 1)), pytest.raises(webhooks.DeliveryFailed):
            deliver_webhook.call_local(delivery.pk)
        after_second = WebhookDelivery.objects.get(pk=delivery.pk)
        third = deliver_webhook.call_local(delivery.pk)
        fourth = deliver_webhook.call_local(delivery.pk)
    HUEY.flush()
    # then each attempt is logged, the waits grow, and a delivered one is not sent again
    assert (after_first.status, after_first.attempts, after_first.last_status_code) == (
        "retrying",
        1,
        500,
    )
    assert after_first.next_attempt_at == wib(2026, 2, 2, 9) + timedelta(seconds=30)
    assert (retry.retries, retry.retry_delay) == (webhooks.RETRIES - 1, 60)
    assert (after_second.attempts, after_second.next_attempt_at) == (2, wib(2026, 2, 2, 9, 2))
    assert (third, fourth) == ("delivered", "skipped")
    assert len(flaky.requests) == 3
    assert len({r["headers"]["X-TLR-Delivery"] for r in flaky.requests}) == 1


def test_gives_up_after_the_last_attempt(world):
    case = world.case(state="assigned")
    subscription = subscribe(world, "http://127.0.0.1:9/closed-port")
    services.case_accept(case=case, actor=world.officer)
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    outcomes = []
    for _ in range(webhooks.MAX_ATTEMPTS + 1):
        try:
            outcomes.append(deliver_webhook.call_local(delivery.pk))
        except webhooks.DeliveryFailed:
            outcomes.append("retrying")
    delivery.refresh_from_db()
    assert outcomes == ["retrying"] * 5 + ["failed", "skipped"]
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 6, None)
    assert delivery.last_error


def test_subscription_api_validates_urls_and_shows_the_secret_once(world):
    client = client_for(world.coordinator)
    bad = client.post("/api/v1/webhooks/", {"name": "x", "url": "ftp://127.0.0.1/x"}, format="json")
    created = client.post(
        "/api/v1/webhooks/",
        {"name": "WA gateway", "url": "http://127.0.0.1:9/wa", "event_kinds": ["escalated"]},
        format="json",
    )
    shown = client.get(f"/api/v1/webhooks/{created.json()['id']}/")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["url"]
    assert created.status_code == 201 and len(created.json()["secret"]) >= 32
    assert "secret" not in shown.json()
    assert WebhookSubscription.objects.get().secret == created.json()["secret"]


def test_delivery_log_is_listed(world, receiver, django_capture_on_commit_callbacks):
    case = world.case(state="assigned")
    subscription = subscribe(world, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_accept(case=case, actor=world.officer)
    response = client_for(world.auditor).get(f"/api/v1/webhooks/{subscription.pk}/deliveries/")
    [entry] = response.json()["results"]
    assert (entry["status"], entry["attempts"], entry["event_kind"]) == (
        "succeeded",
        1,
        "transition",
    )


def test_the_sweeps_escalations_and_new_cases_are_delivered(
    world, receiver, django_capture_on_commit_callbacks
):
    # given a subscription for escalations and new cases of Dinas A, and a two-rung ladder
    from cases.models import EscalationRule
    from cases.sweep import run_sweep

    EscalationRule.objects.create(level=1, name="Kepala OPD", working_days_after_deadline=0)
    EscalationRule.objects.create(level=2, name="Bakesbangpol", working_days_after_deadline=3)
    subscribe(world, receiver.url, event_kinds=["escalated", "created"],
              organizations=[world.org_a])  # fmt: skip
    # when a case of A is created, dispatched, left overdue and swept
    with django_capture_on_commit_callbacks(execute=True):
        case = world.case(state="in_progress")  # due 5 Feb 16:00
    with django_capture_on_commit_callbacks(execute=True):
        run_sweep(now=wib(2026, 2, 10, 16, 30))
    # then the creation and both escalations arrived, signed, in order
    payloads = [verify(r) for r in receiver.requests]
    assert [(p["event"]["kind"], p["event"]["data"].get("level")) for p in payloads] == [
        ("created", None),
        ("escalated", 1),
        ("escalated", 2),
    ]
    assert {p["case"]["id"] for p in payloads} == {case.pk}
    assert payloads[-1]["event"]["actor"] == "Aturan eskalasi L2: Bakesbangpol"
