"""The report as PDF (reportlab, pure pip). Bitstream Vera, shipped inside reportlab, is
embedded so that Indonesian text and typographic quotes print on any viewer."""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from django.core.files.storage import default_storage
from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cases.calendar import WIB

from .data import ReportData

FONT = "Vera"
FONT_BOLD = "Vera-Bold"
_registered = False


def _fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, "VeraBd.ttf"))
        _registered = True


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("t", parent=base["Title"], fontName=FONT_BOLD, fontSize=15),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontName=FONT_BOLD, fontSize=11.5, keepWithNext=1
        ),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontName=FONT_BOLD, fontSize=9.5),
        "body": ParagraphStyle(
            "b", parent=base["BodyText"], fontName=FONT, fontSize=8.5, leading=10.5
        ),
        "small": ParagraphStyle(
            "s", parent=base["BodyText"], fontName=FONT, fontSize=7.5, leading=9
        ),
    }


def _date(value: datetime | None) -> str:
    return value.astimezone(WIB).strftime("%d-%m-%Y") if value else "—"


def _thumbnail(name: str) -> Image | None:
    """A small JPEG of an evidence photo, or None when the file cannot be read."""
    try:
        with default_storage.open(name, "rb") as handle:
            picture = PILImage.open(handle)
            picture.thumbnail((240, 180))
            buffer = io.BytesIO()
            picture.convert("RGB").save(buffer, "JPEG", quality=70)
    except (OSError, ValueError):
        return None
    buffer.seek(0)
    width, height = picture.size
    scale = 18 * mm / max(width, height)
    return Image(buffer, width=width * scale, height=height * scale)


def _side_by_side(photos: list[Image]) -> Table:
    row = Table([photos], colWidths=[19 * mm] * len(photos))
    row.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0)])
    )
    return row


def render_pdf(data: ReportData, progress=None) -> bytes:
    _fonts()
    s = _styles()
    rakor = data.rakor
    story: list = [
        Paragraph(escape("Laporan Tindak Lanjut Rakor"), s["title"]),
        Paragraph(escape(f"{rakor.title} — {rakor.date:%d-%m-%Y}, {rakor.place}"), s["body"]),
        Paragraph(
            escape(
                f"Keadaan per {data.as_of.astimezone(WIB):%d-%m-%Y %H:%M} WIB · disusun untuk "
                "Rakor berikutnya · Tim Terpadu Penanganan Konflik Sosial"
            ),
            s["small"],
        ),
        Spacer(1, 4 * mm),
        Paragraph("Skor per organisasi", s["h2"]),
    ]
    head = [
        "Organisasi",
        "Didisposisikan",
        "Selesai",
        "Tepat waktu",
        "Terlambat",
        "Diperpanjang",
        "Ditunda",
    ]
    rows = [head]
    for score in data.scores:
        pct = "—" if score.on_time_pct is None else f"{score.on_time_pct:.0f}%"
        name = score.organization + (" (mitra)" if score.is_partner else "")
        rows.append(
            [name, score.dispatched, score.done, pct, score.overdue, score.extended, score.on_hold]
        )
    table = Table(rows, repeatRows=1, colWidths=[70 * mm] + [30 * mm] * 6)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f4e79")),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa7b4")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef3f8")]),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm), Paragraph("Arahan dan kasusnya", s["h2"])]
    total = max(1, len(data.directives))
    for index, block in enumerate(data.directives, start=1):
        rows = [["OPD", "Peran", "Status", "Batas waktu", "Kemajuan terakhir", "Bukti"]]
        for line in block.cases:
            photos = [p for p in (_thumbnail(name) for name in line.photos) if p is not None]
            due = _date(line.due_at) + (" (terlambat)" if line.overdue else "")
            rows.append(
                [
                    Paragraph(escape(line.organization), s["small"]),
                    line.role,
                    Paragraph(escape(line.status), s["small"]),
                    Paragraph(escape(due), s["small"]),
                    Paragraph(escape(line.latest_progress or f"{line.progress}%"), s["small"]),
                    _side_by_side(photos[:2]) if photos else "—",
                ]
            )
        table = Table(
            rows,
            repeatRows=1,
            colWidths=[45 * mm, 20 * mm, 32 * mm, 30 * mm, 95 * mm, 40 * mm],
        )
        styles = [
            ("FONT", (0, 0), (-1, -1), FONT, 7.5),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe7ef")),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa7b4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        for row, line in enumerate(block.cases, start=1):
            if line.overdue:
                styles.append(("TEXTCOLOR", (3, row), (3, row), colors.HexColor("#b00020")))
        table.setStyle(TableStyle(styles))
        heading = Paragraph(escape(f"{block.number}. {block.title}"), s["h3"])
        meta = Paragraph(
            escape(f"Jenis: {block.type_name} · Penyampai: {block.speaker or '—'}"), s["small"]
        )
        story.append(KeepTogether([heading, meta, Spacer(1, 1.5 * mm), table]))
        story.append(Spacer(1, 3 * mm))
        if progress:
            progress(index, total)
    story.append(Paragraph("Eskalasi", s["h2"]))
    if data.escalations:
        story += [Paragraph(escape(line), s["body"]) for line in data.escalations]
    else:
        story.append(Paragraph("Tidak ada eskalasi.", s["body"]))
    story.append(Spacer(1, 3 * mm))
    story.append(Paragraph("Ringkasan rantai audit", s["h2"]))
    story.append(
        Paragraph(
            escape(data.audit_digest or "Belum tersedia: menunggu fitur rantai audit."),
            s["body"],
        )
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"Laporan Tindak Lanjut — {rakor.title}",
        author="Tindak Lanjut Rakor",
    )

    def footer(canvas, doc_):
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.drawRightString(
            landscape(A4)[0] - 12 * mm, 7 * mm, f"Halaman {doc_.page} · {rakor.title}"
        )
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
