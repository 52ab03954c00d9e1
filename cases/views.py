"""Web pages of the foundation: "my cases" and a read-only case page.

Views read through selectors and never write; the task screens come with workflows/.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from . import clock, selectors
from .errors import NotFound
from .models import CLOCK_STATES, OPEN_STATES, TRANSITION_LABELS, CaseStatus

FILTERS = {
    "open": ("Terbuka", {"status__in": OPEN_STATES}),
    "overdue": ("Terlambat", None),
    "all": ("Semua", {}),
}


@login_required
def my_cases(request):
    now = clock.now()
    chosen = request.GET.get("tampil", "open")
    if chosen not in FILTERS:
        chosen = "open"
    cases = selectors.case_list_for_user(request.user)
    if chosen == "overdue":
        cases = cases.filter(status__in=CLOCK_STATES, due_at__lt=now)
    else:
        cases = cases.filter(**FILTERS[chosen][1])
    page = Paginator(cases.order_by("due_at", "pk"), 50).get_page(request.GET.get("halaman"))
    overdue_count = (
        selectors.cases_visible_to(request.user)
        .filter(status__in=CLOCK_STATES, due_at__lt=now)
        .count()
    )
    return render(
        request,
        "cases/my_cases.html",
        {
            "page": page,
            "now": now,
            "chosen": chosen,
            "filters": [(key, label) for key, (label, _q) in FILTERS.items()],
            "overdue_count": overdue_count,
            "clock_states": CLOCK_STATES,
        },
    )


@login_required
def case_detail(request, case_id: int):
    try:
        case = selectors.case_for_user(user=request.user, case_id=case_id)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    available = selectors.available_transitions(case=case, user=request.user)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "now": clock.now(),
            "events": selectors.case_timeline(case),
            "available": [(name, TRANSITION_LABELS[name]) for name in available],
            "statuses": CaseStatus,
        },
    )
