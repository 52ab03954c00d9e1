"""Reads. Visibility of cases is decided here and only here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from .errors import NotFound
from .models import Case, CaseEvent, CaseStatus, Notification
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
    own = Q(organization_id__in=organization_ids)
    kelurahan_of_my_kecamatan = Q(organization__parent_id__in=organization_ids)
    return cases.filter(own | kelurahan_of_my_kecamatan).exclude(status=CaseStatus.DRAFT)


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
