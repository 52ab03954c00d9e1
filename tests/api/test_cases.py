"""Cases over the API: list filters, ordering, cursor pagination, detail with ETag,
transitions with their own input, and optimistic concurrency with If-Match."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q

from api.filters import TEXT_DIRECTIVES
from cases import clock, services
from cases.models import Case, Directive
from tests.api.conftest import case_state, client_for
from tests.factories import wib

NOW = wib(2026, 2, 10, 9)


@pytest.fixture
def frozen():
    with clock.frozen(NOW):
        yield NOW


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_list_shows_only_visible_cases(world, frozen):
    # given a case of Dinas A and one of Dinas B
    mine = world.case(world.org_a, state="assigned")
    world.case(world.org_b, state="assigned")
    # when the officer of A lists cases
    response = client_for(world.officer).get("/api/v1/cases/")
    # then only A's case is there
    assert response.status_code == 200
    assert ids(response) == [mine.pk]


def test_overdue_filter_uses_clock_states_and_deadline(world, frozen):
    # given cases due 5 Feb (overdue on 10 Feb) in several states, and one due later
    late = world.case(state="in_progress")
    world.case(state="reported")  # clock stopped
    world.case(state="on_hold")  # clock paused
    fresh = world.case(state="assigned", at=wib(2026, 2, 9, 10))  # due 16 Feb
    client = client_for(world.coordinator)
    # when filtering overdue / not overdue
    overdue = client.get("/api/v1/cases/", {"overdue": "true"})
    not_overdue = client.get("/api/v1/cases/", {"overdue": "false"})
    # then
    assert ids(overdue) == [late.pk]
    assert late.pk not in ids(not_overdue) and fresh.pk in ids(not_overdue)
    assert overdue.json()["results"][0]["overdue"] is True


def test_filters_by_status_organization_type_rakor_area_and_text(world, frozen):
    a1 = world.case(world.org_a, state="assigned")
    a2 = world.case(world.org_a, state="in_progress")
    b1 = world.case(world.org_b, state="assigned")
    client = client_for(world.coordinator)

    def get(**params):
        return ids(client.get("/api/v1/cases/", params))

    assert get(status=["assigned"]) == [a1.pk, b1.pk]
    assert get(status=["assigned", "in_progress"]) == [a1.pk, a2.pk, b1.pk]
    assert get(organization=world.org_b.pk) == [b1.pk]
    assert get(type=world.kind.pk) == [a1.pk, a2.pk, b1.pk]
    assert get(rakor=world.rakor.pk, organization=world.org_a.pk) == [a1.pk, a2.pk]
    assert get(q=a2.title) == [a2.pk]
    assert get(area=world.kec_area.pk) == []
    assert get(escalation_level=0, organization=world.org_a.pk) == [a1.pk, a2.pk]
    assert get(due_before="2026-02-05T16:00:01+07:00", organization=world.org_b.pk) == [b1.pk]
    assert get(due_after="2026-02-05T16:00:01+07:00") == []


def test_area_filter_includes_the_kelurahan_of_a_kecamatan(world, frozen):
    # given a directive fanned out with the kelurahan as the case area
    directive = world.directive()
    with clock.frozen(wib(2026, 1, 29, 10)):
        [case] = services.directive_fan_out(
            directive=directive,
            actor=world.coordinator,
            lead=[world.org_a],
            area=world.kel_area,
            dispatch=True,
        )
    client = client_for(world.coordinator)
    # when filtering by the kecamatan, the kelurahan, the city
    by_kecamatan = client.get("/api/v1/cases/", {"area": world.kec_area.pk})
    by_kelurahan = client.get("/api/v1/cases/", {"area": world.kel_area.pk})
    # then the case is found under its kelurahan and its kecamatan
    assert ids(by_kecamatan) == ids(by_kelurahan) == [case.pk]


def test_ordering_and_cursor_pagination_walk_every_case_once(world, frozen):
    # given seven cases with different deadlines
    cases = [world.case(state="assigned", at=wib(2026, 1, 26 + day % 3, 10)) for day in range(7)]
    client = client_for(world.coordinator)
    # when walking the list two at a time, newest deadline first
    seen, url, params = [], "/api/v1/cases/", {"page_size": 2, "ordering": "-due_at"}
    while url:
        page = client.get(url, params).json()
        seen += [(item["due_at"], item["id"]) for item in page["results"]]
        url, params = page["next"], None
    # then every case comes exactly once, in order of deadline then id (both descending)
    assert len(seen) == 7
    assert sorted(seen, reverse=True) == seen
    assert {pk for _due, pk in seen} == {case.pk for case in cases}


def test_drafts_without_deadline_sort_after_dated_cases(world, frozen):
    dated = world.case(state="assigned")
    draft = world.case(state="draft")
    response = client_for(world.coordinator).get("/api/v1/cases/", {"ordering": "due_at"})
    assert ids(response) == [dated.pk, draft.pk]


def test_detail_carries_version_etag_and_my_transitions(world, frozen):
    case = world.case(state="assigned")
    response = client_for(world.officer).get(f"/api/v1/cases/{case.pk}/")
    body = response.json()
    assert response["ETag"] == f'"v{case.version}"' == body["etag"]
    assert body["version"] == case.version
    assert body["available_transitions"] == ["accept", "decline"]


def test_transitions_list_names_what_i_may_fire(world, frozen):
    case = world.case(state="reported")
    officer = client_for(world.officer).get(f"/api/v1/cases/{case.pk}/transitions/").json()
    coordinator = client_for(world.coordinator).get(f"/api/v1/cases/{case.pk}/transitions/")
    assert officer == []
    assert [t["name"] for t in coordinator.json()] == [
        "verify",
        "verify_ongoing",
        "send_back",
        "cancel",
    ]
    assert coordinator.json()[2] == {
        "name": "send_back",
        "label": "Kembalikan untuk diperbaiki",
        "reason_required": True,
        "url": f"/api/v1/cases/{case.pk}/transitions/send_back/",
    }


def test_firing_a_transition_returns_the_new_case_and_etag(world, frozen):
    case = world.case(state="assigned")
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/decline/",
        {"reason": "Bukan kewenangan kami."},
        format="json",
        HTTP_IF_MATCH=f'"v{case.version}"',
    )
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert response["ETag"] == f'"v{case.version + 1}"'
    event = Case.objects.get(pk=case.pk).events.order_by("-sequence").first()
    assert (event.transition, event.reason, event.actor_id) == (
        "decline",
        "Bukan kewenangan kami.",
        world.officer.pk,
    )


def test_stale_if_match_is_412_and_changes_nothing(world, frozen):
    # given a case the client saw at version v, changed since by someone else
    case = world.case(state="in_progress")
    seen = case.version
    services.case_add_progress(case=case, actor=world.head, percent=10, note="Mulai.")
    before = case_state(case.pk)
    # when the client reports done with its old ETag
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/report/",
        {"summary": "Selesai."},
        format="json",
        HTTP_IF_MATCH=f'"v{seen}"',
    )
    # then 412, and the case is as it was
    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "precondition_failed"
    assert case_state(case.pk) == before


@pytest.mark.parametrize("header", ['W/"v3"', "v3", '"abc"', '"v3", garbage', '""'])
def test_unusable_if_match_is_412(world, frozen, header):
    case = world.case(state="in_progress")
    before = case_state(case.pk)
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/report/",
        {"summary": "Selesai."},
        format="json",
        HTTP_IF_MATCH=header,
    )
    assert response.status_code == 412
    assert case_state(case.pk) == before


def test_if_match_star_and_lists_containing_the_current_tag_pass(world, frozen):
    case = world.case(state="assigned")
    client = client_for(world.officer)
    response = client.post(
        f"/api/v1/cases/{case.pk}/transitions/accept/",
        {},
        format="json",
        HTTP_IF_MATCH=f'"v1", "v{case.version}"',
    )
    assert response.status_code == 200
    response = client.post(
        f"/api/v1/cases/{case.pk}/progress/",
        {"percent": 20, "note": "x"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 201


def test_wrong_state_is_409_and_forbidden_actor_is_403(world, frozen):
    case = world.case(state="assigned")
    before = case_state(case.pk)
    wrong_state = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/report/", {"summary": "x"}, format="json"
    )
    forbidden = client_for(world.auditor).post(
        f"/api/v1/cases/{case.pk}/transitions/accept/", {}, format="json"
    )
    assert (wrong_state.status_code, wrong_state.json()["code"]) == (
        409,
        "transition_not_allowed",
    )
    assert (forbidden.status_code, forbidden.json()["code"]) == (403, "permission_denied")
    assert case_state(case.pk) == before


def test_missing_reason_is_400_with_field_errors(world, frozen):
    case = world.case(state="assigned")
    before = case_state(case.pk)
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/decline/", {"reason": "  "}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"reason": ["Bidang ini tidak boleh kosong."]}
    assert case_state(case.pk) == before


def test_dispatch_with_an_explicit_date_and_reassign_to_another_organization(world, frozen):
    draft = world.case(state="draft")
    client = client_for(world.coordinator)
    response = client.post(
        f"/api/v1/cases/{draft.pk}/transitions/dispatch/", {"due_at": "2026-02-20"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["due_at"] == "2026-02-20T16:00:00+07:00"
    declined = world.case(state="declined")
    response = client.post(
        f"/api/v1/cases/{declined.pk}/transitions/reassign/",
        {"reason": "Ke Dinas B.", "organization": world.org_b.pk},
        format="json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["organization"]["id"]) == (
        "assigned",
        world.org_b.pk,
    )


def test_history_lists_events_with_field_diffs_actor_and_reason(world, frozen):
    case = world.case(state="in_progress")
    services.case_hold(case=case, actor=world.head, reason="Menunggu anggaran.")
    response = client_for(world.auditor).get(f"/api/v1/cases/{case.pk}/history/")
    events = response.json()["results"]
    assert [e["sequence"] for e in events] == [1, 2, 3, 4]
    hold = events[-1]
    assert (hold["kind"], hold["transition"], hold["from_status"], hold["to_status"]) == (
        "transition",
        "hold",
        "in_progress",
        "on_hold",
    )
    assert hold["reason"] == "Menunggu anggaran."
    assert hold["actor"]["username"] == "head_a"
    # the sweep's schedule (next_escalation_at) is bookkeeping, not part of the record
    assert hold["changes"] == [{"field": "status", "old": "in_progress", "new": "on_hold"}]
    assert set(hold["data"]) == {"hold_id", "until"}


# --- text search (q) ---------------------------------------------------------------------------


@pytest.fixture
def texts(world, frozen):
    """Four cases, each with one word in one of the four searched places; one of them
    carries its word in lower case, the search in upper."""
    cases = {where: world.case(world.org_a, state="assigned") for where in
             ("title", "instructions", "directive_title", "directive_text")}  # fmt: skip
    Case.objects.filter(pk=cases["title"].pk).update(title="Normalisasi saluran Kedopok")
    Case.objects.filter(pk=cases["instructions"].pk).update(
        instructions="Periksa PJU Jalan Mastrip"
    )
    Directive.objects.filter(pk=cases["directive_title"].directive_id).update(
        title="Pos kamling Wonoasih diaktifkan"
    )
    Directive.objects.filter(pk=cases["directive_text"].directive_id).update(
        text="Pemasangan cctv di perbatasan kota"
    )
    return cases


@pytest.mark.parametrize("common_above", [TEXT_DIRECTIVES, 0])
def test_text_search_finds_each_place_and_nothing_else(texts, world, monkeypatch, common_above):
    # given: on PostgreSQL, 0 makes every word 'common' (the single joined query); the
    # default looks the directives up first. SQLite always takes the joined query.
    monkeypatch.setattr("api.filters.TEXT_DIRECTIVES", common_above)
    client = client_for(world.coordinator)

    def get(q):
        response = client.get("/api/v1/cases/", {"q": q})
        assert response.status_code == 200
        return ids(response)

    # then: each word finds its own case, in either case of letters; a missing word nothing
    assert get("kedopok") == [texts["title"].pk]
    assert get("jalan MASTRIP") == [texts["instructions"].pk]
    assert get("Wonoasih") == [texts["directive_title"].pk]
    assert get("CCTV") == [texts["directive_text"].pk]
    assert get("tidak-ada-di-mana-pun") == []
    assert get("%") == [] and get("_") == []  # LIKE's wildcards are plain characters
    # and a word of every directive finds every case, in list order
    assert sorted(get("arahan")) == sorted(case.pk for case in texts.values())


def test_text_search_of_an_officer_stays_within_the_organization(texts, world):
    # given: a case of Dinas B whose directive says what A's case says
    other = world.case(world.org_b, state="assigned")
    Directive.objects.filter(pk=other.directive_id).update(text="Pemasangan cctv di perbatasan")
    # when the officer of A searches it
    found = ids(client_for(world.officer).get("/api/v1/cases/", {"q": "cctv"}))
    # then only A's case
    assert found == [texts["directive_text"].pk]


@pytest.mark.postgres
@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="trigram indexes exist on PostgreSQL only; run with DATABASE_URL set",
)
def test_text_search_can_use_the_trigram_indexes(db):
    # given: the query the search makes for a word, and a planner that avoids plain scans
    word = "Mastrip"
    cases = Case.objects.filter(Q(title__icontains=word) | Q(instructions__icontains=word))
    directives = (
        Directive.objects.filter(Q(title__icontains=word) | Q(text__icontains=word))
        .order_by()
        .values_list("pk", flat=True)[: TEXT_DIRECTIVES + 1]
    )  # as api.filters.CaseFilter.filter_text asks
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plans = [query.explain() for query in (cases, directives)]
    # then: Django's UPPER(col::text) LIKE matches the indexes' expression
    assert "cases_case_title_trgm" in plans[0] and "cases_case_instructions_trgm" in plans[0]
    assert "cases_directive_title_trgm" in plans[1] and "cases_directive_text_trgm" in plans[1]
