"""The officer's day: the inbox, the case lists, the case page and its actions.

Interfaces only: reads go through ``cases.selectors`` / ``workflows.selectors`` (visibility
is decided there), writes through ``cases.services``. The services' row lock, the
``expected_version`` of every form and the task sync (``workflows.sync``) make a double
submit harmless: the second one is answered "Sudah dilakukan", never with a 500.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
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
from cases.models import (
    CLOCK_STATES,
    OPEN_STATES,
    TRANSITION_LABELS,
    Case,
    CaseStatus,
    Evidence,
    EvidenceKind,
    ExtensionRequest,
    Hold,
    RequestStatus,
)
from cases.permissions import actor_is_coordinator, actor_may_fire, actor_may_work_on
from cases.services import EVIDENCE_STATES, EXTENSION_STATES, WORK_STATES
from workflows import selectors as flow_selectors

from . import forms
from .calendars import CalendarBook
from .thumbnails import thumbnail_response

PAGE_SIZE = 50


def _case_or_404(user: Any, case_id: Any) -> Case:
    try:
        return selectors.case_for_user(user=user, case_id=case_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


# --- the inbox ---------------------------------------------------------------------------------


@dataclass
class InboxRow:
    task: Any
    case: Case
    days_left: int | None
    overdue: bool


@login_required
def inbox(request):
    """The open tasks of my organization (coordinators: verification and reassignment)."""
    now = clock.now()
    page = Paginator(flow_selectors.inbox_tasks(request.user), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    tasks = list(page.object_list)
    cases = selectors.case_list_for_user(request.user).in_bulk(
        [task.process.artifact_object_id for task in tasks]
    )
    book = CalendarBook(case.organization for case in cases.values())
    rows = [
        InboxRow(
            task=task,
            case=case,
            days_left=book.working_days_left(case, now),
            overdue=case.is_overdue(now),
        )
        for task in tasks
        if (case := cases.get(task.process.artifact_object_id)) is not None
    ]
    return TemplateResponse(
        request,
        "web/inbox.html",
        {"page": page, "rows": rows, "now": now, "messages_inline": True},
    )


# --- case lists --------------------------------------------------------------------------------

FILTERS = {
    "open": (gettext_lazy("Terbuka"), Q(status__in=OPEN_STATES)),
    "overdue": (gettext_lazy("Terlambat"), None),
    "closed": (gettext_lazy("Selesai"), Q(status__in=[CaseStatus.CLOSED, CaseStatus.ONGOING])),
    "all": (gettext_lazy("Semua"), Q()),
}


@login_required
def case_list(request):
    now = clock.now()
    chosen = request.GET.get("tampil", "open")
    if chosen not in FILTERS:
        chosen = "open"
    overdue = Q(status__in=CLOCK_STATES, due_at__lt=now)
    condition = FILTERS[chosen][1]
    cases = selectors.case_list_for_user(request.user).filter(
        overdue if condition is None else condition
    )
    page = Paginator(cases.order_by("due_at", "pk"), PAGE_SIZE).get_page(request.GET.get("halaman"))
    book = CalendarBook(case.organization for case in page.object_list)
    rows = [(case, book.working_days_left(case, now)) for case in page.object_list]
    return TemplateResponse(
        request,
        "web/case_list.html",
        {
            "page": page,
            "rows": rows,
            "now": now,
            "chosen": chosen,
            "filters": [(key, label) for key, (label, _q) in FILTERS.items()],
            "overdue_count": selectors.cases_visible_to(request.user).filter(overdue).count(),
            "messages_inline": True,
        },
    )


# --- the case page -----------------------------------------------------------------------------

# How each action is parsed and which service it calls. ``kind`` says where the form goes.
TRANSITION_FORMS: dict[str, type[forms.CaseForm]] = {
    "dispatch": forms.DispatchForm,
    "accept": forms.NoteForm,
    "decline": forms.ReasonForm,
    "reassign": forms.ReassignForm,
    "hold": forms.HoldForm,
    "resume": forms.ResumeForm,
    "report": forms.ReportForm,
    "verify": forms.NoteForm,
    "verify_ongoing": forms.NoteForm,
    "send_back": forms.ReasonDueForm,
    "reopen": forms.ReasonDueForm,
    "cancel": forms.ReasonForm,
}
WORK_FORMS: dict[str, type[forms.CaseForm]] = {
    "progress": forms.ProgressForm,
    "evidence": forms.EvidenceForm,
    "request_hold": forms.HoldForm,
    "request_extension": forms.ExtensionForm,
    "decide_hold": forms.DecideForm,
    "decide_extension": forms.ExtensionDecideForm,
}
WORK_LABELS = {
    "progress": gettext_lazy("Catat kemajuan"),
    "evidence": gettext_lazy("Unggah bukti"),
    "request_hold": gettext_lazy("Ajukan penundaan"),
    "request_extension": gettext_lazy("Ajukan perpanjangan"),
    "decide_hold": gettext_lazy("Putuskan penundaan"),
    "decide_extension": gettext_lazy("Putuskan perpanjangan"),
}
# Transitions that end or undo work: shown as secondary actions.
SECONDARY = {"decline", "send_back", "cancel", "hold"}


def work_actions(
    *, case: Case, user: Any, pending_hold: Hold | None, pending_ext: Any
) -> list[str]:
    """The non-transition actions this user may take on this case now (same rules as the
    services: ``_begin_work`` states, ``actor_may_work_on``, one pending request at a time)."""
    actions = []
    may_work = actor_may_work_on(actor=user, case=case)
    if may_work and case.status in WORK_STATES:
        actions.append("progress")
    if may_work and case.status in EVIDENCE_STATES:
        actions.append("evidence")
    if (
        may_work
        and case.status in WORK_STATES
        and pending_hold is None
        and not actor_may_fire(actor=user, case=case, transition="hold")
    ):
        actions.append("request_hold")
    if may_work and case.status in EXTENSION_STATES and pending_ext is None:
        actions.append("request_extension")
    if (
        pending_hold is not None
        and case.status == CaseStatus.IN_PROGRESS
        and actor_may_fire(actor=user, case=case, transition="hold")
    ):
        actions.append("decide_hold")
    if pending_ext is not None and case.status in EXTENSION_STATES and actor_is_coordinator(user):
        actions.append("decide_extension")
    return actions


def _case_page(
    request, case: Case, *, bound: forms.CaseForm | None = None, action: str = "", status=200
):
    user = request.user
    now = clock.now()
    holds = list(case.holds.select_related("requested_by", "decided_by").order_by("requested_at"))
    extensions = list(
        case.extension_requests.select_related("requested_by", "decided_by").order_by(
            "requested_at"
        )
    )
    pending_hold = next((h for h in holds if h.status == RequestStatus.PENDING), None)
    pending_ext = next((e for e in extensions if e.status == RequestStatus.PENDING), None)
    transitions = selectors.available_transitions(case=case, user=user)
    extra = work_actions(case=case, user=user, pending_hold=pending_hold, pending_ext=pending_ext)
    task = flow_selectors.open_task_for_case(case)
    initial = {"version": case.version, "task": task.pk if task else None}

    def form_for(name: str, form_class: type[forms.CaseForm]) -> forms.CaseForm:
        if bound is not None and name == action:
            return bound
        return form_class(initial=initial, prefix=name)

    actions = [
        {
            "name": name,
            "label": TRANSITION_LABELS[name],
            "form": form_for(name, TRANSITION_FORMS[name]),
            "secondary": name in SECONDARY,
        }
        for name in transitions
    ]
    work = {name: form_for(name, WORK_FORMS[name]) for name in extra}
    siblings = list(
        selectors.case_list_for_user(user)
        .filter(directive_id=case.directive_id)
        .exclude(pk=case.pk)
        .order_by("pk")
    )
    book = CalendarBook([case.organization])
    context = {
        "case": case,
        "now": now,
        "days_left": book.working_days_left(case, now),
        "overdue": case.is_overdue(now),
        "events": selectors.case_timeline(case),
        "progress_updates": case.progress_updates.select_related("author").order_by(
            "-created_at", "-id"
        ),
        "evidence": case.evidence.select_related("uploaded_by").order_by("uploaded_at", "id"),
        "holds": holds,
        "extensions": extensions,
        "pending_hold": pending_hold,
        "pending_ext": pending_ext,
        "actions": actions,
        "work": work,
        "work_labels": WORK_LABELS,
        "open_action": action,
        "task": task,
        "task_is_mine": task is not None and flow_selectors.task_may_be_done_by(task, user, case),
        "siblings": siblings,
        "directive_state": flow_selectors.directive_state(case.directive_id),
        "statuses": CaseStatus,
        "max_mb": _max_mb(),
        "messages_inline": True,
    }
    return TemplateResponse(request, "web/case_detail.html", context, status=status)


def _max_mb() -> int:
    from django.conf import settings

    return settings.EVIDENCE_MAX_BYTES // (1024 * 1024)


@login_required
def case_detail(request, case_id: int):
    return _case_page(request, _case_or_404(request.user, case_id))


# --- actions -----------------------------------------------------------------------------------


def _date(value):
    return value or None


def _transition_call(name: str) -> Callable[..., Any]:
    def call(*, case: Case, user: Any, data: dict[str, Any], version: int) -> Any:
        params: dict[str, Any] = {}
        if name in ("accept", "verify", "verify_ongoing"):
            params["note"] = data.get("note", "")
        elif name == "report":
            params["summary"] = data["summary"]
        elif name == "dispatch":
            params["due_at"] = _date(data.get("due_at"))
        else:
            params["reason"] = data.get("reason", "")
        if name in ("send_back", "reopen", "reassign"):
            params["due_at"] = _date(data.get("due_at"))
        if name == "reassign" and data.get("organization") is not None:
            params["organization"] = data["organization"]
        if name == "hold":
            params["until"] = _date(data.get("until"))
        return services.case_transition(
            case=case, actor=user, name=name, expected_version=version, **params
        )

    return call


def _work_call(name: str) -> Callable[..., Any]:
    def call(*, case: Case, user: Any, data: dict[str, Any], version: int) -> Any:
        if name == "progress":
            return services.case_add_progress(
                case=case,
                actor=user,
                percent=data["percent"],
                note=data["note"],
                expected_version=version,
            )
        if name == "evidence":
            upload = data["file"]
            return services.case_add_evidence(
                case=case,
                actor=user,
                file=upload,
                name=upload.name,
                note=data.get("note", ""),
                expected_version=version,
            )
        if name == "request_hold":
            return services.case_request_hold(
                case=case,
                actor=user,
                reason=data["reason"],
                until=_date(data.get("until")),
                expected_version=version,
            )
        if name == "request_extension":
            return services.case_request_extension(
                case=case,
                actor=user,
                reason=data["reason"],
                proposed_due=data["proposed_due"],
                expected_version=version,
            )
        # Decisions name their request; it must belong to this case.
        model = Hold if name == "decide_hold" else ExtensionRequest
        request_id = data["request_id"]
        if not model.objects.filter(pk=request_id, case_id=case.pk).exists():
            raise NotFound(_("Permohonan tidak ditemukan."))
        if version != case.version:
            raise StaleVersion(_("Kasus ini sudah berubah."))
        if name == "decide_hold":
            return services.hold_decide(
                hold=request_id, actor=user, approve=data["approve"], note=data.get("note", "")
            )
        return services.extension_decide(
            extension=request_id,
            actor=user,
            approve=data["approve"],
            note=data.get("note", ""),
            due_at=_date(data.get("due_at")),
        )

    return call


SUCCESS = {
    "progress": gettext_lazy("Kemajuan dicatat."),
    "evidence": gettext_lazy("Bukti diunggah."),
    "request_hold": gettext_lazy("Permohonan penundaan dikirim."),
    "request_extension": gettext_lazy("Permohonan perpanjangan dikirim."),
    "decide_hold": gettext_lazy("Keputusan penundaan dicatat."),
    "decide_extension": gettext_lazy("Keputusan perpanjangan dicatat."),
}


@login_required
@require_POST
def case_action(request, case_id: int, action: str):
    """One POST per action. The form's ``version`` guards against stale pages and double
    submits; bad input re-renders the page with the errors and saves nothing."""
    case = _case_or_404(request.user, case_id)
    if action in TRANSITION_FORMS:
        form_class, call, label = (
            TRANSITION_FORMS[action],
            _transition_call(action),
            TRANSITION_LABELS[action],
        )
    elif action in WORK_FORMS:
        form_class, call, label = WORK_FORMS[action], _work_call(action), WORK_LABELS[action]
    else:
        raise Http404(_("Aksi tidak dikenal."))
    form = form_class(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        if form.errors.keys() & {"version", "task"}:
            messages.error(request, _("Formulir tidak lengkap. Muat ulang halaman lalu coba lagi."))
            return HttpResponseRedirect(reverse("kasus:detail", args=[case.pk]))
        return _case_page(request, case, bound=form, action=action, status=400)
    data = form.cleaned_data
    try:
        call(case=case, user=request.user, data=data, version=data["version"])
    except (StaleVersion, TransitionNotAllowed, ConcurrentChange):
        # A double submit or a page that was open while someone else acted.
        messages.warning(
            request,
            _(
                "Sudah dilakukan: kasus ini sudah berubah sejak halaman dibuka, "
                "jadi aksi \u201c%(action)s\u201d tidak dijalankan lagi. "
                "Lihat status dan riwayat terbaru."
            )
            % {"action": label},
        )
        return HttpResponseRedirect(reverse("kasus:detail", args=[case.pk]))
    except ActionForbidden as exc:
        raise PermissionDenied(str(exc)) from exc
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    except InvalidInput as exc:
        for field, errors in exc.field_errors.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, str(error))
        if not exc.field_errors:
            form.add_error(None, str(exc))
        return _case_page(request, case, bound=form, action=action, status=400)
    except DomainError as exc:  # any other refusal: a message, never a 500
        messages.error(request, str(exc))
        return HttpResponseRedirect(reverse("kasus:detail", args=[case.pk]))
    messages.success(
        request,
        SUCCESS.get(action) or _("%(action)s: berhasil.") % {"action": label},
    )
    return HttpResponseRedirect(reverse("kasus:detail", args=[case.pk]))


# --- evidence files ------------------------------------------------------------------------------


def _evidence_or_404(user: Any, case_id: Any, evidence_id: Any) -> Evidence:
    case = _case_or_404(user, case_id)
    evidence = Evidence.objects.filter(pk=evidence_id, case_id=case.pk).first()
    if evidence is None:
        raise Http404(_("Bukti tidak ditemukan."))
    return evidence


@login_required
def evidence_file(request, case_id: int, evidence_id: int):
    """The evidence file itself, for those who may see the case; never a public URL."""
    evidence = _evidence_or_404(request.user, case_id, evidence_id)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Berkas bukti tidak ada di penyimpanan.")) from exc
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=evidence.kind != EvidenceKind.PHOTO,
        filename=evidence.original_name,
    )
    _private(response)
    return response


@login_required
def evidence_thumbnail(request, case_id: int, evidence_id: int):
    evidence = _evidence_or_404(request.user, case_id, evidence_id)
    if evidence.kind != EvidenceKind.PHOTO:
        raise Http404
    response = thumbnail_response(evidence)
    _private(response)
    return response


def _private(response: HttpResponse) -> None:
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )


# --- counts for the menu ---------------------------------------------------------------------


def inbox_count(user: Any) -> int:
    return flow_selectors.inbox_tasks(user).aggregate(n=Count("pk"))["n"]
