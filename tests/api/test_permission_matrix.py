"""Every endpoint of /api/v1/ × every role, with the status each must get.

The endpoints come from the URL configuration itself: a new route (or a new method on a
route) without an expectation here fails ``test_every_endpoint_has_an_expectation`` and its
own matrix cells. A refused write (any 4xx) must leave the database exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.urls import URLResolver, get_resolver

from api.models import WebhookDelivery, WebhookSubscription
from cases import clock, services
from cases.models import (
    Case,
    CaseEvent,
    Directive,
    Evidence,
    ExtensionRequest,
    Hold,
    Notification,
    ProgressUpdate,
    Rakor,
)
from tests.api.conftest import client_for
from tests.factories import jpeg_bytes, upload, wib

ROLES = ("anonymous", "officer_a", "officer_b", "head_a", "coordinator", "auditor", "partner")
ROLE_USER = {
    "anonymous": None,
    "officer_a": "officer",
    "officer_b": "other_officer",
    "head_a": "head",
    "coordinator": "coordinator",
    "auditor": "auditor",
    "partner": "partner",
}
NOW = wib(2026, 2, 10, 9)
METHODS = ("get", "post", "put", "patch", "delete")


def api_endpoints() -> list[tuple[str, str]]:
    """(route name, HTTP method) for every route under /api/v1/, from the resolver."""
    api = next(
        pattern
        for pattern in get_resolver().url_patterns
        if isinstance(pattern, URLResolver) and str(pattern.pattern) == "api/v1/"
    )
    endpoints = []
    for pattern in api.url_patterns:
        if pattern.name == "api-not-found":  # the JSON 404 for unknown URLs
            continue
        view_class = pattern.callback.cls
        endpoints += [(pattern.name, m.upper()) for m in METHODS if hasattr(view_class, m)]
    return endpoints


# --- who gets what -----------------------------------------------------------------------------


def statuses(anonymous, officer_a, officer_b, head_a, coordinator, auditor, partner):
    return dict(
        zip(
            ROLES,
            (anonymous, officer_a, officer_b, head_a, coordinator, auditor, partner),
            strict=True,
        )
    )


EVERYONE = statuses(200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = statuses(401, 200, 200, 200, 200, 200, 200)
# a case (or its record) of Dinas A
SEES_A = statuses(401, 200, 404, 200, 200, 200, 404)
OFFICER_WORK = statuses(401, 201, 404, 201, 403, 403, 404)
OFFICER_FIRES = statuses(401, 200, 404, 200, 403, 403, 404)
HEAD_FIRES = statuses(401, 403, 404, 200, 200, 403, 404)
COORDINATOR_FIRES = statuses(401, 403, 404, 403, 200, 403, 404)
COORDINATOR_CREATES = statuses(401, 403, 403, 403, 201, 403, 403)
COORDINATOR_EDITS_A = statuses(401, 403, 404, 403, 200, 403, 404)
DRAFT_ONLY_COORDINATOR = statuses(401, 404, 404, 404, 200, 403, 404)
WEBHOOK_READ = statuses(401, 403, 403, 403, 200, 200, 403)
WEBHOOK_WRITE = statuses(401, 403, 403, 403, 200, 403, 403)


@dataclass
class Call:
    url: str
    body: Any = None
    format: str = "json"
    headers: dict[str, str] = field(default_factory=dict)


def case_of_a(world, state):
    return world.case(world.org_a, state=state)


def case_url(world, state, suffix=""):
    return f"/api/v1/cases/{case_of_a(world, state).pk}/{suffix}"


def with_evidence(world):
    case = case_of_a(world, "in_progress")
    evidence = services.case_add_evidence(
        case=case, actor=world.officer, file=upload(jpeg_bytes(), "foto.jpg")
    )
    return f"/api/v1/cases/{case.pk}/evidence/{evidence.pk}/download/"


def pending_hold(world):
    case = case_of_a(world, "in_progress")
    hold = services.case_request_hold(case=case, actor=world.officer, reason="Banjir.")
    return f"/api/v1/cases/{case.pk}/holds/{hold.pk}/decision/"


def pending_extension(world):
    case = case_of_a(world, "in_progress")
    extension = services.case_request_extension(
        case=case, actor=world.officer, reason="Hujan.", proposed_due=date(2026, 3, 2)
    )
    return f"/api/v1/cases/{case.pk}/extensions/{extension.pk}/decision/"


def draft_rakor(world):
    rakor = services.rakor_create(
        actor=world.coordinator,
        series=world.series,
        title="Rakor Februari",
        date=date(2026, 2, 25),
        place="Command Center",
        chair="Sekda",
    )
    return f"/api/v1/rakor/{rakor.pk}/held/"


def rakor_of_a(world, suffix=""):
    case = case_of_a(world, "assigned")
    return f"/api/v1/rakor/{case.directive.rakor_id}/{suffix}"


def directive_of_a(world, suffix=""):
    case = case_of_a(world, "assigned")
    return f"/api/v1/directives/{case.directive_id}/{suffix}"


def notification_of_officer_a(world):
    case = case_of_a(world, "assigned")
    notification = Notification.objects.create(
        recipient=world.officer,
        case=case,
        kind="test",
        key="test-1",
        title="Tugas baru",
        created_at=NOW,
        send_after=NOW,
    )
    return f"/api/v1/notifications/{notification.pk}/read/"


def webhook(world, suffix=""):
    subscription = WebhookSubscription.objects.create(
        name="Command Center", url="http://127.0.0.1:9/hook", secret="s" * 32
    )
    return f"/api/v1/webhooks/{subscription.pk}/{suffix}"


def transition(name, state, body, who):
    return (lambda w: Call(case_url(w, state, f"transitions/{name}/"), body)), who


REASON = {"reason": "Alasan pengujian."}

EXPECTATIONS: dict[tuple[str, str], tuple[Any, dict[str, int]]] = {
    ("api-schema", "GET"): (lambda w: Call("/api/v1/schema/"), EVERYONE),
    ("api-docs", "GET"): (lambda w: Call("/api/v1/docs/"), EVERYONE),
    ("api-token", "POST"): (
        lambda w: Call(
            "/api/v1/auth/token/", {"username": "officer_a", "password": "secret-pass-123"}
        ),
        EVERYONE,
    ),
    ("api-me", "GET"): (lambda w: Call("/api/v1/me/"), SIGNED_IN),
    ("api-organizations", "GET"): (lambda w: Call("/api/v1/organizations/"), SIGNED_IN),
    ("api-organization", "GET"): (
        lambda w: Call(f"/api/v1/organizations/{w.org_b.pk}/"),
        SIGNED_IN,
    ),
    ("api-areas", "GET"): (lambda w: Call("/api/v1/areas/"), SIGNED_IN),
    ("api-area", "GET"): (lambda w: Call(f"/api/v1/areas/{w.kel_area.pk}/"), SIGNED_IN),
    ("api-directive-types", "GET"): (lambda w: Call("/api/v1/directive-types/"), SIGNED_IN),
    ("api-directive-type", "GET"): (
        lambda w: Call(f"/api/v1/directive-types/{w.kind.pk}/"),
        SIGNED_IN,
    ),
    ("api-rakor-list", "GET"): (lambda w: Call("/api/v1/rakor/"), SIGNED_IN),
    ("api-rakor-list", "POST"): (
        lambda w: Call(
            "/api/v1/rakor/",
            {
                "title": "Rakor Maret",
                "date": "2026-03-25",
                "place": "Pendopo",
                "chair": "Wali Kota",
            },
        ),
        COORDINATOR_CREATES,
    ),
    ("api-rakor", "GET"): (lambda w: Call(rakor_of_a(w)), SEES_A),
    ("api-rakor", "PATCH"): (
        lambda w: Call(rakor_of_a(w), {"place": "Ruang Rapat Sekda"}),
        COORDINATOR_EDITS_A,
    ),
    ("api-rakor-held", "POST"): (lambda w: Call(draft_rakor(w)), DRAFT_ONLY_COORDINATOR),
    ("api-rakor-close", "POST"): (lambda w: Call(rakor_of_a(w, "close/")), COORDINATOR_EDITS_A),
    ("api-directives", "GET"): (lambda w: Call("/api/v1/directives/"), SIGNED_IN),
    ("api-directives", "POST"): (
        lambda w: Call(
            "/api/v1/directives/",
            {
                "rakor": w.rakor.pk,
                "title": "Patroli",
                "text": "Tingkatkan patroli malam.",
                "directive_type": w.kind.pk,
            },
        ),
        COORDINATOR_CREATES,
    ),
    ("api-directive", "GET"): (lambda w: Call(directive_of_a(w)), SEES_A),
    ("api-directive", "PATCH"): (
        lambda w: Call(directive_of_a(w), {"speaker_name": "Wali Kota"}),
        COORDINATOR_EDITS_A,
    ),
    ("api-directive-fan-out", "POST"): (
        lambda w: Call(directive_of_a(w, "fan-out/"), {"lead": [w.org_b.pk]}),
        statuses(401, 403, 404, 403, 201, 403, 404),
    ),
    ("api-cases", "GET"): (lambda w: Call("/api/v1/cases/"), SIGNED_IN),
    ("api-case", "GET"): (lambda w: Call(case_url(w, "assigned")), SEES_A),
    ("api-case-transitions", "GET"): (
        lambda w: Call(case_url(w, "assigned", "transitions/")),
        SEES_A,
    ),
    ("api-case-history", "GET"): (lambda w: Call(case_url(w, "in_progress", "history/")), SEES_A),
    ("api-case-progress", "GET"): (
        lambda w: Call(case_url(w, "in_progress", "progress/")),
        SEES_A,
    ),
    ("api-case-progress", "POST"): (
        lambda w: Call(case_url(w, "in_progress", "progress/"), {"percent": 40, "note": "Galian."}),
        OFFICER_WORK,
    ),
    ("api-case-evidence", "GET"): (
        lambda w: Call(case_url(w, "in_progress", "evidence/")),
        SEES_A,
    ),
    ("api-case-evidence", "POST"): (
        lambda w: Call(
            case_url(w, "in_progress", "evidence/"),
            {"file": upload(jpeg_bytes(), "foto.jpg"), "note": "Sesudah."},
            format="multipart",
        ),
        OFFICER_WORK,
    ),
    ("api-case-evidence-download", "GET"): (lambda w: Call(with_evidence(w)), SEES_A),
    ("api-case-holds", "GET"): (lambda w: Call(case_url(w, "in_progress", "holds/")), SEES_A),
    ("api-case-holds", "POST"): (
        lambda w: Call(case_url(w, "in_progress", "holds/"), REASON),
        OFFICER_WORK,
    ),
    ("api-case-hold-decision", "POST"): (
        lambda w: Call(pending_hold(w), {"approve": True}),
        HEAD_FIRES,
    ),
    ("api-case-extensions", "GET"): (
        lambda w: Call(case_url(w, "in_progress", "extensions/")),
        SEES_A,
    ),
    ("api-case-extensions", "POST"): (
        lambda w: Call(
            case_url(w, "in_progress", "extensions/"),
            {"reason": "Hujan.", "proposed_due": "2026-03-02"},
        ),
        OFFICER_WORK,
    ),
    ("api-case-extension-decision", "POST"): (
        lambda w: Call(pending_extension(w), {"approve": True}),
        COORDINATOR_FIRES,
    ),
    ("api-notifications", "GET"): (lambda w: Call("/api/v1/notifications/"), SIGNED_IN),
    ("api-notification-read", "POST"): (
        lambda w: Call(notification_of_officer_a(w)),
        statuses(401, 200, 404, 404, 404, 404, 404),
    ),
    ("api-notifications-read-all", "POST"): (
        lambda w: Call("/api/v1/notifications/read-all/"),
        SIGNED_IN,
    ),
    ("api-summary", "GET"): (lambda w: Call("/api/v1/stats/summary/"), SIGNED_IN),
    ("api-webhooks", "GET"): (lambda w: Call("/api/v1/webhooks/"), WEBHOOK_READ),
    ("api-webhooks", "POST"): (
        lambda w: Call("/api/v1/webhooks/", {"name": "CC", "url": "http://127.0.0.1:9/hook"}),
        statuses(401, 403, 403, 403, 201, 403, 403),
    ),
    ("api-webhook", "GET"): (lambda w: Call(webhook(w)), WEBHOOK_READ),
    ("api-webhook", "PATCH"): (lambda w: Call(webhook(w), {"is_active": False}), WEBHOOK_WRITE),
    ("api-webhook", "DELETE"): (
        lambda w: Call(webhook(w)),
        statuses(401, 403, 403, 403, 204, 403, 403),
    ),
    ("api-webhook-deliveries", "GET"): (lambda w: Call(webhook(w, "deliveries/")), WEBHOOK_READ),
}

TRANSITIONS = {
    "dispatch": ("draft", {}, DRAFT_ONLY_COORDINATOR),
    "accept": ("assigned", {}, OFFICER_FIRES),
    "decline": ("assigned", REASON, OFFICER_FIRES),
    "reassign": ("declined", REASON, COORDINATOR_FIRES),
    "hold": ("in_progress", REASON, HEAD_FIRES),
    "resume": ("on_hold", {}, HEAD_FIRES),
    "report": ("in_progress", {"summary": "Selesai dikerjakan."}, OFFICER_FIRES),
    "verify": ("reported", {}, COORDINATOR_FIRES),
    "verify_ongoing": ("reported", {}, COORDINATOR_FIRES),
    "send_back": ("reported", REASON, COORDINATOR_FIRES),
    "reopen": ("closed", REASON, COORDINATOR_FIRES),
    "cancel": ("in_progress", REASON, COORDINATOR_FIRES),
}
for _name, (_state, _body, _who) in TRANSITIONS.items():
    EXPECTATIONS[(f"api-case-transition-{_name}", "POST")] = (
        lambda w, n=_name, s=_state, b=_body: Call(case_url(w, s, f"transitions/{n}/"), b),
        _who,
    )


def fingerprint() -> dict[str, Any]:
    """Everything a write through the API could change."""
    return {
        "cases": list(
            Case.objects.order_by("pk").values_list(
                "pk", "status", "version", "organization_id", "due_at", "progress"
            )
        ),
        "events": CaseEvent.objects.count(),
        "rakor": list(
            Rakor.objects.order_by("pk").values_list("pk", "status", "title", "place", "chair")
        ),
        "directives": list(
            Directive.objects.order_by("pk").values_list("pk", "title", "text", "speaker_name")
        ),
        "holds": list(Hold.objects.order_by("pk").values_list("pk", "status")),
        "extensions": list(ExtensionRequest.objects.order_by("pk").values_list("pk", "status")),
        "evidence": Evidence.objects.count(),
        "progress": ProgressUpdate.objects.count(),
        "notifications": list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
        "webhooks": list(
            WebhookSubscription.objects.order_by("pk").values_list("pk", "name", "url", "is_active")
        ),
        "deliveries": WebhookDelivery.objects.count(),
    }


ENDPOINTS = api_endpoints()
CELLS = [(name, method, role) for name, method in ENDPOINTS for role in ROLES]


def test_every_endpoint_has_an_expectation():
    assert sorted(ENDPOINTS) == sorted(EXPECTATIONS)


def test_matrix_size():
    # 58 (route, method) pairs × 7 roles
    assert (len(ENDPOINTS), len(ROLES), len(CELLS)) == (58, 7, 406)


@pytest.mark.parametrize(("name", "method", "role"), CELLS, ids=[" ".join(c) for c in CELLS])
def test_permission_matrix(world, name, method, role):
    # given the endpoint's scenario, built by services at a fixed moment
    assert (name, method) in EXPECTATIONS, f"no expectation for {method} {name}"
    build, expected = EXPECTATIONS[(name, method)]
    with clock.frozen(NOW):
        call = build(world)
        user = getattr(world, ROLE_USER[role]) if ROLE_USER[role] else None
        client = client_for(user)
        before = fingerprint()
        # when the role calls it
        response = getattr(client, method.lower())(
            call.url, call.body, format=call.format, **call.headers
        )
    # then it gets exactly the expected status
    assert response.status_code == expected[role], getattr(response, "data", response)
    if response.status_code >= 400:
        # a refusal is problem details and changes nothing
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == response.status_code
        assert fingerprint() == before
