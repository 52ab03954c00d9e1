"""Bad input never produces a 500: garbage ids, garbage JSON, wrong content types, huge
payloads, forged cursors. Every refusal is a problem+json with the right status."""

from __future__ import annotations

import base64
import json

import pytest

from cases import clock
from tests.api.conftest import case_state, client_for
from tests.factories import wib


@pytest.fixture
def officer(world):
    return client_for(world.officer)


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:tindak-lanjut-rakor:problem:")
    assert set(body) >= {"type", "title", "status", "detail", "code"}
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/abc/",
        "/api/v1/cases/0/",
        "/api/v1/cases/-1/",
        "/api/v1/cases/1e3/",
        "/api/v1/cases/99999999999999999999999999/",
        "/api/v1/cases/%00/",
        "/api/v1/cases/1/transitions/explode/",
        "/api/v1/nothing-here/",
    ],
)
def test_garbage_and_unknown_urls_are_404_problems(officer, path):
    problem(officer.get(path), 404)
    problem(officer.post(path, {}, format="json"), 404)


def test_a_case_that_does_not_exist_is_404_everywhere(officer):
    for suffix in ["", "history/", "transitions/", "evidence/", "holds/", "extensions/"]:
        problem(officer.get(f"/api/v1/cases/999999999999999999/{suffix}"), 404)


def test_no_credentials_is_401_with_challenge(db):
    response = client_for(None).get("/api/v1/cases/")
    problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"


def test_wrong_token_is_401(db):
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    problem(client.get("/api/v1/cases/"), 401)


def test_garbage_json_is_400_and_changes_nothing(world, officer):
    case = world.case(state="assigned")
    before = case_state(case.pk)
    url = f"/api/v1/cases/{case.pk}/transitions/decline/"
    for body in [b"{not json", b"[1, 2]", b"null", b'"text"', b'{"reason": ["a"]}', b"\xff\xfe"]:
        response = officer.generic("POST", url, body, content_type="application/json")
        problem(response, 400)
    lone_surrogate = b'{"reason": "\\ud800"}'
    problem(officer.generic("POST", url, lone_surrogate, content_type="application/json"), 400)
    assert case_state(case.pk) == before


def test_field_errors_name_each_field(world):
    body = problem(
        client_for(world.coordinator).post(
            "/api/v1/rakor/", {"title": "", "date": "31-02-2026", "mode": "x"}, format="json"
        ),
        400,
    )
    assert set(body["errors"]) == {"title", "date", "place", "chair", "mode"}


def test_wrong_content_type_is_415(world, officer):
    case = world.case(state="assigned")
    url = f"/api/v1/cases/{case.pk}/transitions/decline/"
    problem(officer.post(url, {"reason": "x"}, format="multipart"), 415)
    problem(officer.generic("POST", url, "reason=x", content_type="text/plain"), 415)
    evidence = f"/api/v1/cases/{case.pk}/evidence/"
    problem(officer.post(evidence, {"note": "x"}, format="json"), 415)


def test_huge_json_is_413(world, officer, settings):
    case = world.case(state="assigned")
    before = case_state(case.pk)
    body = json.dumps({"reason": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = officer.generic(
        "POST",
        f"/api/v1/cases/{case.pk}/transitions/decline/",
        body,
        content_type="application/json",
    )
    problem(response, 413)
    assert case_state(case.pk) == before


def test_reason_longer_than_allowed_is_400(world, officer):
    case = world.case(state="assigned")
    response = officer.post(
        f"/api/v1/cases/{case.pk}/transitions/decline/", {"reason": "x" * 4001}, format="json"
    )
    assert list(problem(response, 400)["errors"]) == ["reason"]


@pytest.mark.parametrize(
    "params",
    [
        {"organization": "abc"},
        {"organization": "99999999999999999999999"},
        {"organization": "-1"},
        {"area": "1.5"},
        {"status": "flying"},
        {"overdue": "perhaps"},
        {"due_before": "yesterday"},
        {"due_before": "0001-01-01T00:00:00+14:00"},
        {"escalation_level": "10"},
        {"q": "x" * 201},
        {"q": "a\x00b"},
        {"ordering": "password"},
        {"page_size": "many"},
        {"page_size": "-5"},
        {"cursor": "YQ"},
        {"cursor": base64.b64encode(b"p=not-a-date").decode()},
        {"cursor": base64.b64encode(b"o=-3").decode()},
    ],
)
def test_bad_query_parameters_are_400(world, params):
    with clock.frozen(wib(2026, 2, 10, 9)):
        world.case(state="assigned")
        response = client_for(world.coordinator).get("/api/v1/cases/", params)
    body = problem(response, 400)
    assert set(body["errors"]) == {next(iter(params))}


@pytest.mark.parametrize(
    "body",
    [
        {"due_at": "tomorrow"},
        {"due_at": "0001-01-01T00:00:00+14:00"},
        {"due_at": "2026-02-30"},
        {"due_at": 20260220},
        {"due_at": "2026-01-01"},  # before now: the service refuses
    ],
)
def test_bad_deadlines_are_400(world, body):
    with clock.frozen(wib(2026, 2, 10, 9)):
        case = world.case(state="draft")
        before = case_state(case.pk)
        response = client_for(world.coordinator).post(
            f"/api/v1/cases/{case.pk}/transitions/dispatch/", body, format="json"
        )
    assert problem(response, 400)["errors"] == {"due_at": response.json()["errors"]["due_at"]}
    assert case_state(case.pk) == before


@pytest.mark.parametrize("organization", [True, "x", 10**30, -1, [1], {"id": 1}, 99999])
def test_bad_ids_in_bodies_are_400(world, organization):
    case = world.case(state="declined")
    before = case_state(case.pk)
    response = client_for(world.coordinator).post(
        f"/api/v1/cases/{case.pk}/transitions/reassign/",
        {"reason": "x", "organization": organization},
        format="json",
    )
    assert list(problem(response, 400)["errors"]) == ["organization"]
    assert case_state(case.pk) == before


def test_method_not_allowed_is_405_problem(world, officer):
    response = officer.delete("/api/v1/cases/")
    problem(response, 405)
