"""Reads. Visibility of cases is decided here and only here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import Count, F, Q, QuerySet, Value, When

from .errors import NotFound
from .models import (
    CLOCK_STATES,
    OPEN_STATES,
    AreaLevel,
    Case,
    CaseEvent,
    CaseStatus,
    Directive,
    Notification,
    Organization,
    Rakor,
)
from .permissions import TRANSITION_RULES, membership_roles


def cases_visible_to(user: Any) -> QuerySet[Case]:
    """The cases a user may see.

    - coordinators, admins, auditors and the leadership see every case;
    - a member of an organization sees its dispatched cases;
    - a member of a kecamatan also sees the cases of its kelurahan;
    - partners (Polres, Kodim, Kejari) are members of their own agency: the same rule.
    Draft cases are not yet the OPD's business: only the all-seeing roles see them.
    """
    cases = Case.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return cases.none()
    if user.sees_everything:
        return cases
    organization_ids = list(membership_roles(user))
    if not organization_ids:
        return cases.none()
    # One condition on the case's own column (a subquery over the small organization
    # table, not a join): an index on (organization, …) serves it at any number of cases.
    mine = Organization.objects.filter(
        Q(pk__in=organization_ids) | Q(parent_id__in=organization_ids)
    ).values("pk")
    return cases.filter(organization_id__in=mine).exclude(status=CaseStatus.DRAFT)


def case_ids_visible_to(user: Any) -> QuerySet[Case] | None:
    """The ids of ``cases_visible_to(user)`` as a subquery, or None when the user sees every
    case (no condition needed: a reader over the history table then skips a semi-join with
    the whole case table)."""
    if user is not None and user.is_authenticated and user.is_active and user.sees_everything:
        return None
    return cases_visible_to(user).values("pk")


def case_for_user(*, user: Any, case_id: Any) -> Case:
    """One case the user may see, or NotFound (also for a case that exists but is hidden)."""
    try:
        case_id = int(case_id)
    except (TypeError, ValueError) as exc:
        raise NotFound("Kasus tidak ditemukan.") from exc
    case = (
        cases_visible_to(user)
        .select_related("directive__rakor", "directive__directive_type", "organization", "area")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("Kasus tidak ditemukan.")
    return case


def case_list_for_user(user: Any) -> QuerySet[Case]:
    return cases_visible_to(user).select_related(
        "directive__rakor", "directive__directive_type", "organization", "area"
    )


def available_transitions(*, case: Case, user: Any) -> list[str]:
    """The transitions this user may fire on this case now, in the lifecycle's order."""
    names = {t.name for t in case.get_available_user_status_transitions(user)}
    return [name for name in TRANSITION_RULES if name in names]


def case_timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor").order_by("sequence")


def notifications_for(user: Any) -> QuerySet[Notification]:
    """A person's own notifications, newest first."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk).select_related("case")


def unread_notification_count(user: Any) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


# --- added for the REST API (issue 5) -------------------------------------------------------


def rakor_visible_to(user: Any) -> QuerySet[Rakor]:
    """The meetings a user may see: all for the all-seeing roles; otherwise a meeting with
    at least one directive whose case the user may see (a partner sees only what was asked
    of it)."""
    meetings = Rakor.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return meetings.none()
    if user.sees_everything:
        return meetings
    return meetings.filter(pk__in=cases_visible_to(user).values("directive__rakor_id"))


def directives_visible_to(user: Any) -> QuerySet[Directive]:
    """The directives a user may see, by the same rule as ``rakor_visible_to``."""
    directives = Directive.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return directives.none()
    if user.sees_everything:
        return directives
    return directives.filter(pk__in=cases_visible_to(user).values("directive_id"))


def _kecamatan_of_area(column: str) -> SqlCase:
    """The kecamatan a case's area lies in (the area itself or its parent), else NULL."""
    return SqlCase(
        When(area__level=AreaLevel.KECAMATAN, then=F(f"area__{column}")),
        When(area__level=AreaLevel.KELURAHAN, then=F(f"area__parent__{column}")),
        default=Value(None),
    )


def case_summary(*, user: Any, at: datetime) -> dict[str, Any]:
    """Open and overdue counts of the cases a user may see: in total, by organization and
    by kecamatan (of the case's area; cases of the whole city or without area fall under
    ``None``). Three aggregate queries, whatever the number of cases.

    Overdue: the clock runs (CLOCK_STATES) and the deadline has passed at ``at``.
    """
    # Only open cases count here: read them alone (a partial index), not the whole record.
    cases = cases_visible_to(user).filter(status__in=OPEN_STATES)
    # COUNT(*)/COUNT(status), not COUNT(id): only indexed columns are read, so PostgreSQL
    # can answer from the index alone (status is never NULL: both count rows)
    counts = {
        "open": Count("*"),
        "overdue": Count("status", filter=Q(status__in=CLOCK_STATES, due_at__lt=at)),
    }
    totals = cases.aggregate(**counts)
    by_organization = list(
        cases.values(
            "organization_id",
            "organization__code",
            "organization__short_name",
            "organization__kind",
        )
        .annotate(**counts)
        .order_by("-overdue", "-open", "organization__short_name")
    )
    by_kecamatan = list(
        cases.annotate(
            kecamatan_id=_kecamatan_of_area("id"),
            kecamatan_code=_kecamatan_of_area("code"),
            kecamatan_name=_kecamatan_of_area("name"),
        )
        .values("kecamatan_id", "kecamatan_code", "kecamatan_name")
        .annotate(**counts)
        .order_by("-overdue", "-open", "kecamatan_code")
    )
    return {"totals": totals, "by_organization": by_organization, "by_kecamatan": by_kecamatan}
