"""Rakor pages: the meetings of each series, one meeting with its directives and cases,
capturing a meeting with its directives, fanning a directive out to organizations, and
dispatching many drafts at once (through the verification queue's bulk action).

Reading is for the roles that see every case (``rakor_visible_to``); writing for
coordinators, and every write goes through cases.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cases import clock, selectors, services
from cases.errors import DomainError, InvalidInput
from cases.models import OPEN_STATES, CaseRole, Rakor, RakorSeries, RakorStatus
from cases.permissions import actor_is_coordinator

from .access import coordinator_required, parse_int, reader_required
from .forms_rakor import DirectiveFormSet, FanOutForm, RakorCaptureForm


def _rakor_or_404(user, rakor_id) -> Rakor:
    rakor = (
        selectors.rakor_visible_to(user).select_related("series").filter(pk=parse_int(rakor_id))
    ).first()
    if rakor is None:
        raise Http404(_("Rakor tidak ditemukan."))
    return rakor


def _add_errors(form, exc: DomainError) -> None:
    placed = False
    for field, errors in exc.field_errors.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, str(error))
            placed = True
    if not placed:
        form.add_error(None, str(exc))


@reader_required
def meeting_list(request):
    """Every series with its meetings, newest first, with directive and case counts."""
    meetings = (
        selectors.rakor_visible_to(request.user)
        .annotate(
            directive_count=Count("directives", distinct=True),
            case_count=Count("directives__cases", distinct=True),
            open_count=Count(
                "directives__cases",
                filter=Q(directives__cases__status__in=OPEN_STATES),
                distinct=True,
            ),
        )
        .order_by("series_id", "-date", "-number")
    )
    series = list(RakorSeries.objects.order_by("name"))
    grouped = {s.pk: [] for s in series}
    for meeting in meetings:
        grouped.setdefault(meeting.series_id, []).append(meeting)
    return TemplateResponse(
        request,
        "web/rakor_list.html",
        {
            "series": [(s, grouped.get(s.pk, [])) for s in series],
            "can_write": actor_is_coordinator(request.user),
            "today": clock.now().date(),
            "messages_inline": True,
        },
    )


def _detail_context(request, rakor: Rakor, fan_out_forms=None):
    user = request.user
    visible_cases = selectors.cases_visible_to(user).select_related("organization", "area")
    directives = list(
        rakor.directives.select_related("directive_type__default_lead")
        .prefetch_related(
            "areas",
            "directive_type__default_supporting",
            Prefetch(
                "cases",
                queryset=visible_cases.order_by("role", "organization__short_name"),
                to_attr="visible_cases",
            ),
        )
        .order_by("number")
    )
    can_write = actor_is_coordinator(user) and not rakor.is_closed
    rows = []
    for directive in directives:
        form = None
        if can_write:
            form = (fan_out_forms or {}).get(directive.pk) or FanOutForm(
                prefix=f"d{directive.pk}",
                initial={
                    "lead": [directive.directive_type.default_lead_id]
                    if directive.directive_type.default_lead_id
                    else [],
                    "supporting": [o.pk for o in directive.directive_type.default_supporting.all()],
                    "area": directive.areas.all()[0].pk if directive.areas.all() else None,
                },
            )
        rows.append({"directive": directive, "cases": directive.visible_cases, "form": form})
    drafts = [case for row in rows for case in row["cases"] if case.status == "draft"]
    return {
        "rakor": rakor,
        "rows": rows,
        "drafts": drafts,
        "can_write": can_write,
        "is_draft": rakor.status == RakorStatus.DRAFT,
        "results": request.session.pop("bulk_results", None),
        "roles": CaseRole,
        "messages_inline": True,
    }


@reader_required
def meeting_detail(request, rakor_id: int):
    rakor = _rakor_or_404(request.user, rakor_id)
    return TemplateResponse(request, "web/rakor_detail.html", _detail_context(request, rakor))


@coordinator_required
def meeting_new(request):
    """Capture a meeting and its directives in one go: all of it or nothing."""
    form = RakorCaptureForm(request.POST or None, initial=_new_initial())
    directive_forms = DirectiveFormSet(request.POST or None, prefix="arahan")
    if request.method == "POST" and form.is_valid() and directive_forms.is_valid():
        filled = [f.cleaned_data for f in directive_forms.forms if f.has_changed()]
        try:
            with transaction.atomic():
                rakor = services.rakor_create(actor=request.user, **form.cleaned_data)
                for data in filled:
                    services.directive_create(
                        rakor=rakor,
                        actor=request.user,
                        title=data["title"],
                        text=data["text"],
                        directive_type=data["directive_type"],
                        speaker_name=data["speaker_name"],
                        speaker_office=data["speaker_office"],
                        areas=list(data["areas"]),
                    )
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Rakor dicatat dengan %(n)d arahan.",
                    "Rakor dicatat dengan %(n)d arahan.",
                    len(filled),
                )
                % {"n": len(filled)},
            )
            return HttpResponseRedirect(reverse("rapat:detail", args=[rakor.pk]))
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "web/rakor_new.html",
        {"form": form, "directive_forms": directive_forms, "messages_inline": True},
        status=status,
    )


def _new_initial() -> dict:
    from django.conf import settings

    series = RakorSeries.objects.filter(code=settings.TLR.get("SERIES_DEFAULT", "")).first()
    return {"series": series.pk if series else None}


@coordinator_required
@require_POST
def meeting_held(request, rakor_id: int):
    rakor = _rakor_or_404(request.user, rakor_id)
    try:
        services.rakor_mark_held(rakor=rakor, actor=request.user)
    except DomainError as exc:
        messages.warning(request, str(exc))
    else:
        messages.success(request, _("Rakor dinyatakan terlaksana; arahannya dapat didisposisikan."))
    return HttpResponseRedirect(reverse("rapat:detail", args=[rakor.pk]))


@coordinator_required
@require_POST
def directive_fan_out(request, directive_id: int):
    directive = (
        selectors.directives_visible_to(request.user)
        .select_related("rakor__series", "directive_type__default_lead")
        .filter(pk=parse_int(directive_id))
        .first()
    )
    if directive is None:
        raise Http404(_("Arahan tidak ditemukan."))
    rakor = directive.rakor
    form = FanOutForm(request.POST, prefix=f"d{directive.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            cases = services.directive_fan_out(
                directive=directive,
                actor=request.user,
                lead=list(data["lead"]),
                supporting=list(data["supporting"]),
                priority=data["priority"],
                area=data["area"],
                dispatch=data["dispatch"],
                due_at=data["due_at"],
            )
        except InvalidInput as exc:
            _add_errors(form, exc)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if data["dispatch"]:
                text = ngettext(
                    "%(n)d kasus dibuat dan didisposisikan.",
                    "%(n)d kasus dibuat dan didisposisikan.",
                    len(cases),
                )
            else:
                text = ngettext("%(n)d kasus draf dibuat.", "%(n)d kasus draf dibuat.", len(cases))
            messages.success(request, text % {"n": len(cases)})
            return HttpResponseRedirect(
                reverse("rapat:detail", args=[rakor.pk]) + f"#arahan-{directive.pk}"
            )
    context = _detail_context(request, rakor, fan_out_forms={directive.pk: form})
    context["open_directive"] = directive.pk
    return TemplateResponse(request, "web/rakor_detail.html", context, status=400)
