"""The coordinator's dashboard: counts by organization and kecamatan, ageing, escalation
levels, a monthly trend, a schematic map, the most overdue cases; CSV/XLSX of every table.

Aggregate queries only (web.queries.dashboard); the charts are SVG drawn here (web.charts).
"""

from __future__ import annotations

from typing import Any

from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import clock
from cases.models import Area, AreaLevel, CaseStatus, DirectiveType, Organization, Rakor

from . import charts, exports, queries
from .access import parse_int, reader_required


def parse_case_filters(params) -> queries.CaseFilters:
    """The filter bar, from the query string. Anything unknown is reported, not a 500."""
    filters = queries.CaseFilters()

    def pick(name: str, model, label: str, **extra):
        raw = params.get(name, "")
        if not raw:
            return None
        pk = parse_int(raw)
        found = model.objects.filter(pk=pk, **extra).first() if pk else None
        if found is None:
            filters.errors.append(
                _("%(label)s tidak dikenal; filter itu diabaikan.") % {"label": label}
            )
        return found

    filters.organization = pick("organisasi", Organization, _("Organisasi"))
    filters.kecamatan = pick("kecamatan", Area, _("Kecamatan"), level=AreaLevel.KECAMATAN)
    filters.rakor = pick("rakor", Rakor, _("Rakor"))
    filters.directive_type = pick("jenis", DirectiveType, _("Jenis arahan"))
    group = params.get("kelompok", "")
    if group in ("opd", "mitra"):
        filters.group = group
    elif group:
        filters.errors.append(_("Kelompok tidak dikenal; filter itu diabaikan."))
    status = params.get("status", "")
    if status in CaseStatus.values:
        filters.status = status
    elif status:
        filters.errors.append(_("Status tidak dikenal; filter itu diabaikan."))
    filters.overdue_only = params.get("terlambat") == "1"
    return filters


def _org_kind(kind: str) -> str:
    return _("Mitra") if kind == "partner" else _("Pemkot")


@reader_required
def dashboard(request):
    now = clock.now()
    filters = parse_case_filters(request.GET)
    table = request.GET.get("tabel", "")
    if exports.wanted_format(request):
        response = _export(request, table=table, now=now, filters=filters)
        if response is not None:
            return response
    data = queries.dashboard_cached(user=request.user, at=now, filters=filters)
    by_org = data["by_organization"][:15]
    context: dict[str, Any] = {
        "now": now,
        "data": data,
        "filters": filters,
        "params": filters.as_params(),
        "options": queries.filter_options(),
        "kecamatan_options": [group.kecamatan for group in data["map"]],
        "statuses": CaseStatus.choices,
        "org_chart": charts.bar_chart(
            title=_("Kasus terbuka dan terlambat per organisasi"),
            labels=[row["organization__short_name"] for row in by_org],
            series=[
                charts.Series(_("Terbuka"), charts.OPEN_COLOUR, [r["open"] for r in by_org]),
                charts.Series(
                    _("Terlambat"), charts.OVERDUE_COLOUR, [r["overdue"] for r in by_org]
                ),
            ],
            x_label=_("Jumlah kasus"),
            testid="chart-organizations",
        ),
        "ageing_chart": charts.column_chart(
            title=_("Umur keterlambatan"),
            categories=[label for label, _n in data["ageing"]],
            series=[
                charts.Series(
                    _("Kasus terlambat"), charts.OVERDUE_COLOUR, [n for _l, n in data["ageing"]]
                ),
            ],
            x_label=_("Hari kalender sejak batas waktu"),
            y_label=_("Jumlah kasus"),
            testid="chart-ageing",
            width=420,
        ),
        "trend_chart": charts.column_chart(
            title=_("Tren bulanan"),
            categories=[date_format(month, "M y") for month, _d, _f in data["trend"]],
            series=[
                charts.Series(
                    _("Didisposisikan"), charts.OPEN_COLOUR, [d for _m, d, _f in data["trend"]]
                ),
                charts.Series(_("Selesai"), charts.DONE_COLOUR, [f for _m, _d, f in data["trend"]]),
            ],
            x_label=_("Bulan (WIB)"),
            y_label=_("Jumlah kasus"),
            testid="chart-trend",
            width=760,
        ),
        "map_svg": charts.area_map(
            title=_("Peta skematis: kasus terbuka / terlambat per kelurahan"),
            groups=data["map"],
            note=_(
                "Angka: terbuka / terlambat. Kepala kolom: kecamatan beserta kasus "
                "tingkat kecamatan. Skematis, bukan peta berskala."
            ),
        ),
        "messages_inline": True,
    }
    return TemplateResponse(request, "web/dashboard.html", context)


def _export(request, *, table: str, now, filters: queries.CaseFilters):
    user = request.user
    if table == "organisasi":
        data = queries.dashboard_cached(user=user, at=now, filters=filters)
        return exports.export(
            request,
            filename="dasbor-organisasi",
            header=[_("Organisasi"), _("Kelompok"), _("Terbuka"), _("Terlambat")],
            rows=lambda: (
                (
                    r["organization__short_name"],
                    _org_kind(r["organization__kind"]),
                    r["open"],
                    r["overdue"],
                )
                for r in data["by_organization"]
            ),
            title=_("Per organisasi"),
        )
    if table == "kecamatan":
        data = queries.dashboard_cached(user=user, at=now, filters=filters)
        return exports.export(
            request,
            filename="dasbor-kecamatan",
            header=[_("Kecamatan"), _("Terbuka"), _("Terlambat")],
            rows=lambda: (
                (r["kec_name"] or _("Tingkat kota / tanpa wilayah"), r["open"], r["overdue"])
                for r in data["by_kecamatan"]
            ),
            title=_("Per kecamatan"),
        )
    # Any other table: the cases behind the dashboard, with the same filters.
    cases = queries.case_rows(user=user, at=now, filters=filters)
    if table == "terlambat":
        cases = cases.filter(queries.overdue_q(now))
    return exports.export(
        request,
        filename="kasus",
        header=CASE_HEADER(),
        rows=lambda: (case_row(case, now) for case in exports.chunked(cases)),
        title=_("Kasus"),
    )


def CASE_HEADER() -> list[str]:
    return [
        _("Nomor"),
        _("Judul"),
        _("Organisasi"),
        _("Peran"),
        _("Status"),
        _("Prioritas"),
        _("Wilayah"),
        _("Rakor"),
        _("Jenis arahan"),
        _("Batas waktu (WIB)"),
        _("Terlambat"),
        _("Tingkat eskalasi"),
        _("Kemajuan (%)"),
    ]


def case_row(case, now) -> list[Any]:
    return [
        case.pk,
        case.title,
        case.organization.short_name,
        case.get_role_display(),
        case.get_status_display(),
        case.get_priority_display(),
        str(case.area) if case.area_id else "",
        case.directive.rakor.title,
        case.directive.directive_type.name,
        case.due_at,
        _("ya") if case.is_overdue(now) else _("tidak"),
        case.escalation_level,
        case.progress,
    ]
