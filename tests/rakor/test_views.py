"""The Rakor screens: who may see and do what, and no 500 for anything a user can type."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import clock
from cases.models import CaseStatus, Directive
from rakor import services
from rakor.models import AgendaItem, DraftStatus, MinutesImport, RakorReport
from tests.factories import wib

MINUTES = (
    "Wali Kota meminta Dinas A segera memasang PJU di wilayah selatan.\n"
    "Rapat ditutup pukul 12.00 WIB."
)


@pytest.fixture
def frozen():
    with clock.frozen(wib(2026, 1, 29, 10)):
        yield


def pages(world):
    return [
        reverse("rakor:list"),
        reverse("rakor:minutes", args=[world.rakor.pk]),
        reverse("rakor:agenda", args=[world.rakor.pk]),
        reverse("rakor:report", args=[world.rakor.pk]),
    ]


def test_anonymous_users_are_sent_to_login(client, world):
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("who", ["officer", "head", "partner", "no_membership"])
def test_opd_members_may_not_open_the_rakor_screens(client, world, who):
    client.force_login(getattr(world, who))
    for url in pages(world):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("who", ["auditor", "leadership", "coordinator"])
def test_auditors_leadership_and_coordinators_read(client, world, who):
    client.force_login(getattr(world, who))
    for url in pages(world):
        assert client.get(url).status_code == 200


def test_an_auditor_may_not_import_and_nothing_is_created(client, world):
    client.force_login(world.auditor)
    response = client.post(reverse("rakor:minutes", args=[world.rakor.pk]), {"text": MINUTES})
    assert response.status_code == 403
    assert MinutesImport.objects.count() == 0


def test_the_coordinator_imports_edits_and_accepts_through_the_screens(client, world, frozen):
    # given
    client.force_login(world.coordinator)
    # when: paste
    response = client.post(reverse("rakor:minutes", args=[world.rakor.pk]), {"text": MINUTES})
    imported = MinutesImport.objects.get()
    # then: the drafts page with the sentence highlighted and its reasons
    assert response.status_code == 302
    page = client.get(reverse("rakor:import", args=[imported.pk]))
    body = page.content.decode()
    draft = imported.drafts.get()
    assert f'<mark id="kalimat-{draft.pk}"' in body
    assert "Mengapa disarankan" in body
    assert "Penanda arahan" in body
    # when: accept with an edited title
    prefix = f"d{draft.pk}"
    response = client.post(
        reverse("rakor:draft", args=[draft.pk, "terima"]),
        {
            f"{prefix}-title": "PJU selatan",
            f"{prefix}-text": draft.text,
            f"{prefix}-directive_type": world.kind.pk,
            f"{prefix}-lead": [world.org_a.pk],
            f"{prefix}-due": "2026-02-27",
            "dispatch": "on",
        },
    )
    # then
    assert response.status_code == 302
    directive = Directive.objects.get(title="PJU selatan")
    case = directive.cases.get()
    assert (case.organization, case.status) == (world.org_a, CaseStatus.ASSIGNED)
    assert case.due_at == wib(2026, 2, 27, 16)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"text": ""}, "Notulen kosong"),
        (
            {"text": "The council asked the police to patrol the market every night."},
            "bukan Bahasa Indonesia",
        ),
        (
            {"upload": SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
            "bukan teks",
        ),
        ({"upload": SimpleUploadedFile("big.txt", b"a" * (200 * 1024 + 5))}, "terlalu besar"),
    ],
)
def test_bad_minutes_get_a_clear_message_and_nothing_is_created(client, world, payload, message):
    client.force_login(world.coordinator)
    response = client.post(reverse("rakor:minutes", args=[world.rakor.pk]), payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert MinutesImport.objects.count() == 0


def test_a_draft_with_bad_fields_shows_errors_not_a_500(client, world, frozen):
    client.force_login(world.coordinator)
    imported = services.minutes_import(rakor=world.rakor, actor=world.coordinator, data=MINUTES)
    draft = imported.drafts.get()
    prefix = f"d{draft.pk}"
    response = client.post(
        reverse("rakor:draft", args=[draft.pk, "terima"]),
        {
            f"{prefix}-title": "",
            f"{prefix}-text": "x",
            f"{prefix}-directive_type": "abc",
            f"{prefix}-lead": ["999999", "<script>"],
            f"{prefix}-due": "31-02-2026",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kolom ini wajib diisi." in body
    assert "Pilihan tidak dikenal." in body
    assert "Tanggal tidak valid" in body
    assert Directive.objects.count() == 0
    assert client.post(reverse("rakor:draft", args=[draft.pk, "hapus"])).status_code == 404


def test_accept_the_rest_in_bulk_and_drop_one(client, world, frozen):
    client.force_login(world.coordinator)
    text = "Dinas A diminta memasang PJU.\nDinas B agar memasang CCTV.\nDinas A diminta patroli."
    imported = services.minutes_import(rakor=world.rakor, actor=world.coordinator, data=text)
    first = imported.drafts.get(sequence=1)
    client.post(reverse("rakor:draft", args=[first.pk, "buang"]))
    response = client.post(reverse("rakor:accept-rest", args=[imported.pk]))
    assert response.status_code == 302
    statuses = list(imported.drafts.order_by("sequence").values_list("status", flat=True))
    assert statuses == [DraftStatus.DROPPED, DraftStatus.ACCEPTED, DraftStatus.ACCEPTED]
    assert Directive.objects.filter(rakor=world.rakor).count() == 2


def test_the_agenda_screen_records_a_decision(client, world):
    case = world.case(state="in_progress")
    with clock.frozen(wib(2026, 2, 20)):
        rakor = services.rakor_create_next(
            actor=world.coordinator,
            series=world.series,
            title="Rakor Februari",
            date=date(2026, 2, 25),
            place="Command Center",
            chair="Wali Kota",
        )
    item = AgendaItem.objects.get(rakor=rakor)
    client.force_login(world.coordinator)
    page = client.get(reverse("rakor:agenda", args=[rakor.pk]))
    assert world.org_a.name in page.content.decode()
    prefix = f"a{item.pk}"
    with clock.frozen(wib(2026, 2, 25, 10)):
        bad = client.post(
            reverse("rakor:decide", args=[item.pk]),
            {f"{prefix}-kind": "extend", f"{prefix}-note": "Perlu waktu."},
        )
        good = client.post(
            reverse("rakor:decide", args=[item.pk]),
            {
                f"{prefix}-kind": "extend",
                f"{prefix}-note": "Perlu waktu.",
                f"{prefix}-due": "2026-03-13",
            },
        )
    assert bad.status_code == 400
    assert "Isi batas waktu baru." in bad.content.decode()
    assert good.status_code == 302
    case.refresh_from_db()
    assert case.due_at == wib(2026, 3, 13, 16)


def test_the_report_page_generates_shows_progress_and_downloads(
    client, world, django_capture_on_commit_callbacks
):
    world.case(state="in_progress")
    client.force_login(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("rakor:report-generate", args=[world.rakor.pk]))
    assert response.status_code == 302
    report = RakorReport.objects.get()
    status = client.get(reverse("rakor:report-status", args=[report.pk])).json()
    assert (status["status"], status["progress"], status["ready"]) == ("done", 100, True)
    pdf = client.get(reverse("rakor:report-download", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("rakor:report-download", args=[report.pk, "exe"])).status_code == 404
    client.force_login(world.auditor)
    assert client.post(reverse("rakor:report-generate", args=[world.rakor.pk])).status_code == 403
