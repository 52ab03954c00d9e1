"""The report for the next Rakor: made by the huey task, opened and read back."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cases import audit, clock
from cases import services as case_services
from cases.errors import ActionForbidden
from cases.models import AuditRoot
from rakor import services
from rakor.models import RakorReport, ReportStatus
from rakor.tasks import build_report
from tests.factories import jpeg_bytes, upload, wib


@pytest.fixture
def cycle(world):
    """Three cases of the January Rakor: one closed on time, one overdue with a photo,
    one on hold."""
    done = world.case(state="closed")
    late = world.case(state="in_progress", organization=world.org_a)
    with clock.frozen(wib(2026, 2, 2, 10)):
        case_services.case_add_evidence(
            case=late, actor=world.officer, file=upload(jpeg_bytes(), "saluran.jpg")
        )
        case_services.case_add_progress(
            case=late, actor=world.officer, percent=40, note="Dua ruas saluran dikeruk."
        )
    held = world.case(state="on_hold")
    return done, late, held


def test_the_report_task_makes_a_pdf_and_an_xlsx_with_the_scorecard(
    world, cycle, django_capture_on_commit_callbacks
):
    # given
    # when: the request queues the task, which runs after commit (huey immediate in tests)
    with clock.frozen(wib(2026, 2, 20, 9)), django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(rakor=world.rakor, actor=world.coordinator)
    # then
    report.refresh_from_db()
    assert (report.status, report.progress, report.message) == (ReportStatus.DONE, 100, "Selesai")
    pdf = PdfReader(io.BytesIO(report.pdf.read()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Laporan Tindak Lanjut Rakor" in text
    assert "Rakor Januari 2026" in text
    assert "Skor per organisasi" in text
    assert "Dua ruas saluran dikeruk." in text
    assert "(terlambat)" in text
    images = [image for page in pdf.pages for image in page.images]
    assert len(images) == 1  # the one evidence photo, as a thumbnail
    workbook = load_workbook(io.BytesIO(report.xlsx.read()))
    assert workbook.sheetnames == ["Skor OPD", "Arahan dan kasus", "Eskalasi", "Tentang"]
    scores = list(workbook["Skor OPD"].iter_rows(values_only=True))
    assert scores[0] == (
        "Organisasi",
        "Mitra",
        "Didisposisikan",
        "Selesai",
        "Tepat waktu (%)",
        "Terlambat",
        "Diperpanjang",
        "Ditunda",
    )
    assert scores[1:] == [("Dinas A", "tidak", 3, 1, 100, 1, 0, 1)]
    cases = list(workbook["Arahan dan kasus"].iter_rows(values_only=True))
    assert len(cases) == 4
    assert {row[6] for row in cases[1:]} == {"Selesai", "Dalam Proses", "Ditunda"}
    # the day's audit root is printed in both, and it verifies against the record
    root = AuditRoot.objects.get()
    assert root.root[:40] in text.replace("\n", "")
    about = {row[0]: row[1] for row in workbook["Tentang"].iter_rows(values_only=True)}
    assert root.root in about["Ringkasan rantai audit"]
    assert audit.verify_root(root)


def test_the_task_is_idempotent(world, cycle):
    # given a report already made
    with clock.frozen(wib(2026, 2, 20, 9)):
        report = services.report_request(rakor=world.rakor, actor=world.coordinator)
        build_report(report.pk)
        report.refresh_from_db()
        first = report.pdf.name
        # when the task is delivered again
        build_report(report.pk)
    # then nothing is made twice
    report.refresh_from_db()
    assert report.pdf.name == first
    assert report.status == ReportStatus.DONE


def test_only_coordinators_request_reports(world):
    with pytest.raises(ActionForbidden):
        services.report_request(rakor=world.rakor, actor=world.auditor)
    assert RakorReport.objects.count() == 0
