"""Every list endpoint runs the same number of SQL queries for a page of 10 and of 100."""

from __future__ import annotations

from datetime import date

import pytest

from api.models import WebhookDelivery, WebhookSubscription
from cases import clock, services
from cases.models import CaseEvent, Notification
from tests.api.conftest import client_for
from tests.factories import (
    AreaFactory,
    DirectiveTypeFactory,
    OrganizationFactory,
    png_bytes,
    upload,
    wib,
)

ROWS = 101
NOW = wib(2026, 2, 10, 9)


def many_cases(world):
    for _ in range(ROWS):
        world.case(world.org_a, state="in_progress")
    return "/api/v1/cases/"


def busy_case(world):
    return world.case(world.org_a, state="in_progress")


def with_progress(world):
    case = busy_case(world)
    for n in range(ROWS):
        services.case_add_progress(case=case, actor=world.officer, percent=n % 100, note="x")
    return case


def history(world):
    return f"/api/v1/cases/{with_progress(world).pk}/history/"


def progress(world):
    return f"/api/v1/cases/{with_progress(world).pk}/progress/"


def evidence(world):
    case = busy_case(world)
    for n in range(ROWS):
        photo = png_bytes(color=(n, 0, 0), size=(8, 8))  # lossless: every file differs
        services.case_add_evidence(case=case, actor=world.officer, file=upload(photo, "f.png"))
    return f"/api/v1/cases/{case.pk}/evidence/"


def holds(world):
    case = busy_case(world)
    for _ in range(ROWS):
        hold = services.case_request_hold(case=case, actor=world.officer, reason="x")
        services.hold_decide(hold=hold, actor=world.head, approve=False, note="Tidak.")
    return f"/api/v1/cases/{case.pk}/holds/"


def extensions(world):
    case = busy_case(world)
    for _ in range(ROWS):
        extension = services.case_request_extension(
            case=case, actor=world.officer, reason="x", proposed_due=date(2026, 3, 2)
        )
        services.extension_decide(
            extension=extension, actor=world.coordinator, approve=False, note="Tidak."
        )
    return f"/api/v1/cases/{case.pk}/extensions/"


def organizations(world):
    OrganizationFactory.create_batch(ROWS)
    return "/api/v1/organizations/"


def areas(world):
    AreaFactory.create_batch(ROWS)
    return "/api/v1/areas/"


def directive_types(world):
    DirectiveTypeFactory.create_batch(ROWS)
    return "/api/v1/directive-types/"


def rakor(world):
    for n in range(ROWS):
        services.rakor_create(
            actor=world.coordinator,
            series=world.series,
            title=f"Rakor {n}",
            date=date(2026, 3, 1),
            place="x",
            chair="y",
        )
    return "/api/v1/rakor/"


def directives(world):
    for _ in range(ROWS):
        world.directive(areas=[world.kota])
    return "/api/v1/directives/"


def notifications(world):
    case = busy_case(world)
    Notification.objects.bulk_create(
        Notification(
            recipient=world.coordinator,
            case=case,
            kind="x",
            key=f"k{n}",
            title="t",
            created_at=NOW,
            send_after=NOW,
        )
        for n in range(ROWS)
    )
    return "/api/v1/notifications/"


def webhooks(world):
    for _ in range(ROWS):
        subscription = WebhookSubscription.objects.create(name="x", url="http://127.0.0.1:9/")
        subscription.organizations.set([world.org_a, world.org_b])
    return "/api/v1/webhooks/"


def deliveries(world):
    case = busy_case(world)
    for n in range(ROWS):
        services.case_add_progress(case=case, actor=world.officer, percent=n % 100, note="x")
    subscription = WebhookSubscription.objects.create(name="x", url="http://127.0.0.1:9/")
    events = CaseEvent.objects.filter(case=case)
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription,
            event=event,
            event_kind=event.kind,
            payload={},
            created_at=NOW,
        )
        for event in events
    )
    return f"/api/v1/webhooks/{subscription.pk}/deliveries/"


# (endpoint, who, builder, queries per page). Token lookup is 1 query; an OPD member's
# memberships are 1 more. Cases: the page on the case table, then its rows by id.
LISTS = [
    ("cases", "coordinator", many_cases, 3),
    ("cases", "officer", many_cases, 4),
    ("history", "officer", history, 4),
    ("progress", "officer", progress, 4),
    ("evidence", "officer", evidence, 4),
    ("holds", "officer", holds, 4),
    ("extensions", "officer", extensions, 4),
    ("organizations", "officer", organizations, 2),
    ("areas", "officer", areas, 3),
    ("directive-types", "officer", directive_types, 3),
    ("rakor", "coordinator", rakor, 2),
    ("directives", "coordinator", directives, 3),
    ("notifications", "coordinator", notifications, 2),
    ("webhooks", "coordinator", webhooks, 3),
    ("webhook-deliveries", "coordinator", deliveries, 4),
]


@pytest.mark.parametrize(
    ("name", "who", "build", "queries"), LISTS, ids=[f"{n}-{w}" for n, w, *_ in LISTS]
)
def test_list_queries_do_not_grow_with_page_size(
    world, django_assert_num_queries, name, who, build, queries
):
    # given more than 100 rows behind the list
    with clock.frozen(NOW):
        url = build(world)
    client = client_for(getattr(world, who))
    for size in (10, 100):
        # when a page of 10, then of 100, is fetched
        with clock.frozen(NOW), django_assert_num_queries(queries):
            response = client.get(url, {"page_size": size})
        # then the page is full and the query count is the same
        assert response.status_code == 200
        assert len(response.json()["results"]) == size
