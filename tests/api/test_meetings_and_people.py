"""Rakor and directives (read for those concerned, write for coordinators), tokens, me,
notifications and the dashboard summary."""

from __future__ import annotations

from datetime import date

import pytest

from cases import clock, services
from cases.models import Directive, Notification, Rakor
from tests.api.conftest import client_for
from tests.factories import DirectiveTypeFactory, wib

NOW = wib(2026, 2, 10, 9)


@pytest.fixture
def frozen():
    with clock.frozen(NOW):
        yield


def test_coordinator_records_a_rakor_and_its_directive_then_fans_it_out(world, frozen):
    client = client_for(world.coordinator)
    rakor = client.post(
        "/api/v1/rakor/",
        {
            "title": "Rakor Februari 2026",
            "date": "2026-02-25",
            "place": "Command Center",
            "chair": "Wali Kota",
            "mode": "hybrid",
        },
        format="json",
    ).json()
    held = client.post(f"/api/v1/rakor/{rakor['id']}/held/")
    directive = client.post(
        "/api/v1/directives/",
        {
            "rakor": rakor["id"],
            "title": "Normalisasi saluran",
            "text": "Normalisasi saluran di Wonoasih.",
            "directive_type": world.kind.pk,
            "areas": [world.kec_area.pk],
        },
        format="json",
    )
    fanned = client.post(
        f"/api/v1/directives/{directive.json()['id']}/fan-out/",
        {"lead": [world.org_a.pk], "supporting": [world.kecamatan.pk], "dispatch": True},
        format="json",
    )
    assert (rakor["number"], rakor["status"], held.json()["status"]) == (2, "draft", "held")
    assert directive.status_code == 201 and directive.json()["areas"] == [world.kec_area.pk]
    assert fanned.status_code == 201
    assert [(c["organization"]["code"], c["status"]) for c in fanned.json()] == [
        ("dinas-a", "assigned"),
        ("kec-wonoasih", "assigned"),
    ]


def test_coordinator_edits_a_rakor_and_a_directive_until_closed(world, frozen):
    case = world.case(state="assigned")
    client = client_for(world.coordinator)
    rakor_url = f"/api/v1/rakor/{world.rakor.pk}/"
    directive_url = f"/api/v1/directives/{case.directive_id}/"
    edited = client.patch(rakor_url, {"place": "Pendopo", "minutes": "Notulen."}, format="json")
    retyped = client.patch(
        directive_url, {"directive_type": DirectiveTypeFactory(code="patroli").pk}, format="json"
    )
    renamed = client.patch(directive_url, {"speaker_name": "Sekda"}, format="json")
    client.post(f"/api/v1/rakor/{world.rakor.pk}/close/")
    after_close = client.patch(rakor_url, {"place": "Aula"}, format="json")
    assert edited.status_code == 200 and edited.json()["place"] == "Pendopo"
    # the type carries the evidence contract: not changed once a case is dispatched
    assert retyped.status_code == 400 and list(retyped.json()["errors"]) == ["directive_type"]
    assert renamed.json()["speaker_name"] == "Sekda"
    assert after_close.status_code == 409
    assert Rakor.objects.get(pk=world.rakor.pk).place == "Pendopo"
    assert Directive.objects.get(pk=case.directive_id).speaker_name == "Sekda"
    history = Rakor.history.filter(id=world.rakor.pk).order_by("-history_id").first()
    assert history.history_user_id == world.coordinator.pk


def test_members_see_only_rakor_and_directives_that_concern_them(world, frozen):
    world.case(world.org_a, state="assigned")
    services.rakor_create(
        actor=world.coordinator,
        series=world.series,
        title="Rakor Maret",
        date=date(2026, 3, 25),
        place="x",
        chair="y",
    )
    officer_a = client_for(world.officer)
    partner = client_for(world.partner)
    assert [r["title"] for r in officer_a.get("/api/v1/rakor/").json()["results"]] == [
        "Rakor Januari 2026"
    ]
    assert partner.get("/api/v1/rakor/").json()["results"] == []
    assert partner.get("/api/v1/directives/").json()["results"] == []
    coordinator = client_for(world.coordinator).get("/api/v1/rakor/").json()["results"]
    assert len(coordinator) == 2


def test_token_for_username_and_password(world):
    client = client_for(None)
    good = client.post(
        "/api/v1/auth/token/",
        {"username": "officer_a", "password": "secret-pass-123"},
        format="json",
    )
    bad = client.post(
        "/api/v1/auth/token/", {"username": "officer_a", "password": "salah"}, format="json"
    )
    assert good.status_code == 200
    assert good.json()["token"] == world.officer.auth_token.key
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["non_field_errors"]
    me = client_for(None)
    me.credentials(HTTP_AUTHORIZATION=f"Token {good.json()['token']}")
    assert me.get("/api/v1/me/").json()["memberships"] == [
        {
            "organization": {
                "id": world.org_a.pk,
                "code": "dinas-a",
                "short_name": "Dinas A",
                "kind": "dinas",
            },
            "role": "officer",
        }
    ]


def test_token_endpoint_is_throttled(world):
    client = client_for(None)
    statuses = [
        client.post(
            "/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json"
        ).status_code
        for _ in range(21)
    ]
    assert statuses == [400] * 20 + [429]


def test_session_authentication_works_for_the_browser(world, client):
    client.force_login(world.officer)
    assert client.get("/api/v1/me/").json()["username"] == "officer_a"


def test_notifications_mark_read(world, frozen):
    case = world.case(state="assigned")
    mine = [
        Notification.objects.create(
            recipient=world.officer,
            case=case,
            kind="x",
            key=f"n{n}",
            title=f"N{n}",
            created_at=NOW,
            send_after=NOW,
        )
        for n in range(3)
    ]
    client = client_for(world.officer)
    one = client.post(f"/api/v1/notifications/{mine[0].pk}/read/")
    unread = client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]
    rest = client.post("/api/v1/notifications/read-all/")
    assert one.json()["read_at"] == NOW.isoformat()
    assert [n["id"] for n in unread] == [mine[2].pk, mine[1].pk]
    assert rest.json() == {"marked": 2}
    assert client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"] == []


def test_summary_counts_open_and_overdue_by_organization_and_kecamatan(world, frozen):
    # given: A has one overdue and one on hold; B one overdue; the kelurahan one fresh case
    world.case(world.org_a, state="in_progress")
    world.case(world.org_a, state="on_hold")
    world.case(world.org_b, state="assigned")
    world.case(world.org_b, state="cancelled")
    directive = world.directive()
    services.directive_fan_out(
        directive=directive,
        actor=world.coordinator,
        lead=[world.kelurahan],
        area=world.kel_area,
        dispatch=True,
    )
    # when the coordinator and the officer of A ask for the summary
    everything = client_for(world.coordinator).get("/api/v1/stats/summary/").json()
    mine = client_for(world.officer).get("/api/v1/stats/summary/").json()
    # then
    assert everything["totals"] == {"open": 4, "overdue": 2}
    assert [
        (row["organization"]["code"], row["open"], row["overdue"])
        for row in everything["by_organization"]
    ] == [("dinas-a", 2, 1), ("dinas-b", 1, 1), ("kel-sumber-taman", 1, 0)]
    assert [
        ((row["kecamatan"] or {}).get("name"), row["open"], row["overdue"])
        for row in everything["by_kecamatan"]
    ] == [(None, 3, 2), ("Wonoasih", 1, 0)]
    assert mine["totals"] == {"open": 2, "overdue": 1}
    assert [row["organization"]["code"] for row in mine["by_organization"]] == ["dinas-a"]


def test_summary_is_three_queries_whatever_the_number_of_cases(
    world, frozen, django_assert_num_queries
):
    for _ in range(5):
        world.case(world.org_a, state="in_progress")
    client = client_for(world.coordinator)
    with django_assert_num_queries(4):  # token + totals + by organization + by kecamatan
        client.get("/api/v1/stats/summary/")
