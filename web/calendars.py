"""Working calendars for a page of cases, built with one query whatever the page size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db.models import Q

from cases.calendar import WorkingCalendar
from cases.models import CLOCK_STATES, LocalClosure


class CalendarBook:
    """``WorkingCalendar.for_organization`` for many organizations at once.

    Same rule as cases.calendar: a 5-day office closes for the city's closures and its own;
    a 7-day organization only for its own.
    """

    def __init__(self, organizations: Iterable[Any]) -> None:
        organizations = {org.pk: org for org in organizations if org is not None}
        city: set = set()
        own: dict[int, set] = defaultdict(set)
        if organizations:
            rows = LocalClosure.objects.filter(
                Q(organization__isnull=True) | Q(organization_id__in=list(organizations))
            ).values_list("organization_id", "date")
            for organization_id, day in rows:
                (city if organization_id is None else own[organization_id]).add(day)
        self._calendars = {
            pk: WorkingCalendar(
                work_week=org.work_week,
                closures=frozenset(own[pk] if org.work_week == 7 else own[pk] | city),
            )
            for pk, org in organizations.items()
        }

    def working_days_left(self, case: Any, now: datetime) -> int | None:
        """Working days until the deadline (negative: working days overdue), while the
        OPD's clock runs; None otherwise."""
        if case.status not in CLOCK_STATES or case.due_at is None:
            return None
        calendar = self._calendars.get(case.organization_id)
        if calendar is None:
            return None
        return calendar.working_days_between(now, case.due_at)
