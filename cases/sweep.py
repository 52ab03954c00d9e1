"""The sweep: reminders, escalations and automatic resumes, from ``Case.next_escalation_at``.

One periodic huey task (and ``manage.py run_sweep``) calls ``run_sweep``. It reads due work
from the partial index on ``next_escalation_at`` — never a scan of all cases — in batches:

1. lock a batch of due cases (``FOR UPDATE SKIP LOCKED`` on PostgreSQL: a case a user is
   moving right now is left for the next run; SQLite serializes writers anyway) and re-read
   them in the same query, so a case whose state changed meanwhile carries its new
   ``next_escalation_at`` and is simply not in the batch;
2. resume holds whose end date has come, through ``services.case_resume`` (a system actor);
3. for the others, work out every due step — at most one reminder while the deadline is
   ahead (older ones are stale); every escalation level whose time has come, in order (a
   case 10 working days overdue gets levels 1, 2 and 3 on its first run) — and write them:
   per step one ``Escalation`` (none for a reminder), one ``CaseEvent`` naming the rule as
   its actor, and one history row; then the case row;
4. after commit, hand the new events to the notification task.

Idempotent: a processed case's ``next_escalation_at`` moves past the sweep's ``now``, and the
unique constraint on (case, level, deadline) refuses a duplicate escalation even if two
consumers ever got the same case (that batch then rolls back and is redone case by case,
skipping the conflict).

The writes are prepared ``executemany`` statements built from the models' own tables and
columns, and each history row is copied from the locked case row by ``INSERT … SELECT``
with the step's changed fields: the sweep is the one hot path measured against hand-written
SQL (``bench/sweep.py``), and the ORM's per-object ``bulk_update``/``bulk_create`` cost
10–20 times the database work here. The rows written are exactly those the services write.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction

from . import audit, bulk, clock
from .actors import SystemActor
from .calendar import WIB, CalendarBook, WorkingCalendar
from .deadlines import Moments, active_rules, next_clock_time, next_escalation_rule
from .models import CLOCK_STATES, Case, CaseEvent, CaseStatus, Escalation, EscalationRule, EventKind
from .signals import case_events_recorded

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


class Due:
    """One due case, as the sweep reads it: its row's recorded values, not a model instance."""

    __slots__ = ("row", "work_week")

    def __init__(self, row: dict, work_week: int):
        self.row = row
        self.work_week = work_week

    pk = property(lambda self: self.row["id"])
    status = property(lambda self: self.row["status"])
    due_at = property(lambda self: self.row["due_at"])
    organization_id = property(lambda self: self.row["organization_id"])

    @property
    def escalation_level(self) -> int:
        return self.row["escalation_level"]

    @escalation_level.setter
    def escalation_level(self, value: int) -> None:
        self.row["escalation_level"] = value

    @property
    def next_escalation_at(self) -> datetime | None:
        return self.row["next_escalation_at"]

    @next_escalation_at.setter
    def next_escalation_at(self, value: datetime | None) -> None:
        self.row["next_escalation_at"] = value


@dataclass
class Step:
    """One recorded step on one case: a reminder, or one escalation level."""

    case: Due
    kind: str
    label: str
    level: int  # the case's escalation level after this step
    data: dict
    rule: EscalationRule | None = None


def _due_batch(now: datetime, size: int, exclude: set[int], only: int | None = None) -> list[Due]:
    query = Case.objects.filter(next_escalation_at__lte=now)
    if only is not None:
        query = query.filter(pk=only)
    if exclude:
        query = query.exclude(pk__in=exclude)
    if connection.features.has_select_for_update_skip_locked:
        query = query.select_for_update(skip_locked=True, of=("self",))
    names = [*audit.history_fields(), "next_escalation_at", "event_head", "history_head"]
    rows = query.order_by("next_escalation_at", "pk").values(*names, "organization__work_week")[
        :size
    ]
    return [Due(row, row.pop("organization__work_week")) for row in rows]


def plan_steps(
    case: Due,
    *,
    now: datetime,
    rules: list[EscalationRule],
    calendar: WorkingCalendar,
    moments: Moments | None = None,
) -> list[Step]:
    """Every step due on ``case`` at ``now``, in order. Raises ``case.escalation_level`` as it
    goes; the steps' records are made by ``_write``."""
    moments = moments or Moments()
    steps: list[Step] = []
    due_at = case.due_at
    deadline = due_at.astimezone(WIB).isoformat()
    if now < due_at:
        due_reminders = [
            (k, moment)
            for k, moment in moments.reminders(due_at, calendar)
            if case.next_escalation_at <= moment <= now
        ]
        if due_reminders:
            k, moment = due_reminders[-1]  # only the nearest: older ones are stale
            steps.append(Step(
                case=case, kind=EventKind.REMINDED, label=reminder_actor_label(k),
                level=case.escalation_level, data={"days_before": k, "deadline": deadline,
                      "scheduled_at": moment.astimezone(WIB).isoformat()},
            ))  # fmt: skip
    while (rule := next_escalation_rule(case.escalation_level, rules)) is not None:
        moment = moments.escalation(due_at, rule, calendar)
        if moment > now:
            break
        old_level, case.escalation_level = case.escalation_level, rule.level
        steps.append(Step(
            case=case, kind=EventKind.ESCALATED, label=rule_actor_label(rule), rule=rule,
            level=rule.level,
            data={"escalation_level": [old_level, rule.level], "level": rule.level,
                  "rule_id": rule.pk, "deadline": deadline,
                  "working_days_after_deadline": rule.working_days_after_deadline,
                  "scheduled_at": moment.astimezone(WIB).isoformat(),
                  "on_agenda": rule.add_to_agenda},
        ))  # fmt: skip
    return steps


# --- writing ------------------------------------------------------------------------------------

EVENT_COLUMNS = (
    "case", "sequence", "kind", "transition", "from_status", "to_status", "actor",
    "actor_label", "reason", "data", "created_at", "prev_hash", "hash",
)  # fmt: skip
HISTORY_META = ("history_date", "history_change_reason", "history_type", "history_user")


def _write(steps: list[Step], quiet: list[Due], now: datetime) -> list[int]:
    """Write one batch: per step an event and a history row (chained, as cases.audit
    requires: versions and sequences advance together) and an escalation; then the cases.
    Returns the new events' ids."""
    recorded = audit.history_fields()
    escalations, events, history = [], [], []
    for step in steps:
        case = step.case
        row = case.row
        row["version"] += 1
        values = {
            "case_id": case.pk, "sequence": row["version"], "kind": step.kind, "transition": "",
            "from_status": "", "to_status": "", "actor_id": None, "actor_label": step.label,
            "reason": "", "data": step.data, "created_at": now,
        }  # fmt: skip
        event_hash = audit.link(row["event_head"], values)
        events.append((*values.values(), row["event_head"], event_hash))
        snapshot = {name: row[name] for name in recorded}
        snapshot.update(escalation_level=step.level, updated_at=now)
        reason = f"[{'escalate' if step.rule else 'remind'}] {step.label}"
        snapshot.update(
            history_date=now, history_change_reason=reason, history_type="~", history_user_id=None
        )
        row_hash = audit.link(row["history_head"], snapshot)
        history.append(
            (
                *(snapshot[name] for name in recorded),
                now,
                reason,
                "~",
                None,
                row["history_head"],
                row_hash,
            )
        )
        row["event_head"], row["history_head"] = event_hash, row_hash
        if step.rule is not None:
            escalations.append(
                (
                    case.pk,
                    step.rule.level,
                    step.rule.pk,
                    step.rule.name,
                    case.due_at,
                    now,
                    step.rule.add_to_agenda,
                )
            )
    cases = list({id(s.case): s.case for s in steps}.values())
    bulk.insert_rows(
        Escalation,
        ["case", "level", "rule", "rule_name", "deadline", "escalated_at", "on_agenda"],
        escalations,
    )
    bulk.insert_rows(CaseEvent, EVENT_COLUMNS, events)
    bulk.insert_rows(
        Case.history.model, [*recorded, *HISTORY_META, "prev_hash", "row_hash"], history
    )
    bulk.update_rows(
        Case,
        ["escalation_level", "version", "updated_at", "next_escalation_at", "event_head",
         "history_head"],
        [(c.pk, c.escalation_level, c.row["version"], now, c.next_escalation_at,
          c.row["event_head"], c.row["history_head"]) for c in cases],
    )  # fmt: skip
    # Nothing recorded for these: only the schedule moves (it is not part of the history).
    bulk.update_rows(Case, ["next_escalation_at"], [(c.pk, c.next_escalation_at) for c in quiet])
    if not events:
        return []
    return list(
        CaseEvent.objects.filter(
            case_id__in=[c.pk for c in cases], created_at=now, actor__isnull=True,
            kind__in=[EventKind.REMINDED, EventKind.ESCALATED],
        ).values_list("pk", flat=True)
    )  # fmt: skip


def _process(
    batch: list[Due], *, now, rules, book: CalendarBook, moments: Moments, result: SweepResult
) -> None:
    steps: list[Step] = []
    quiet: list[Due] = []
    for case in batch:
        if case.status == CaseStatus.ON_HOLD:
            _resume(case, now=now, result=result)
            continue
        if case.status not in CLOCK_STATES or case.due_at is None:
            # Nothing the sweep does applies any more: just stop looking at it.
            case.next_escalation_at = None
            quiet.append(case)
            continue
        calendar = book.get(case.organization_id, case.work_week)
        planned = plan_steps(case, now=now, rules=rules, calendar=calendar, moments=moments)
        case.next_escalation_at = next_clock_time(
            due_at=case.due_at, escalation_level=case.escalation_level, at=now, rules=rules,
            calendar=calendar, moments=moments,
        )  # fmt: skip
        if case.next_escalation_at is not None and case.next_escalation_at <= now:
            logger.error("sweep: case %s stays due after its steps", case.pk)
            case.next_escalation_at = None  # never let one case spin the sweep
        if planned:
            steps += planned
        else:
            quiet.append(case)
    event_ids = _write(steps, quiet, now)
    result.escalations += sum(1 for s in steps if s.rule is not None)
    result.reminders += sum(1 for s in steps if s.rule is None)
    result.skipped += len(quiet)
    result.cases += len(batch)
    if event_ids:
        from .notifications import notify_after_commit

        notify_after_commit(event_ids)
        case_events_recorded.send(sender=Case, event_ids=event_ids)


def _resume(case: Due, *, now: datetime, result: SweepResult) -> None:
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
    book = CalendarBook()
    moments = Moments()
    exclude: set[int] = set()
    while True:
        ids: list[int] = []
        try:
            with transaction.atomic():
                batch = _due_batch(now, batch_size, exclude)
                if not batch:
                    break
                ids = [case.pk for case in batch]
                _process(batch, now=now, rules=rules, book=book, moments=moments, result=result)
                result.batches += 1
        except IntegrityError:
            # A duplicate escalation: somebody else did part of this batch. Redo it one case
            # at a time, so the others still go through and the duplicate is skipped.
            logger.warning("sweep: conflict in a batch; retrying case by case")
            for case_id in ids:
                _one(
                    case_id,
                    now=now,
                    rules=rules,
                    book=book,
                    moments=moments,
                    result=result,
                    exclude=exclude,
                )
    return result


def _one(
    case_id: int, *, now, rules, book, moments, result: SweepResult, exclude: set[int]
) -> None:
    try:
        with transaction.atomic():
            batch = _due_batch(now, 1, exclude, only=case_id)
            if batch:
                _process(batch, now=now, rules=rules, book=book, moments=moments, result=result)
    except IntegrityError:
        logger.warning("sweep: case %s was already escalated elsewhere; skipped", case_id)
        exclude.add(case_id)
        result.failed.append(case_id)
