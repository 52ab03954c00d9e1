"""Background work of the Rakor cycle: making the report files.

The task takes an id, re-reads the row, does nothing when the report is already made
(idempotent: a duplicate delivery finds it done), and writes its progress on the row so the
report page can show it.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from huey.contrib.djhuey import db_task

from cases import clock

from .models import RakorReport, ReportStatus

logger = logging.getLogger(__name__)


def _progress(report_id: int, percent: int, message: str, **fields) -> None:
    RakorReport.objects.filter(pk=report_id).update(progress=percent, message=message, **fields)


def build_report(report_id: int) -> RakorReport | None:
    from .reports.data import collect
    from .reports.pdf import render_pdf
    from .reports.xlsx import render_xlsx

    with transaction.atomic():
        report = (
            RakorReport.objects.select_for_update()
            .select_related("rakor")
            .filter(pk=report_id)
            .first()
        )
        if report is None or report.status in (ReportStatus.DONE, ReportStatus.RUNNING):
            return report
        _progress(report_id, 5, "Mengumpulkan data", status=ReportStatus.RUNNING)
    try:
        data = collect(report.rakor, as_of=report.as_of)
        _progress(report_id, 20, "Menyusun PDF")

        shown = {"percent": 20}

        def step(done: int, total: int) -> None:
            # one UPDATE per percent point, not per directive (a Rakor may have hundreds)
            percent = 20 + int(60 * done / total)
            if percent > shown["percent"] or done == total:
                shown["percent"] = percent
                _progress(report_id, percent, f"Menyusun PDF ({done}/{total} arahan)")

        pdf = render_pdf(data, progress=step)
        _progress(report_id, 85, "Menyusun XLSX")
        xlsx = render_xlsx(data)
        stem = f"laporan-rakor-{report.rakor_id}-{report.pk}"
        report.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        report.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        report.status = ReportStatus.DONE
        report.progress = 100
        report.message = "Selesai"
        report.finished_at = clock.now()
        report.save(update_fields=["pdf", "xlsx", "status", "progress", "message", "finished_at"])
    except Exception:  # the row must say it failed; the traceback goes to the log
        logger.exception("report %s failed", report_id)
        _progress(report_id, 100, "Gagal membuat laporan; coba lagi.", status=ReportStatus.FAILED)
        raise
    return report


@db_task(retries=1, retry_delay=30)
def generate_report(report_id: int) -> None:
    build_report(report_id)
