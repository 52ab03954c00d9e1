import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import clock
from cases.models import CaseEvent, CaseStatus, Evidence
from tests.factories import World, jpeg_bytes, pdf_bytes, wib
from workflows.selectors import disagreements, open_task_for_case


@pytest.fixture
def frozen_now():
    with clock.frozen(wib(2026, 2, 10, 9)):
        yield


def action_url(case, name):
    return reverse("kasus:action", args=[case.pk, name])


def form(name, version, **fields):
    data = {f"{name}-{key}": value for key, value in fields.items()}
    data[f"{name}-version"] = str(version)
    return data


def evidence_files():
    root = Path(settings.MEDIA_ROOT) / "evidence"
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- the inbox -----------------------------------------------------------------------------------


def test_inbox_lists_my_organizations_tasks_with_deadline_days_left_and_overdue_badge(
    client, world: World, frozen_now
):
    # given: on 10 Feb, one case overdue since 5 Feb and one fresh; one of another OPD
    late = world.case(world.org_a, state="in_progress")
    with clock.frozen(wib(2026, 2, 9, 9)):
        fresh = world.case(world.org_a, state="assigned", at=wib(2026, 2, 9, 9))
    other = world.case(world.org_b, state="assigned")
    client.force_login(world.officer)
    # when
    response = client.get(reverse("tugas:index"))
    # then
    body = response.content.decode()
    rows = response.context["rows"]
    assert [(row.case.pk, row.task.flow_task.name) for row in rows] == [
        (late.pk, "work"),
        (fresh.pk, "respond"),
    ]
    assert [(row.overdue, row.days_left) for row in rows] == [(True, -3), (False, 4)]
    assert "terlambat 3 hari kerja" in body
    assert "4 hari kerja lagi" in body
    assert body.count("tl-badge--overdue") == 1
    assert other.title not in body


def test_inbox_of_coordinator_holds_verification_and_auditor_has_none(client, world: World):
    reported = world.case(world.org_a, state="reported")
    world.case(world.org_a, state="assigned")
    client.force_login(world.coordinator)
    rows = client.get(reverse("tugas:index")).context["rows"]
    assert [(row.case.pk, row.task.flow_task.name) for row in rows] == [(reported.pk, "verify")]
    client.force_login(world.auditor)
    assert client.get(reverse("tugas:index")).context["rows"] == []


@pytest.mark.parametrize("count", [10, 50])
def test_inbox_query_count_does_not_grow_with_rows(
    client, world: World, django_assert_num_queries, count
):
    # given
    for _ in range(count):
        world.case(world.org_a, state="assigned")
    client.force_login(world.officer)
    client.get(reverse("tugas:index"))  # warm the content-type cache
    # then: session, user, memberships (visibility), the page count, the tasks, their cases,
    # local closures, the menu's task count, the menu's membership line (memberships and
    # their organizations: per membership of the user, not per row), the bell's unread count
    with django_assert_num_queries(11):
        response = client.get(reverse("tugas:index"))
    assert len(response.context["rows"]) == count


# --- the case page -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "who", "actions", "work"),
    [
        ("assigned", "officer", ["accept", "decline"], ["request_extension"]),
        (
            "in_progress",
            "officer",
            ["report"],
            ["progress", "evidence", "request_hold", "request_extension"],
        ),
        ("in_progress", "head", ["hold", "report"], ["progress", "evidence", "request_extension"]),
        ("reported", "coordinator", ["verify", "verify_ongoing", "send_back", "cancel"], []),
        ("reported", "officer", [], []),
        ("in_progress", "auditor", [], []),
        ("closed", "coordinator", ["reopen"], []),
    ],
)
def test_the_case_page_offers_exactly_what_the_user_may_do_now(
    client, world: World, state, who, actions, work
):
    case = world.case(world.org_a, state=state)
    client.force_login(getattr(world, who))
    response = client.get(reverse("kasus:detail", args=[case.pk]))
    assert [a["name"] for a in response.context["actions"]] == actions
    assert list(response.context["work"]) == work
    body = response.content.decode()
    for name in actions + work:
        assert f'action="{action_url(case, name)}"' in body


def test_the_page_shows_directive_rakor_timeline_and_open_task(client, world: World):
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.officer)
    body = client.get(reverse("kasus:detail", args=[case.pk])).content.decode()
    assert case.directive.text in body
    assert "Rakor Januari 2026" in body
    assert "Tugas terbuka: Kerjakan dan laporkan" in body
    assert "Didisposisikan → Dalam Proses" in body


def test_accept_through_the_page_moves_the_case_and_the_task(client, world: World):
    # given
    case = world.case(world.org_a, state="assigned")
    client.force_login(world.officer)
    # when
    response = client.post(action_url(case, "accept"), form("accept", case.version, note=""))
    # then
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    assert open_task_for_case(case).flow_task.name == "work"
    page = client.get(response.url).content.decode()
    assert "Terima: berhasil." in page


def test_a_double_submitted_form_does_not_transition_twice(client, world: World):
    # given
    case = world.case(world.org_a, state="assigned")
    client.force_login(world.officer)
    data = form("accept", case.version, note="")
    client.post(action_url(case, "accept"), data)
    events = CaseEvent.objects.filter(case=case).count()
    # when: the same form again
    response = client.post(action_url(case, "accept"), data, follow=True)
    # then
    assert response.status_code == 200
    assert "Sudah dilakukan" in response.content.decode()
    assert CaseEvent.objects.filter(case=case).count() == events
    assert disagreements() == []


def test_a_stale_report_after_send_back_is_already_done_not_an_error(client, world: World):
    case = world.case(world.org_a, state="reported")
    client.force_login(world.coordinator)
    data = form("verify", case.version, note="")
    client.post(action_url(case, "verify"), data)
    response = client.post(
        action_url(case, "send_back"),
        form("send_back", case.version, reason="x", due_at=""),
        follow=True,
    )
    assert "Sudah dilakukan" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_decline_without_reason_is_refused_and_nothing_changes(client, world: World):
    case = world.case(world.org_a, state="assigned")
    client.force_login(world.officer)
    response = client.post(action_url(case, "decline"), form("decline", case.version, reason="  "))
    assert response.status_code == 400
    assert "Alasan wajib diisi." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED


@pytest.mark.parametrize("bad", ["31-02-2026", "besok", "2026-13-01"])
def test_a_bad_date_is_a_form_error(client, world: World, bad):
    case = world.case(world.org_a, state="reported")
    client.force_login(world.coordinator)
    response = client.post(
        action_url(case, "send_back"), form("send_back", case.version, reason="x", due_at=bad)
    )
    assert response.status_code == 400
    assert "Tanggal tidak valid." in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.REPORTED


def test_a_date_the_service_refuses_is_shown_on_the_field(client, world: World, frozen_now):
    case = world.case(world.org_a, state="reported")
    client.force_login(world.coordinator)
    response = client.post(
        action_url(case, "send_back"),
        form("send_back", case.version, reason="x", due_at="2026-02-14"),  # a Saturday
    )
    assert response.status_code == 400
    assert "14-02-2026 bukan hari kerja bagi Dinas A." in response.content.decode()


@pytest.mark.parametrize("percent", ["abc", "101", "-1", ""])
def test_progress_out_of_range_is_refused(client, world: World, percent):
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.officer)
    response = client.post(
        action_url(case, "progress"), form("progress", case.version, percent=percent, note="x")
    )
    assert response.status_code == 400
    assert "Kemajuan harus bilangan bulat 0–100." in response.content.decode()
    assert case.progress_updates.count() == 0


def test_progress_is_posted(client, world: World):
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.officer)
    client.post(
        action_url(case, "progress"), form("progress", case.version, percent="60", note="Galian")
    )
    case.refresh_from_db()
    assert (case.progress, case.progress_updates.get().note) == (60, "Galian")


def test_a_forbidden_or_unknown_action_is_403_or_404_and_a_hidden_case_404(client, world: World):
    case = world.case(world.org_a, state="reported")
    client.force_login(world.officer)
    assert client.post(action_url(case, "verify"), form("verify", case.version)).status_code == 403
    assert client.post(action_url(case, "terbang"), {}).status_code == 404
    client.force_login(world.other_officer)
    assert client.post(action_url(case, "accept"), form("accept", case.version)).status_code == 404
    assert client.get(reverse("kasus:action", args=[case.pk, "accept"])).status_code == 405


def test_a_form_without_version_is_turned_away_politely(client, world: World):
    case = world.case(world.org_a, state="assigned")
    client.force_login(world.officer)
    response = client.post(action_url(case, "accept"), {"accept-version": "x"}, follow=True)
    assert "Formulir tidak lengkap" in response.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED


# --- evidence --------------------------------------------------------------------------------


def upload_evidence(client, case, data: bytes, name: str, content_type="image/jpeg"):
    return client.post(
        action_url(case, "evidence"),
        {
            "evidence-version": str(case.version),
            "evidence-note": "Foto lokasi",
            "evidence-file": SimpleUploadedFile(name, data, content_type=content_type),
        },
    )


def test_a_photo_is_uploaded_shown_as_thumbnail_and_served_only_to_those_who_see_the_case(
    client, world: World
):
    # given
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.officer)
    # when
    response = upload_evidence(client, case, jpeg_bytes(size=(800, 600)), "lokasi.jpg")
    # then
    assert response.status_code == 302
    evidence = Evidence.objects.get(case=case)
    page = client.get(reverse("kasus:detail", args=[case.pk])).content.decode()
    thumb_url = reverse("kasus:thumbnail", args=[case.pk, evidence.pk])
    assert f'src="{thumb_url}"' in page
    thumb = client.get(thumb_url)
    assert (thumb.status_code, thumb["Content-Type"]) == (200, "image/jpeg")
    from io import BytesIO

    from PIL import Image

    assert Image.open(BytesIO(b"".join(thumb.streaming_content))).size == (320, 240)
    full = client.get(reverse("kasus:evidence", args=[case.pk, evidence.pk]))
    assert b"".join(full.streaming_content) == jpeg_bytes(size=(800, 600))
    # and: another OPD, and anonymous users, get nothing
    client.force_login(world.other_officer)
    assert client.get(thumb_url).status_code == 404
    assert client.get(reverse("kasus:evidence", args=[case.pk, evidence.pk])).status_code == 404
    client.logout()
    assert client.get(thumb_url).status_code == 302
    # and: the media folder is not served at all
    assert client.get(f"/{settings.MEDIA_URL}{evidence.file.name}").status_code == 404


def test_an_auditor_sees_the_evidence(client, world: World):
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.officer)
    upload_evidence(client, case, pdf_bytes(), "berita-acara.pdf", "application/pdf")
    evidence = Evidence.objects.get(case=case)
    client.force_login(world.auditor)
    response = client.get(reverse("kasus:evidence", args=[case.pk, evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_an_oversized_file_is_refused_and_nothing_is_saved(client, world: World, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.officer)
    response = upload_evidence(
        client, case, b"\xff\xd8\xff" + b"\0" * (1024 * 1024 + 1), "besar.jpg"
    )
    assert response.status_code == 400
    assert "Berkas terlalu besar: paling besar 1 MB." in response.content.decode()
    assert Evidence.objects.count() == 0
    assert evidence_files() == []


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            pdf_bytes(),
            "foto.jpg",
            "Nama berkas (.jpg) tidak sesuai dengan isinya (application/pdf).",
        ),
        (
            b"<html><script>alert(1)</script></html>",
            "foto.jpg",
            "Jenis berkas tidak diterima: unggah foto (JPEG, PNG, WebP) atau PDF.",
        ),
        (b"MZ\x90\x00" + b"\0" * 64, "laporan.pdf", "Jenis berkas tidak diterima"),
        (jpeg_bytes()[:200], "rusak.jpg", "Berkas gambar rusak atau tidak dapat dibaca."),
    ],
)
def test_a_disguised_or_broken_file_is_refused_and_nothing_is_saved(
    client, world: World, data, name, message
):
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.officer)
    response = upload_evidence(client, case, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Evidence.objects.count() == 0
    assert evidence_files() == []


# --- language and assets -----------------------------------------------------------------------


def test_indonesian_by_default_even_for_an_english_browser_and_english_on_request(
    client, world: World
):
    client.force_login(world.officer)
    page = client.get(reverse("tugas:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="id"' in page.content.decode()
    assert "Kotak tugas" in page.content.decode()
    # when
    client.post(reverse("set_language"), {"language": "en", "next": "/tugas/"})
    page = client.get(reverse("tugas:index")).content.decode()
    # then
    assert '<html lang="en"' in page
    assert "Inbox" in page and "Kotak tugas" not in page
    assert "Your organization's tasks, nearest deadline first." in page


def test_no_page_loads_anything_from_another_host(client, world: World):
    case = world.case(world.org_a, state="in_progress")
    client.force_login(world.coordinator)
    for url in (
        reverse("tugas:index"),
        reverse("kasus:index"),
        reverse("kasus:detail", args=[case.pk]),
        reverse("alur:index"),
        reverse("login"),
    ):
        body = client.get(url).content.decode()
        assert re.findall(r'(?:src|href)="(?:https?:)?//', body) == [], url


def test_the_viewflow_pages_are_for_the_roles_that_see_everything(client, world: World):
    world.case(world.org_a, state="assigned")
    client.force_login(world.auditor)
    assert client.get(reverse("alur:index")).status_code == 200
    client.force_login(world.officer)
    assert client.get(reverse("alur:index")).status_code == 403


def test_the_viewflow_execute_url_of_a_task_leads_to_the_case_page(client, world: World):
    case = world.case(world.org_a, state="reported")
    task = open_task_for_case(case)
    client.force_login(world.coordinator)
    response = client.get(task.flow_task.reverse("execute", args=[task.process_id, task.pk]))
    assert response.status_code == 302
    assert response.url == reverse("kasus:detail", args=[case.pk])
