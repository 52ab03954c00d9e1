"""The coordinator's verification queue and bulk actions.

Each chosen case goes through its own service call (``case_verify``, ``case_send_back``,
``case_remind``, ``case_dispatch``) with the version the page showed; every item gets its own
result line ("#12: diverifikasi", "#13: sudah berubah sejak halaman dibuka"). Nothing is
all-or-nothing: one refusal does not stop the others, and none is silent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases import clock, selectors, services
from cases.errors import (
    ActionForbidden,
    ConcurrentChange,
    DomainError,
    InvalidInput,
    NotFound,
    StaleVersion,
    TransitionNotAllowed,
)
from cases.models import CaseStatus, Evidence, EvidenceKind

from . import exports
from .access import coordinator_required, parse_date, parse_int
from .views_dashboard import CASE_HEADER, case_row

PAGE_SIZE = 50
MAX_BULK = 200

TABS = {
    "laporan": (gettext_lazy("Menunggu verifikasi"), ("verify", "verify_ongoing", "send_back")),
    "terlambat": (gettext_lazy("Terlambat"), ("remind",)),
    "draf": (gettext_lazy("Draf belum didisposisikan"), ("dispatch",)),
}
ACTION_LABELS = {
    "verify": gettext_lazy("Verifikasi selesai"),
    "verify_ongoing": gettext_lazy("Verifikasi: selesai berkelanjutan"),
    "send_back": gettext_lazy("Kembalikan untuk diperbaiki"),
    "remind": gettext_lazy("Kirim pengingat"),
    "dispatch": gettext_lazy("Disposisikan"),
}
DONE = {
    "verify": gettext_lazy("diverifikasi selesai"),
    "verify_ongoing": gettext_lazy("diverifikasi selesai berkelanjutan"),
    "send_back": gettext_lazy("dikembalikan untuk diperbaiki"),
    "remind": gettext_lazy("pengingat dikirim"),
    "dispatch": gettext_lazy("didisposisikan"),
}


def _cases_for(user: Any, tab: str, now):
    cases = selectors.case_list_for_user(user)
    if tab == "laporan":
        return cases.filter(status=CaseStatus.REPORTED).order_by("reported_at", "pk")
    if tab == "terlambat":
        return cases.filter(
            status__in=[CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS], due_at__lt=now
        ).order_by("due_at", "pk")
    return cases.filter(status=CaseStatus.DRAFT).order_by("directive__rakor__date", "pk")


@coordinator_required
def queue(request):
    now = clock.now()
    tab = request.GET.get("tampil", "laporan")
    if tab not in TABS:
        tab = "laporan"
    cases = _cases_for(request.user, tab, now)
    download = exports.export(
        request,
        filename=f"antrean-{tab}",
        header=CASE_HEADER(),
        rows=lambda: (case_row(case, now) for case in exports.chunked(cases)),
        title=str(TABS[tab][0]),
    )
    if download is not None:
        return download
    photos = Evidence.objects.order_by("uploaded_at", "pk")
    page = Paginator(
        cases.prefetch_related(Prefetch("evidence", queryset=photos, to_attr="evidence_list")),
        PAGE_SIZE,
    ).get_page(request.GET.get("halaman"))
    counts = {key: _cases_for(request.user, key, now).count() for key in TABS}
    return TemplateResponse(
        request,
        "web/queue.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [(key, label, counts[key]) for key, (label, _a) in TABS.items()],
            "actions": [(name, ACTION_LABELS[name]) for name in TABS[tab][1]],
            "results": request.session.pop("bulk_results", None),
            "now": now,
            "photo": EvidenceKind.PHOTO,
            "chosen": tab,
            "messages_inline": True,
        },
    )


def _call(action: str, data: dict[str, Any]) -> Callable[..., Any]:
    def call(*, case_id: int, user: Any, version: int | None):
        if action == "verify":
            return services.case_verify(
                case=case_id, actor=user, note=data["note"], expected_version=version
            )
        if action == "verify_ongoing":
            return services.case_verify_ongoing(
                case=case_id, actor=user, note=data["note"], expected_version=version
            )
        if action == "send_back":
            return services.case_send_back(
                case=case_id, actor=user, reason=data["note"], expected_version=version
            )
        if action == "remind":
            return services.case_remind(
                case=case_id, actor=user, note=data["note"], expected_version=version
            )
        return services.case_dispatch(
            case=case_id, actor=user, due_at=data["due_at"], expected_version=version
        )

    return call


def run_bulk(
    *, user: Any, action: str, case_ids: list[int], versions: dict[int, int], data: dict[str, Any]
) -> list[dict[str, Any]]:
    """Each case through its own service call; one result line per case."""
    call = _call(action, data)
    visible = set(
        selectors.cases_visible_to(user).filter(pk__in=case_ids).values_list("pk", flat=True)
    )
    results = []
    for case_id in case_ids:
        ok = False
        if case_id not in visible:
            text = _("tidak ditemukan")
        else:
            try:
                call(case_id=case_id, user=user, version=versions.get(case_id))
            except (StaleVersion, ConcurrentChange):
                text = _(
                    "sudah berubah sejak halaman dibuka (mungkin oleh orang lain); tidak diubah"
                )
            except TransitionNotAllowed as exc:
                text = str(exc)
            except ActionForbidden as exc:
                text = str(exc)
            except NotFound:
                text = _("tidak ditemukan")
            except InvalidInput as exc:
                text = " ".join(
                    str(e) for errors in exc.field_errors.values() for e in errors
                ) or str(exc)
            except DomainError as exc:
                text = str(exc)
            else:
                ok = True
                text = str(DONE[action])
        results.append({"case": case_id, "ok": ok, "text": text})
    return results


@coordinator_required
@require_POST
def bulk_action(request):
    tab = request.POST.get("tampil", "laporan")
    if tab not in TABS:
        tab = "laporan"
    next_url = _next(request, tab)
    action = request.POST.get("aksi", "")
    if action not in ACTION_LABELS:
        messages.error(request, _("Pilih aksi yang dikenal."))
        return HttpResponseRedirect(next_url)
    case_ids = []
    for raw in request.POST.getlist("kasus"):
        pk = parse_int(raw)
        if pk is not None and pk not in case_ids:
            case_ids.append(pk)
    if not case_ids:
        messages.error(request, _("Pilih paling sedikit satu kasus."))
        return HttpResponseRedirect(next_url)
    if len(case_ids) > MAX_BULK:
        messages.error(request, _("Paling banyak %(n)d kasus sekaligus.") % {"n": MAX_BULK})
        return HttpResponseRedirect(next_url)
    note = request.POST.get("catatan", "").strip()
    if action == "send_back" and not note:
        messages.error(request, _("Alasan pengembalian wajib diisi."))
        return HttpResponseRedirect(next_url)
    due_raw = request.POST.get("batas_waktu", "")
    due_at = parse_date(due_raw) if due_raw else None
    if due_raw and due_at is None:
        messages.error(request, _("Tanggal batas waktu tidak valid."))
        return HttpResponseRedirect(next_url)
    versions = {}
    for pk in case_ids:
        version = parse_int(request.POST.get(f"versi-{pk}"))
        if version is not None:
            versions[pk] = version
    results = run_bulk(
        user=request.user,
        action=action,
        case_ids=case_ids,
        versions=versions,
        data={"note": note[:4000], "due_at": due_at},
    )
    done = sum(1 for r in results if r["ok"])
    request.session["bulk_results"] = {
        "action": str(ACTION_LABELS[action]),
        "done": done,
        "refused": len(results) - done,
        "items": results,
    }
    return HttpResponseRedirect(next_url)


def _next(request, tab: str) -> str:
    """Back to the page the form came from: the queue, or a Rakor's page."""
    rakor = parse_int(request.POST.get("rakor"))
    if rakor is not None:
        return reverse("rapat:detail", args=[rakor])
    return f"{reverse('verifikasi:index')}?tampil={tab}"
