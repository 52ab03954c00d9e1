"""Deadlines: computing them with the working-day calendar, and when the sweep looks next."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .calendar import WorkingCalendar, calendar_version, end_of_working_day, local_date
from .errors import InvalidInput
from .models import CLOCK_STATES, Case


def default_deadline(*, case: Case, at: datetime) -> tuple[datetime, str]:
    """The directive type's default number of working days after ``at``, at end of day."""
    calendar = WorkingCalendar.for_organization(case.organization)
    days = case.directive.directive_type.default_working_days
    return end_of_working_day(calendar.add_working_days(at, days)), calendar_version()


def explicit_deadline(
    *, case: Case, at: datetime, due: date | datetime, field: str = "due_at"
) -> tuple[datetime, str]:
    """A deadline a person chose: a date means the end of that working day (WIB)."""
    calendar = WorkingCalendar.for_organization(case.organization)
    if isinstance(due, datetime):
        if timezone.is_naive(due):
            raise InvalidInput.on(field, _("Waktu batas harus menyertakan zona waktu."))
        due_at = due
    else:
        due_at = end_of_working_day(due)
    if due_at <= at:
        raise InvalidInput.on(field, _("Batas waktu harus setelah saat ini."))
    if not isinstance(due, datetime) and not calendar.is_working_day(due):
        raise InvalidInput.on(
            field,
            _("%(date)s bukan hari kerja bagi %(org)s.")
            % {"date": due.strftime("%d-%m-%Y"), "org": case.organization},
        )
    if local_date(due_at).year > local_date(at).year + 5:
        raise InvalidInput.on(field, _("Batas waktu terlalu jauh (lebih dari 5 tahun)."))
    return due_at, calendar_version()


def deadline_for(
    *, case: Case, at: datetime, due: date | datetime | None, field: str = "due_at"
) -> tuple[datetime, str]:
    if due is None:
        return default_deadline(case=case, at=at)
    return explicit_deadline(case=case, at=at, due=due, field=field)


def next_sweep_time(case: Case) -> datetime | None:
    """When the sweep must look at this case next: its deadline while the clock runs."""
    if case.status in CLOCK_STATES and case.due_at is not None:
        return case.due_at
    return None
