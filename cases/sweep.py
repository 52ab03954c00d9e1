"""The sweep: reminders, escalations and automatic resumes, from ``Case.next_escalation_at``.

One periodic huey task (and ``manage.py run_sweep``) calls ``run_sweep``. It reads due work
from the partial index on ``next_escalation_at`` — never a scan of all cases — in batches:

1. lock a batch of due cases (``FOR UPDATE SKIP LOCKED`` on PostgreSQL: a case a user is
   moving right now is left for the next run) and re-read them, so a case whose state
   changed meanwhile carries its new ``next_escalation_at`` and is not due any more;
2. resume holds whose end date has come, through ``services.case_resume`` (a system actor);
3. for the others, work out every due step — at most one reminder while the deadline is
   ahead; every escalation level whose time has come, in order (a case 10 working days
   overdue gets levels 1, 2 and 3 on its first run) — and write them in bulk: per step one
   ``Escalation`` (or nothing for a reminder), one ``CaseEvent`` naming the rule as the actor,
   and one history row, then the case row itself;
4. after commit, hand the new events to the notification task.

Idempotent: a processed case's ``next_escalation_at`` moves past the sweep's ``now``, and
the unique constraint on (case, level, deadline) refuses a duplicate escalation even if two
consumers ever got the same case (then that batch rolls back and is redone case by case,
skipping the conflict).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Max

from . import clock
from .actors import SystemActor
from .calendar import WIB, WorkingCalendar
from .deadlines import (
    active_rules,
    escalation_time,
    next_escalation_rule,
    next_sweep_time,
    reminder_days,
    reminder_times,
)
from .models import (
    CLOCK_STATES,
    Case,
    CaseEvent,
    CaseStatus,
    Escalation,
    EscalationRule,
    EventKind,
)

logger = logging.getLogger(__name__)

AUTO_RESUME = SystemActor("Sistem: lanjut otomatis setelah masa tunda")


def rule_actor_label(rule: EscalationRule) -> str:
    return f"Aturan eskalasi L{rule.level}: {rule.name}"


def reminder_actor_label(k: int) -> str:
    return f"Pengingat otomatis H-{k}"


@dataclass
class SweepResult:
    now: datetime
    batches: int = 0
    cases: int = 0
    escalations: int = 0
    reminders: int = 0
    resumed: int = 0
    skipped: int = 0
    failed: list[int] = field(default_factory=list)
    event_ids: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "now": self.now.astimezone(WIB).isoformat(),
            "batches": self.batches,
            "cases": self.cases,
            "escalations": self.escalations,
            "reminders": self.reminders,
            "resumed": self.resumed,
            "skipped": self.skipped,
            "failed": self.failed,
        }


@dataclass
class _Plan:
    """What the sweep writes for one case: snapshots for history, events, escalations."""

    snapshots: list[Case] = field(default_factory=list)
    events: list[CaseEvent] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    reminders: int = 0


def _due_batch(now: datetime, size: int, exclude: set[int]) -> list[Case]:
    query = Case.objects.filter(next_escalation_at__lte=now).exclude(pk__in=exclude)
    if connection.features.has_select_for_update_skip_locked:
        query = query.select_for_update(skip_locked=True, of=("self",))
    return list(query.select_related("organization").order_by("next_escalation_at", "pk")[:size])


def _step(
    case: Case, *, now: datetime, label: str, reason: str, kind: str, data: dict
) -> tuple[Case, CaseEvent]:
    """Advance the in-memory case by one recorded step; return its snapshot and event."""
    case.version += 1
    case.updated_at = now
    snapshot = copy.copy(case)
    snapshot._history_user = None
    snapshot._history_date = now
    snapshot._change_reason = reason
    event = CaseEvent(
        case_id=case.pk,
        kind=kind,
        actor=None,
        actor_label=label,
        reason="",
        data=data,
        created_at=now,
    )
    return snapshot, event


def plan_case(
    case: Case, *, now: datetime, rules: list[EscalationRule], calendar: WorkingCalendar
) -> _Plan:
    """Every step due on ``case`` at ``now``, applied to ``case`` in memory."""
    plan = _Plan()
    due_at = case.due_at
    started = case.next_escalation_at
    deadline = due_at.astimezone(WIB).isoformat()
    if now < due_at:
        due_reminders = [
            (k, moment)
            for k, moment in reminder_times(due_at, calendar, reminder_days())
            if started <= moment <= now and moment < due_at
        ]
        if due_reminders:
            k, moment = due_reminders[-1]  # only the nearest: older ones are stale
            snapshot, event = _step(
                case,
                now=now,
                label=reminder_actor_label(k),
                reason=f"[remind] H-{k}",
                kind=EventKind.REMINDED,
                data={
                    "days_before": k,
                    "deadline": deadline,
                    "scheduled_at": moment.astimezone(WIB).isoformat(),
                },
            )
            plan.snapshots.append(snapshot)
            plan.events.append(event)
            plan.reminders += 1
    while (rule := next_escalation_rule(case, rules)) is not None:
        moment = escalation_time(due_at, rule, calendar)
        if moment > now:
            break
        old_level = case.escalation_level
        case.escalation_level = rule.level
        label = rule_actor_label(rule)
        snapshot, event = _step(
            case,
            now=now,
            label=label,
            reason=f"[escalate] {label}",
            kind=EventKind.ESCALATED,
            data={
                "escalation_level": [old_level, rule.level],
                "level": rule.level,
                "rule_id": rule.pk,
                "deadline": deadline,
                "working_days_after_deadline": rule.working_days_after_deadline,
                "scheduled_at": moment.astimezone(WIB).isoformat(),
                "on_agenda": rule.add_to_agenda,
            },
        )
        plan.snapshots.append(snapshot)
        plan.events.append(event)
        plan.escalations.append(
            Escalation(
                case_id=case.pk,
                level=rule.level,
                rule=rule,
                rule_name=rule.name,
                deadline=due_at,
                escalated_at=now,
                on_agenda=rule.add_to_agenda,
            )
        )
    return plan


def _write(cases: list[Case], plans: list[_Plan], now: datetime, result: SweepResult) -> None:
    """Bulk-write the plans of one batch: sequences, escalations, events, history, cases."""
    ids = [case.pk for case in cases]
    last = dict(
        CaseEvent.objects.filter(case_id__in=ids)
        .values("case_id")
        .annotate(last=Max("sequence"))
        .values_list("case_id", "last")
    )
    events, snapshots, escalations = [], [], []
    for case, plan in zip(cases, plans, strict=True):
        sequence = last.get(case.pk) or 0
        for event in plan.events:
            sequence += 1
            event.sequence = sequence
        events += plan.events
        snapshots += plan.snapshots
        escalations += plan.escalations
        result.escalations += len(plan.escalations)
        result.reminders += plan.reminders
    if escalations:
        Escalation.objects.bulk_create(escalations)
    created = CaseEvent.objects.bulk_create(events)
    if snapshots:
        Case.history.bulk_history_create(snapshots, update=True)
    # The rows are locked and re-read; bulk_update writes no history of its own, the
    # snapshots above are the history rows (one per step).
    Case.objects.bulk_update(
        cases, ["escalation_level", "next_escalation_at", "version", "updated_at"]
    )
    result.event_ids += [event.pk for event in created if event.pk]


def _process(batch: list[Case], *, now, rules, result: SweepResult) -> None:
    calendars: dict[int, WorkingCalendar] = {}
    writable, plans = [], []
    for case in batch:
        if case.status == CaseStatus.ON_HOLD:
            _resume(case, now=now, result=result)
            continue
        if case.status not in CLOCK_STATES or case.due_at is None:
            # Nothing the sweep does applies any more: just stop looking at it.
            case.next_escalation_at = None
            Case.objects.filter(pk=case.pk).update(next_escalation_at=None)
            result.skipped += 1
            continue
        calendar = calendars.get(case.organization_id)
        if calendar is None:
            calendar = calendars[case.organization_id] = WorkingCalendar.for_organization(
                case.organization
            )
        plan = plan_case(case, now=now, rules=rules, calendar=calendar)
        case.next_escalation_at = next_sweep_time(case, at=now, rules=rules, calendar=calendar)
        if (
            not plan.events
            and case.next_escalation_at is not None
            and case.next_escalation_at <= now
        ):
            # Should not happen; never let one case spin the sweep.
            logger.error("sweep: case %s stays due without work", case.pk)
            case.next_escalation_at = None
        if plan.events:
            writable.append(case)
            plans.append(plan)
        else:
            Case.objects.filter(pk=case.pk).update(next_escalation_at=case.next_escalation_at)
            result.skipped += 1
    if writable:
        _write(writable, plans, now, result)
    result.cases += len(batch)


def _resume(case: Case, *, now: datetime, result: SweepResult) -> None:
    from . import services

    with clock.frozen(now):
        services.case_resume(
            case=case.pk,
            actor=AUTO_RESUME,
            reason="Masa tunda berakhir pada tanggal yang ditetapkan.",
        )
    result.resumed += 1


def run_sweep(*, now: datetime | None = None, batch_size: int | None = None) -> SweepResult:
    """Do all due work as of ``now`` (default: the services' clock). Safe to repeat."""
    now = now or clock.now()
    batch_size = batch_size or settings.TLR["SWEEP_BATCH_SIZE"]
    result = SweepResult(now=now)
    # The idle sweep (nothing due) is this one indexed query, outside any transaction.
    if not Case.objects.filter(next_escalation_at__lte=now).exists():
        return result
    rules = active_rules()
    exclude: set[int] = set()
    while True:
        try:
            with transaction.atomic():
                batch = _due_batch(now, batch_size, exclude)
                if not batch:
                    break
                _process(batch, now=now, rules=rules, result=result)
                result.batches += 1
                _notify_on_commit(result)
        except IntegrityError:
            # A duplicate escalation: somebody else did part of this batch. Redo it one case
            # at a time so the others still go through and the duplicate is skipped.
            logger.warning("sweep: conflict in a batch; retrying case by case")
            for case_id in [c.pk for c in batch]:
                _one(case_id, now=now, rules=rules, result=result, exclude=exclude)
    return result


def _one(case_id: int, *, now, rules, result: SweepResult, exclude: set[int]) -> None:
    try:
        with transaction.atomic():
            query = Case.objects.filter(pk=case_id, next_escalation_at__lte=now)
            if connection.features.has_select_for_update_skip_locked:
                query = query.select_for_update(skip_locked=True, of=("self",))
            batch = list(query.select_related("organization"))
            if batch:
                _process(batch, now=now, rules=rules, result=result)
                _notify_on_commit(result)
    except IntegrityError:
        logger.warning("sweep: case %s already escalated elsewhere; skipped", case_id)
        exclude.add(case_id)
        result.failed.append(case_id)


def _notify_on_commit(result: SweepResult) -> None:
    event_ids = list(result.event_ids)
    result.event_ids.clear()
    if event_ids:
        from .tasks import notify_events

        transaction.on_commit(lambda: notify_events(event_ids))
