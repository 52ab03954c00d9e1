"""CSV and XLSX downloads of the lists (cases, dashboard tables, activity log, the board).

CSV streams: rows come from a queryset iterator in chunks and are written as they come, so
a million-row list never sits in memory; UTF-8 with a BOM so Excel opens it in the right
encoding. XLSX (openpyxl, write-only mode) is capped at ``XLSX_MAX_ROWS`` rows: past that the
sheet says so in its last row and the response carries ``X-Export-Truncated``; the CSV has
everything.

A cell that starts like a formula (= + - @, tab, CR) is prefixed with an apostrophe, so a
title typed by a user cannot run as a formula in a spreadsheet.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from io import BytesIO
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from cases.calendar import WIB

XLSX_MAX_ROWS = 50_000
FORMATS = ("csv", "xlsx")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell(value: Any) -> Any:
    """A value as a spreadsheet cell: datetimes in WIB without tz, text defused."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(WIB).replace(tzinfo=None)
    if isinstance(value, date | int | float):
        return value
    text = force_str(value) if isinstance(value, Promise) else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([cell(h) for h in header])
    for row in rows:
        values = []
        for value in row:
            value = cell(value)
            if isinstance(value, datetime):
                value = value.strftime("%Y-%m-%d %H:%M")
            values.append(value)
        yield writer.writerow(values)


def csv_response(filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]]):
    response = StreamingHttpResponse(
        _csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    filename: str, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, title: str = ""
) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet((title or filename)[:31])
    bold = Font(bold=True)
    header_cells = []
    for value in header:
        item = WriteOnlyCell(sheet, value=cell(value))
        item.font = bold
        header_cells.append(item)
    sheet.append(header_cells)
    truncated = False
    for written, row in enumerate(rows):
        if written >= XLSX_MAX_ROWS:
            truncated = True
            break
        sheet.append([cell(value) for value in row])
    if truncated:
        sheet.append(
            [
                _("Dibatasi: hanya %(n)d baris pertama. Unduh CSV untuk seluruh daftar.")
                % {"n": XLSX_MAX_ROWS}
            ]
        )
    out = BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    if truncated:
        response["X-Export-Truncated"] = str(XLSX_MAX_ROWS)
    return response


def wanted_format(request) -> str | None:
    chosen = request.GET.get("ekspor", "")
    return chosen if chosen in FORMATS else None


def export(
    request,
    *,
    filename: str,
    header: Sequence[Any],
    rows: Callable[[], Iterable[Sequence[Any]]],
    title: str = "",
):
    """The list as a download when ``?ekspor=csv|xlsx`` asks for one, else None."""
    chosen = wanted_format(request)
    if chosen == "csv":
        return csv_response(filename, header, rows())
    if chosen == "xlsx":
        return xlsx_response(filename, header, rows(), title=title)
    return None


def chunked(queryset, size: int = 2000):
    """Rows of a queryset fetched ``size`` at a time (a server-side cursor on PostgreSQL)."""
    return queryset.iterator(chunk_size=size)
