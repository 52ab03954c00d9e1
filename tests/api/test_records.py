"""Progress, evidence (upload, 413, 415, scoped download), holds and extensions."""

from __future__ import annotations

import hashlib

import pytest

from cases import clock, services
from cases.models import Evidence, ExtensionRequest, Hold
from tests.api.conftest import case_state, client_for
from tests.factories import DirectiveTypeFactory, jpeg_bytes, pdf_bytes, upload, wib


@pytest.fixture
def frozen():
    with clock.frozen(wib(2026, 2, 10, 9)):
        yield


def test_progress_is_posted_and_listed_newest_first(world, frozen):
    case = world.case(state="in_progress")
    client = client_for(world.officer)
    first = client.post(
        f"/api/v1/cases/{case.pk}/progress/", {"percent": 30, "note": "Galian."}, format="json"
    )
    second = client.post(
        f"/api/v1/cases/{case.pk}/progress/",
        {"percent": 60, "note": "Saluran."},
        format="json",
        HTTP_IF_MATCH=first["X-Case-ETag"],
    )
    listed = client.get(f"/api/v1/cases/{case.pk}/progress/").json()["results"]
    assert (first.status_code, second.status_code) == (201, 201)
    assert second["X-Case-ETag"] == f'"v{case.version + 2}"'
    assert [(p["percent"], p["note"]) for p in listed] == [(60, "Saluran."), (30, "Galian.")]
    assert client.get(f"/api/v1/cases/{case.pk}/").json()["progress"] == 60


@pytest.mark.parametrize("percent", [-1, 101, "lots", None, 1.5])
def test_bad_progress_is_400(world, frozen, percent):
    case = world.case(state="in_progress")
    before = case_state(case.pk)
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/progress/", {"percent": percent, "note": "x"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["percent"]
    assert case_state(case.pk) == before


def test_evidence_upload_then_report_done(world, frozen):
    # given a directive type that needs one photo before "reported"
    kind = DirectiveTypeFactory(code="drainase", evidence_contract={"photo": 1})
    case = world.case(state="in_progress", directive_type=kind)
    client = client_for(world.officer)
    # when reporting without evidence, then uploading a photo and reporting again
    refused = client.post(
        f"/api/v1/cases/{case.pk}/transitions/report/", {"summary": "Selesai."}, format="json"
    )
    photo = jpeg_bytes()
    uploaded = client.post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {
            "file": upload(photo, "saluran.jpg"),
            "note": "Sesudah dinormalisasi",
            "latitude": "-7.754",
            "longitude": "113.215",
        },
        format="multipart",
    )
    reported = client.post(
        f"/api/v1/cases/{case.pk}/transitions/report/",
        {"summary": "Selesai."},
        format="json",
        HTTP_IF_MATCH=uploaded["X-Case-ETag"],
    )
    # then
    assert refused.status_code == 400 and list(refused.json()["errors"]) == ["evidence"]
    assert uploaded.status_code == 201
    body = uploaded.json()
    assert (body["kind"], body["content_type"], body["original_name"]) == (
        "photo",
        "image/jpeg",
        "saluran.jpg",
    )
    assert body["sha256"] == hashlib.sha256(photo).hexdigest()
    assert (body["latitude"], body["longitude"]) == ("-7.754000", "113.215000")
    assert reported.status_code == 200 and reported.json()["status"] == "reported"


def test_oversized_evidence_is_413(world, frozen, settings):
    settings.EVIDENCE_MAX_BYTES = 50_000
    case = world.case(state="in_progress")
    before = case_state(case.pk)
    big = jpeg_bytes(size=(2000, 2000)) + b"\x00" * 60_000
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": upload(big, "besar.jpg")},
        format="multipart",
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert (case_state(case.pk), Evidence.objects.count()) == (before, 0)


def test_huge_multipart_body_is_413_before_parsing(world, frozen, settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    case = world.case(state="in_progress")
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": upload(b"\xff\xd8\xff" + b"\x00" * 5000, "a.jpg")},
        format="multipart",
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00" + b"\x00" * 100, "laporan.pdf"),
        (b"<html><script>alert(1)</script></html>", "foto.jpg"),
        (b"PK\x03\x04" + b"\x00" * 50, "bukti.zip"),
    ],
)
def test_unsupported_evidence_type_is_415(world, frozen, data, name):
    case = world.case(state="in_progress")
    before = case_state(case.pk)
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/evidence/", {"file": upload(data, name)}, format="multipart"
    )
    assert response.status_code == 415
    assert (case_state(case.pk), Evidence.objects.count()) == (before, 0)


def test_evidence_whose_name_lies_is_400_on_file(world, frozen):
    case = world.case(state="in_progress")
    response = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/evidence/",
        {"file": upload(pdf_bytes(), "foto.jpg")},
        format="multipart",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["file"]


def test_evidence_download_is_scoped_like_the_case(world, frozen):
    case = world.case(state="in_progress")
    photo = jpeg_bytes()
    evidence = services.case_add_evidence(
        case=case, actor=world.officer, file=upload(photo, "sesudah.jpg")
    )
    url = f"/api/v1/cases/{case.pk}/evidence/{evidence.pk}/download/"
    mine = client_for(world.head).get(url)
    theirs = client_for(world.other_officer).get(url)
    wrong_case = world.case(state="in_progress")
    mismatched = client_for(world.coordinator).get(
        f"/api/v1/cases/{wrong_case.pk}/evidence/{evidence.pk}/download/"
    )
    assert mine.status_code == 200
    assert b"".join(mine.streaming_content) == photo
    assert mine["Content-Type"] == "image/jpeg"
    assert mine["Content-Disposition"] == 'attachment; filename="sesudah.jpg"'
    assert mine["X-Content-Type-Options"] == "nosniff"
    assert (theirs.status_code, mismatched.status_code) == (404, 404)


def test_hold_request_and_decision(world, frozen):
    case = world.case(state="in_progress")
    requested = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/holds/",
        {"reason": "Alat berat rusak.", "until": "2026-02-20"},
        format="json",
    )
    hold_id = requested.json()["id"]
    by_officer = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/holds/{hold_id}/decision/", {"approve": True}, format="json"
    )
    by_head = client_for(world.head).post(
        f"/api/v1/cases/{case.pk}/holds/{hold_id}/decision/",
        {"approve": True, "note": "Setuju."},
        format="json",
    )
    again = client_for(world.head).post(
        f"/api/v1/cases/{case.pk}/holds/{hold_id}/decision/", {"approve": True}, format="json"
    )
    assert requested.status_code == 201 and requested.json()["status"] == "pending"
    assert by_officer.status_code == 403
    assert by_head.status_code == 200
    assert (by_head.json()["status"], by_head.json()["decided_by"]["username"]) == (
        "approved",
        "head_a",
    )
    assert again.status_code == 409
    assert case_state(case.pk)[0] == "on_hold"


def test_a_hold_of_another_case_is_404(world, frozen):
    case = world.case(state="in_progress")
    other = world.case(state="in_progress")
    hold = services.case_request_hold(case=other, actor=world.officer, reason="x")
    response = client_for(world.head).post(
        f"/api/v1/cases/{case.pk}/holds/{hold.pk}/decision/", {"approve": True}, format="json"
    )
    assert response.status_code == 404
    assert Hold.objects.get(pk=hold.pk).status == "pending"


def test_extension_request_and_decision_with_stale_if_match(world, frozen):
    case = world.case(state="in_progress")
    requested = client_for(world.officer).post(
        f"/api/v1/cases/{case.pk}/extensions/",
        {"reason": "Hujan deras.", "proposed_due": "2026-02-27"},
        format="json",
    )
    extension_id = requested.json()["id"]
    url = f"/api/v1/cases/{case.pk}/extensions/{extension_id}/decision/"
    stale = client_for(world.coordinator).post(
        url, {"approve": True}, format="json", HTTP_IF_MATCH=f'"v{case.version}"'
    )
    decided = client_for(world.coordinator).post(
        url,
        {"approve": True, "due_at": "2026-02-26"},
        format="json",
        HTTP_IF_MATCH=requested["X-Case-ETag"],
    )
    assert requested.status_code == 201
    assert requested.json()["proposed_due_at"] == "2026-02-27T16:00:00+07:00"
    assert stale.status_code == 412
    assert decided.status_code == 200
    body = decided.json()
    assert (body["status"], body["old_due_at"], body["new_due_at"]) == (
        "approved",
        "2026-02-05T16:00:00+07:00",
        "2026-02-26T16:00:00+07:00",
    )
    assert ExtensionRequest.objects.get(pk=extension_id).status == "approved"
