"""The auditor's pages: a case's forensic timeline, the global activity log, the board as
of a moment, and the integrity check of the record. Read-only: the one POST here runs the
verification of the hash chains, which changes nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from cases import audit, clock, selectors
from cases.calendar import WIB
from cases.models import (
    AuditRoot,
    Case,
    CaseEvent,
    CaseStatus,
    EventKind,
    Organization,
    Rakor,
)

from . import exports, queries
from .access import parse_date, parse_int, parse_moment, reader_required
from .views_dashboard import parse_case_filters

PAGE_SIZE = 50


class KnownCountPaginator(Paginator):
    """A paginator whose total is already known (from the aggregate query): no COUNT(*)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


# --- a case's forensic timeline -----------------------------------------------------------------


def _names(entries: list[queries.TimelineEntry]) -> dict[str, dict[Any, str]]:
    """Readable names for the ids in the diffs: organizations and areas, two small queries."""
    org_ids, area_ids = set(), set()
    for entry in entries:
        for change in entry.changes:
            target = {"organization": org_ids, "area": area_ids}.get(change.field)
            if target is not None:
                target.update(v for v in (change.old, change.new) if v)
    from cases.models import Area

    return {
        "organization": {o.pk: o.short_name for o in Organization.objects.filter(pk__in=org_ids)}
        if org_ids
        else {},
        "area": {a.pk: str(a) for a in Area.objects.filter(pk__in=area_ids)} if area_ids else {},
    }


def _show(field: str, value: Any, names: dict[str, dict[Any, str]]) -> str:
    if value in (None, ""):
        return "—"
    if field == "status":
        try:
            return str(CaseStatus(value).label)
        except ValueError:
            return str(value)
    if field in names:
        return names[field].get(value, f"#{value}")
    if hasattr(value, "astimezone"):
        return value.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")
    return str(value)


@reader_required
def case_audit(request, case_id: int):
    case = selectors.case_for_user(user=request.user, case_id=case_id)
    entries = queries.case_timeline(case)
    names = _names(entries)
    rows = []
    for entry in entries:
        rows.append(
            {
                "event": entry.event,
                "row": entry.row,
                "changes": [
                    (c.label, _show(c.field, c.old, names), _show(c.field, c.new, names))
                    for c in entry.changes
                ],
                "system": entry.event is not None and entry.event.actor_id is None,
            }
        )
    return TemplateResponse(
        request,
        "web/audit_case.html",
        {"case": case, "rows": rows, "messages_inline": True},
    )


# --- the activity log ---------------------------------------------------------------------------


def _activity_filters(request) -> tuple[queries.ActivityFilters, list[str]]:
    params = request.GET
    filters = queries.ActivityFilters()
    errors: list[str] = []
    if params.get("organisasi"):
        pk = parse_int(params["organisasi"])
        filters.organization = Organization.objects.filter(pk=pk).first() if pk else None
        if filters.organization is None:
            errors.append(_("Organisasi tidak dikenal; filter itu diabaikan."))
    who = params.get("pengguna", "").strip()
    if who == "sistem":
        filters.system_only = True
    elif who:
        found = User.objects.filter(username=who[:150]).values_list("pk", flat=True).first()
        if found is None:
            errors.append(_("Pengguna “%(name)s” tidak ditemukan.") % {"name": who[:150]})
            filters.actor_id = -1
        else:
            filters.actor_id = found
    kind = params.get("jenis", "")
    if kind in EventKind.values:
        filters.kind = kind
    elif kind:
        errors.append(_("Jenis peristiwa tidak dikenal; filter itu diabaikan."))
    for name, attr in (("dari", "since"), ("sampai", "until")):
        if params.get(name):
            day = parse_date(params[name])
            if day is None:
                errors.append(
                    _("Tanggal “%(value)s” tidak valid (gunakan TTTT-BB-HH).")
                    % {"value": params[name][:40]}
                )
            setattr(filters, attr, day)
    if filters.since and filters.until and filters.since > filters.until:
        errors.append(_("Tanggal awal setelah tanggal akhir: tidak ada yang cocok."))
    return filters, errors


@reader_required
def activity_log(request):
    filters, errors = _activity_filters(request)
    events = queries.activity(user=request.user, filters=filters)
    download = exports.export(
        request,
        filename="log-aktivitas",
        header=[
            _("Waktu (WIB)"),
            _("Kasus"),
            _("Organisasi"),
            _("Jenis"),
            _("Transisi"),
            _("Dari"),
            _("Ke"),
            _("Pelaku"),
            _("Alasan"),
        ],
        rows=lambda: (
            (
                e.created_at,
                e.case_id,
                e.case.organization.short_name,
                e.get_kind_display(),
                e.transition,
                e.from_status,
                e.to_status,
                e.actor_label,
                e.reason,
            )
            for e in exports.chunked(events)
        ),
        title=_("Log aktivitas"),
    )
    if download is not None:
        return download
    for error in errors:
        messages.warning(request, error)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("halaman"))
    params = request.GET.copy()
    params.pop("halaman", None)
    params.pop("ekspor", None)
    return TemplateResponse(
        request,
        "web/audit_activity.html",
        {
            "page": page,
            "query": params.urlencode(),
            "organizations": Organization.objects.order_by("kind", "short_name").only(
                "pk", "short_name"
            ),
            "kinds": EventKind.choices,
            "chosen": request.GET,
            "messages_inline": True,
        },
    )


# --- the board as of a moment ------------------------------------------------------------------


@reader_required
def board_as_of(request):
    now = clock.now()
    raw = request.GET.get("pada", "")
    at = parse_moment(raw) if raw else now
    if at is None:
        messages.warning(
            request,
            _(
                "Waktu “%(value)s” tidak valid (gunakan TTTT-BB-HH atau TTTT-BB-HHTJJ:MM); "
                "papan ditampilkan untuk saat ini."
            )
            % {"value": raw[:40]},
        )
        at = now
    if at > now:
        messages.info(
            request, _("Waktu yang diminta belum tiba; papan ditampilkan untuk saat ini.")
        )
        at = now
    filters = parse_case_filters(request.GET)
    for error in filters.errors:
        messages.warning(request, error)
    rows = queries.board_rows(user=request.user, at=at, filters=filters).select_related(
        "organization", "area", "directive"
    )
    ordered = rows.order_by("id")
    download = exports.export(
        request,
        filename=f"papan-{at.astimezone(WIB):%Y%m%d-%H%M}",
        header=[
            _("Nomor"),
            _("Judul"),
            _("Organisasi"),
            _("Status"),
            _("Batas waktu (WIB)"),
            _("Terlambat"),
            _("Tingkat eskalasi"),
            _("Versi"),
            _("Sejak (WIB)"),
        ],
        rows=lambda: (
            (
                r.id,
                r.title,
                r.organization.short_name if r.organization else "",
                r.get_status_display(),
                r.due_at,
                _("ya") if _overdue(r, at) else _("tidak"),
                r.escalation_level,
                r.version,
                r.history_date,
            )
            for r in exports.chunked(ordered)
        ),
        title=_("Papan"),
    )
    if download is not None:
        return download
    counts = queries.board_counts(user=request.user, at=at, filters=filters)
    paged = queries.board_page_rows(user=request.user, at=at, filters=filters).select_related(
        "organization", "area", "directive"
    )
    page = KnownCountPaginator(paged, PAGE_SIZE, count=counts["total"]).get_page(
        request.GET.get("halaman")
    )
    past_meetings = list(
        Rakor.objects.filter(date__lte=at.astimezone(WIB).date()).order_by("-date")[:12]
    )
    params = request.GET.copy()
    params.pop("halaman", None)
    params.pop("ekspor", None)
    return TemplateResponse(
        request,
        "web/audit_board.html",
        {
            "at": at,
            "now": now,
            "at_value": at.astimezone(WIB).strftime("%Y-%m-%dT%H:%M"),
            "is_now": at == now,
            "page": page,
            "rows": [(r, _overdue(r, at)) for r in page.object_list],
            "counts": counts,
            "statuses": [
                (value, label, counts[f"status_{value}"]) for value, label in CaseStatus.choices
            ],
            "status_choices": CaseStatus.choices,
            "filters": filters,
            "options": queries.filter_options(),
            "query": params.urlencode(),
            "past_meetings": past_meetings,
            "messages_inline": True,
        },
    )


def _overdue(row, at) -> bool:
    return row.status in ("assigned", "in_progress") and row.due_at is not None and row.due_at < at


# --- integrity of the record -------------------------------------------------------------------

ROOTS_CHECKED = 7


@reader_required
@require_http_methods(["GET", "POST"])
def integrity(request):
    """Show the daily roots; on POST ("Periksa sekarang") verify every case's chains (stop at
    the first break) and the latest roots. Reads only."""
    roots = list(AuditRoot.objects.order_by("-day")[:30])
    result = None
    if request.method == "POST":
        started = clock.now()
        first_break = next(iter(audit.verify_cases()), None)
        checked_roots = [(root, audit.verify_root(root)) for root in roots[:ROOTS_CHECKED]]
        result = {
            "ok": first_break is None and all(ok for _root, ok in checked_roots),
            "first_break": first_break,
            "cases": Case.objects.count(),
            "events": CaseEvent.objects.count(),
            "history": Case.history.model.objects.count(),
            "roots": checked_roots,
            "at": started,
            "seconds": (clock.now() - started).total_seconds(),
        }
    return TemplateResponse(
        request,
        "web/audit_integrity.html",
        {"roots": roots, "result": result, "messages_inline": True},
    )
