"""The report as XLSX (openpyxl, pure pip): one sheet per part of the report."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from cases.calendar import WIB

from .data import ReportData

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")


def _sheet(workbook, title: str, header: list[str], rows: list[list], widths: list[int]):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.fill = HEADER_FILL
        cell.font = HEADER_FONT
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def render_xlsx(data: ReportData) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(
        workbook,
        "Skor OPD",
        [
            "Organisasi",
            "Mitra",
            "Didisposisikan",
            "Selesai",
            "Tepat waktu (%)",
            "Terlambat",
            "Diperpanjang",
            "Ditunda",
        ],
        [
            [
                s.organization,
                "ya" if s.is_partner else "tidak",
                s.dispatched,
                s.done,
                s.on_time_pct,
                s.overdue,
                s.extended,
                s.on_hold,
            ]
            for s in data.scores
        ],
        [40, 8, 15, 10, 16, 11, 13, 10],
    )
    rows = []
    for block in data.directives:
        for line in block.cases:
            rows.append(
                [
                    block.number,
                    block.title,
                    block.type_name,
                    line.case_id,
                    line.organization,
                    line.role,
                    line.status,
                    line.due_at.astimezone(WIB).replace(tzinfo=None) if line.due_at else None,
                    "ya" if line.overdue else "tidak",
                    line.progress,
                    line.latest_progress,
                    len(line.photos),
                ]
            )
    sheet = _sheet(
        workbook,
        "Arahan dan kasus",
        [
            "No. arahan",
            "Arahan",
            "Jenis",
            "No. kasus",
            "Organisasi",
            "Peran",
            "Status",
            "Batas waktu",
            "Terlambat",
            "Kemajuan (%)",
            "Kemajuan terakhir",
            "Foto bukti",
        ],
        rows,
        [10, 45, 30, 10, 28, 12, 22, 18, 10, 12, 60, 10],
    )
    for cell in sheet["H"][1:]:
        cell.number_format = "dd-mm-yyyy hh:mm"
    _sheet(workbook, "Eskalasi", ["Eskalasi"], [[line] for line in data.escalations], [120])
    info = workbook.create_sheet("Tentang")
    rakor = data.rakor
    for row in (
        ["Laporan Tindak Lanjut Rakor"],
        ["Rakor", rakor.title],
        ["Tanggal", rakor.date.strftime("%d-%m-%Y")],
        ["Keadaan per", data.as_of.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")],
        ["Ringkasan rantai audit", data.audit_digest or "Belum tersedia"],
    ):
        info.append(row)
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 70
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
