"""Screens of the Rakor cycle: minutes import, agenda, report.

Thin: they read through ``rakor.selectors`` and write through ``rakor.services`` (which call
``cases.services``); they never set a status or save a case. Reading is for the roles that
see every case; writing for coordinators (``cases.permissions.actor_is_coordinator``).
Domain errors become form errors or messages, never a 500.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import clock
from cases.errors import ActionForbidden, DomainError, NotFound
from cases.permissions import actor_is_coordinator

from . import selectors, services
from .forms import AcceptForm, DecisionForm, DraftForm, MinutesForm, RakorForm
from .models import DraftStatus, ReportStatus


def reader_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.may_read(request.user):
            raise PermissionDenied(_("Halaman ini untuk koordinator, auditor, dan pimpinan."))
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc)) from exc
        except ActionForbidden as exc:
            raise PermissionDenied(str(exc)) from exc

    return wrapped


def coordinator_required(view):
    @reader_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not actor_is_coordinator(request.user):
            raise PermissionDenied(_("Hanya koordinator Bakesbangpol yang dapat melakukan ini."))
        return view(request, *args, **kwargs)

    return wrapped


def _add_errors(form, exc: DomainError) -> None:
    placed = False
    for field, errors in exc.field_errors.items():
        target = field if field in form.fields else None
        for error in errors:
            form.add_error(target, str(error))
            placed = True
    if not placed:
        form.add_error(None, str(exc))


# --- meetings -------------------------------------------------------------------------------


@reader_required
def meeting_list(request):
    return render(
        request,
        "rakor/meeting_list.html",
        {"meetings": selectors.meetings()[:100], "can_write": actor_is_coordinator(request.user)},
    )


@coordinator_required
def meeting_new(request):
    form = RakorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rakor = services.rakor_create_next(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Rakor dicatat; agenda tindak lanjut disusun."))
            return redirect("rakor:agenda", rakor.pk)
    return render(request, "rakor/meeting_new.html", {"form": form})


# --- minutes import -------------------------------------------------------------------------


@reader_required
def minutes_new(request, rakor_id: int):
    rakor = selectors.meeting(rakor_id)
    form = MinutesForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not actor_is_coordinator(request.user):
            raise PermissionDenied(_("Hanya koordinator Bakesbangpol yang dapat mengimpor."))
        if form.is_valid():
            try:
                imported = services.minutes_import(
                    rakor=rakor,
                    actor=request.user,
                    data=form.cleaned_data["minutes"],
                    source_name=form.cleaned_data["source_name"],
                )
            except DomainError as exc:
                _add_errors(form, exc)
            else:
                count = imported.drafts.count()
                messages.success(
                    request, _("%(n)d draf arahan terbaca dari notulen.") % {"n": count}
                )
                return redirect("rakor:import", imported.pk)
    imports = rakor.minutes_imports.select_related("created_by")[:20]
    return render(
        request,
        "rakor/minutes_new.html",
        {
            "rakor": rakor,
            "form": form,
            "imports": imports,
            "can_write": actor_is_coordinator(request.user),
        },
    )


def _draft_initial(draft) -> dict:
    return {
        "title": draft.title,
        "text": draft.text,
        "speaker_name": draft.speaker_name,
        "speaker_office": draft.speaker_office,
        "directive_type": draft.directive_type_id,
        "lead": [o.pk for o in draft.lead.all()],
        "supporting": [o.pk for o in draft.supporting.all()],
        "areas": [a.pk for a in draft.areas.all()],
        "due": draft.due,
    }


@reader_required
def import_detail(request, import_id: int, forms_with_errors=None):
    imported = selectors.minutes_import(import_id)
    drafts = selectors.drafts_of(imported)
    forms_with_errors = forms_with_errors or {}
    cards = []
    for draft in drafts:
        form = forms_with_errors.get(draft.pk) or DraftForm(
            initial=_draft_initial(draft), prefix=f"d{draft.pk}"
        )
        cards.append((draft, form))
    return render(
        request,
        "rakor/import_detail.html",
        {
            "imported": imported,
            "rakor": imported.rakor,
            "cards": cards,
            "pieces": selectors.highlighted(imported.text, drafts),
            "pending": sum(1 for d in drafts if d.status == DraftStatus.PENDING),
            "can_write": actor_is_coordinator(request.user) and not imported.rakor.is_closed,
            "accept_form": AcceptForm(initial={"dispatch": imported.rakor.status == "held"}),
        },
        status=400 if forms_with_errors else 200,
    )


@require_POST
@coordinator_required
def draft_action(request, draft_id: int, action: str):
    from .models import DraftDirective

    if action not in ("simpan", "terima", "buang"):
        raise Http404(_("Aksi tidak dikenal."))
    draft = DraftDirective.objects.select_related("minutes_import").filter(pk=draft_id).first()
    if draft is None:
        raise Http404(_("Draf arahan tidak ditemukan."))
    import_id = draft.minutes_import_id
    try:
        if action == "buang":
            services.draft_drop(draft=draft, actor=request.user)
            messages.success(request, _("Draf #%(n)d dibuang.") % {"n": draft.sequence})
            return redirect("rakor:import", import_id)
        form = DraftForm(request.POST, prefix=f"d{draft.pk}")
        if not form.is_valid():
            messages.error(request, _("Draf #%(n)d belum lengkap.") % {"n": draft.sequence})
            return import_detail(request, import_id, forms_with_errors={draft.pk: form})
        try:
            services.draft_update(draft=draft, actor=request.user, **form.cleaned_data)
            if action == "terima":
                dispatch = AcceptForm(request.POST)
                dispatch.is_valid()
                services.draft_accept(
                    draft=draft,
                    actor=request.user,
                    dispatch=bool(dispatch.cleaned_data.get("dispatch")),
                )
                messages.success(
                    request,
                    _("Draf #%(n)d diterima: arahan dan kasusnya dibuat.") % {"n": draft.sequence},
                )
            else:
                messages.success(request, _("Draf #%(n)d disimpan.") % {"n": draft.sequence})
        except DomainError as exc:
            _add_errors(form, exc)
            return import_detail(request, import_id, forms_with_errors={draft.pk: form})
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("rakor:import", import_id)


@require_POST
@coordinator_required
def import_accept_rest(request, import_id: int):
    imported = selectors.minutes_import(import_id)
    form = AcceptForm(request.POST)
    form.is_valid()
    try:
        accepted = services.drafts_accept_rest(
            minutes_import=imported,
            actor=request.user,
            dispatch=bool(form.cleaned_data.get("dispatch")),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(n)d draf diterima: arahan dan kasusnya dibuat.") % {"n": len(accepted)}
        )
    return redirect("rakor:import", import_id)


# --- agenda ---------------------------------------------------------------------------------


@reader_required
def agenda(request, rakor_id: int, failed=None):
    rakor = selectors.meeting(rakor_id)
    groups = selectors.agenda(rakor)
    failed = failed or {}
    can_write = actor_is_coordinator(request.user) and not rakor.is_closed
    rows = [
        (org, [(item, failed.get(item.pk) or DecisionForm(prefix=f"a{item.pk}")) for item in items])
        for org, items in groups
    ]
    return render(
        request,
        "rakor/agenda.html",
        {
            "rakor": rakor,
            "groups": rows,
            "previous": services.previous_meeting(rakor),
            "can_write": can_write,
            "now": clock.now(),
            "count": sum(len(items) for _org, items in groups),
        },
        status=400 if failed else 200,
    )


@require_POST
@coordinator_required
def agenda_rebuild(request, rakor_id: int):
    rakor = selectors.meeting(rakor_id)
    try:
        items = services.agenda_build(rakor=rakor, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Agenda disusun ulang: %(n)d kasus.") % {"n": len(items)})
    return redirect("rakor:agenda", rakor.pk)


@require_POST
@coordinator_required
def agenda_decide(request, item_id: int):
    item = selectors.agenda_item(item_id)
    form = DecisionForm(request.POST, prefix=f"a{item.pk}")
    if form.is_valid():
        try:
            decision = services.decision_record(item=item, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Keputusan dicatat: %(o)s.") % {"o": decision.outcome})
            return redirect(f"{_agenda_url(item.rakor_id)}#butir-{item.pk}")
    return agenda(request, item.rakor_id, failed={item.pk: form})


def _agenda_url(rakor_id: int) -> str:
    from django.urls import reverse

    return reverse("rakor:agenda", args=[rakor_id])


# --- report ---------------------------------------------------------------------------------


@reader_required
def report_page(request, rakor_id: int):
    rakor = selectors.meeting(rakor_id)
    reports = list(selectors.reports_of(rakor)[:10])
    busy = any(r.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) for r in reports)
    return render(
        request,
        "rakor/report.html",
        {
            "rakor": rakor,
            "reports": reports,
            "busy": busy,
            "can_write": actor_is_coordinator(request.user),
        },
    )


@require_POST
@coordinator_required
def report_generate(request, rakor_id: int):
    rakor = selectors.meeting(rakor_id)
    services.report_request(rakor=rakor, actor=request.user)
    messages.success(request, _("Laporan sedang dibuat; halaman ini memperbarui kemajuannya."))
    return redirect("rakor:report", rakor.pk)


@reader_required
def report_status(request, report_id: int):
    report = selectors.report(report_id)
    return JsonResponse(
        {
            "id": report.pk,
            "status": report.status,
            "status_label": report.get_status_display(),
            "progress": report.progress,
            "message": report.message,
            "ready": report.status == ReportStatus.DONE,
        }
    )


@reader_required
def report_download(request, report_id: int, kind: str):
    report = selectors.report(report_id)
    field = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if field is None or report.status != ReportStatus.DONE or not field:
        raise Http404(_("Berkas laporan belum tersedia."))
    name = f"laporan-tindak-lanjut-rakor-{report.rakor_id}.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
