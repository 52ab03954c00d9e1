"""Deadlines and the sweep's schedule.

A deadline falls at the end of the working day (16:00 WIB) of its last working day. Around
it, the sweep has three kinds of due work, all computed with the case organization's
working-day calendar:

- reminders, k working days before the deadline (``settings.TLR["REMINDER_DAYS"]``, 3 and 1),
  at the start of that working day (07:00 WIB), only while the deadline is still ahead;
- escalation levels from the ladder (``EscalationRule``): level L falls due
  ``working_days_after_deadline`` working days after the deadline, at the deadline's time
  of day (so level 1 with 0 days falls due at the deadline itself);
- the automatic end of a hold that carries an end date, at 07:00 WIB on that date.

``Case.next_escalation_at`` holds the earliest of these that is still to be done. For
escalations that is the next level above ``escalation_level``, even when it lies in the
past: a case that comes back from a hold long overdue is caught up level by level. For
reminders it is the next one after the moment of the computation: a reminder that is
already late is never sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .calendar import (
    WIB,
    WorkingCalendar,
    calendar_version,
    end_of_working_day,
    local_date,
)
from .errors import InvalidInput
from .models import CLOCK_STATES, Case, CaseStatus, EscalationRule, RequestStatus

MORNING = time(7, 0)


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


# --- the sweep's schedule ------------------------------------------------------------------


def reminder_days() -> tuple[int, ...]:
    return tuple(sorted(set(settings.TLR["REMINDER_DAYS"]), reverse=True))


def active_rules() -> list[EscalationRule]:
    return list(EscalationRule.objects.filter(is_active=True).order_by("level"))


def reminder_times(
    due_at: datetime, calendar: WorkingCalendar, days: Sequence[int]
) -> list[tuple[int, datetime]]:
    """(k, moment) for each reminder k working days before ``due_at``, earliest first."""
    due_day = local_date(due_at)
    times = []
    for k in sorted(set(days), reverse=True):
        day = calendar.working_day_before(due_day, k)
        times.append((k, datetime.combine(day, MORNING, tzinfo=WIB)))
    return times


def escalation_time(due_at: datetime, rule: EscalationRule, calendar: WorkingCalendar) -> datetime:
    if rule.working_days_after_deadline == 0:
        return due_at
    local = due_at.astimezone(WIB)
    day = calendar.add_working_days(local.date(), rule.working_days_after_deadline)
    return datetime.combine(day, local.timetz())


def hold_resume_time(until: date) -> datetime:
    return datetime.combine(until, MORNING, tzinfo=WIB)


def next_escalation_rule(level: int, rules: Sequence[EscalationRule]) -> EscalationRule | None:
    """The first active rule above ``level`` (rules are ordered by level)."""
    for rule in rules:
        if rule.level > level:
            return rule
    return None


class Moments:
    """Reminder and escalation moments, computed once per (deadline, calendar) in a sweep:
    cases dispatched together share their deadline, and a batch shares its calendars."""

    def __init__(self) -> None:
        self._reminders: dict = {}
        self._escalations: dict = {}
        self._days = reminder_days()

    def reminders(self, due_at: datetime, calendar: WorkingCalendar) -> list[tuple[int, datetime]]:
        key = (due_at, id(calendar))
        found = self._reminders.get(key)
        if found is None:
            found = self._reminders[key] = reminder_times(due_at, calendar, self._days)
        return found

    def escalation(self, due_at: datetime, rule: EscalationRule, calendar: WorkingCalendar):
        key = (due_at, rule.pk, id(calendar))
        found = self._escalations.get(key)
        if found is None:
            found = self._escalations[key] = escalation_time(due_at, rule, calendar)
        return found


def next_clock_time(
    *,
    due_at: datetime,
    escalation_level: int,
    at: datetime,
    rules: Sequence[EscalationRule],
    calendar: WorkingCalendar,
    moments: Moments | None = None,
) -> datetime | None:
    """For a case whose clock runs: the next reminder after ``at``, or the next level."""
    moments = moments or Moments()
    candidates = []
    if at < due_at:
        candidates += [
            moment for _k, moment in moments.reminders(due_at, calendar) if at < moment < due_at
        ]
    rule = next_escalation_rule(escalation_level, rules)
    if rule is not None:
        candidates.append(moments.escalation(due_at, rule, calendar))
    return min(candidates) if candidates else None


def next_sweep_time(
    case: Case,
    *,
    at: datetime,
    rules: Sequence[EscalationRule] | None = None,
    calendar: WorkingCalendar | None = None,
) -> datetime | None:
    """The earliest work the sweep still has to do on this case (see the module docstring)."""
    if case.status == CaseStatus.ON_HOLD:
        until = (
            case.holds.filter(status=RequestStatus.APPROVED, until__isnull=False)
            .values_list("until", flat=True)
            .first()
        )
        return hold_resume_time(until) if until else None
    if case.status not in CLOCK_STATES or case.due_at is None:
        return None
    return next_clock_time(
        due_at=case.due_at,
        escalation_level=case.escalation_level,
        at=at,
        rules=active_rules() if rules is None else rules,
        calendar=calendar or WorkingCalendar.for_organization(case.organization),
    )
