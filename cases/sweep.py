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
from django.db.models import Max

from . import clock
from .actors import SystemActor
from .calendar import WIB, CalendarBook, WorkingCalendar
from .deadlines import Moments, active_rules, next_clock_time, next_escalation_rule
from .models import CLOCK_STATES, Case, CaseEvent, CaseStatus, Escalation, EscalationRule, EventKind

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


@dataclass
class Due:
    """One due case, as the sweep reads it: a row, not a model instance."""

    pk: int
    status: str
    due_at: datetime | None
    escalation_level: int
    next_escalation_at: datetime
    version: int
    organization_id: int
    work_week: int


@dataclass
class Step:
    """One recorded step on one case: a reminder, or one escalation level."""

    case: Due
    kind: str
    label: str
    level: int  # the case's escalation level after this step
    version: int  # the case's version after this step
    data: dict
    rule: EscalationRule | None = None


DUE_COLUMNS = (
    "pk", "status", "due_at", "escalation_level", "next_escalation_at", "version",
    "organization_id", "organization__work_week",
)  # fmt: skip


def _due_batch(now: datetime, size: int, exclude: set[int], only: int | None = None) -> list[Due]:
    query = Case.objects.filter(next_escalation_at__lte=now)
    if only is not None:
        query = query.filter(pk=only)
    if exclude:
        query = query.exclude(pk__in=exclude)
    if connection.features.has_select_for_update_skip_locked:
        query = query.select_for_update(skip_locked=True, of=("self",))
    rows = query.order_by("next_escalation_at", "pk").values_list(*DUE_COLUMNS)[:size]
    return [Due(*row) for row in rows]


def plan_steps(
    case: Due,
    *,
    now: datetime,
    rules: list[EscalationRule],
    calendar: WorkingCalendar,
    moments: Moments | None = None,
) -> list[Step]:
    """Every step due on ``case`` at ``now``, in order; advances ``case`` in memory."""
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
            case.version += 1
            steps.append(Step(
                case=case, kind=EventKind.REMINDED, label=reminder_actor_label(k),
                level=case.escalation_level, version=case.version,
                data={"days_before": k, "deadline": deadline,
                      "scheduled_at": moment.astimezone(WIB).isoformat()},
            ))  # fmt: skip
    while (rule := next_escalation_rule(case.escalation_level, rules)) is not None:
        moment = moments.escalation(due_at, rule, calendar)
        if moment > now:
            break
        old_level, case.escalation_level = case.escalation_level, rule.level
        case.version += 1
        steps.append(Step(
            case=case, kind=EventKind.ESCALATED, label=rule_actor_label(rule),
            level=rule.level, version=case.version, rule=rule,
            data={"escalation_level": [old_level, rule.level], "level": rule.level,
                  "rule_id": rule.pk, "deadline": deadline,
                  "working_days_after_deadline": rule.working_days_after_deadline,
                  "scheduled_at": moment.astimezone(WIB).isoformat(),
                  "on_agenda": rule.add_to_agenda},
        ))  # fmt: skip
    return steps


# --- writing ------------------------------------------------------------------------------------


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _columns(model, names: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(model._meta.get_field(n).column) for n in names)


def _insert_sql(model, names: list[str]) -> str:
    marks = ", ".join(["%s"] * len(names))
    return f"INSERT INTO {_table(model)} ({_columns(model, names)}) VALUES ({marks})"


def _history_sql() -> str:
    """INSERT of a history row copied from the case row, with the step's own values."""
    history = Case.history.model
    own = ["escalation_level", "version", "updated_at"]
    meta = ["history_date", "history_change_reason", "history_type", "history_user"]
    copied = [
        f.attname for f in history._meta.concrete_fields
        if f.attname not in {*own, "history_id", *[f"{m}_id" for m in meta], *meta}
    ]  # fmt: skip
    q = connection.ops.quote_name
    copied_columns = ", ".join(q(Case._meta.get_field(n).column) for n in copied)
    target = ", ".join(q(history._meta.get_field(n).column) for n in [*copied, *own, *meta])
    return (
        f"INSERT INTO {_table(history)} ({target}) "
        f"SELECT {copied_columns}, %s, %s, %s, %s, %s, %s, NULL "
        f"FROM {_table(Case)} WHERE {q(Case._meta.pk.column)} = %s"
    )


def _write(steps: list[Step], quiet: list[Due], now: datetime) -> list[int]:
    """Write one batch's steps; returns the new events' ids."""
    ops = connection.ops
    at = ops.adapt_datetimefield_value(now)
    cases = list({id(s.case): s.case for s in steps}.values())
    last = dict(
        CaseEvent.objects.filter(case_id__in=[c.pk for c in cases])
        .values("case_id")
        .annotate(last=Max("sequence"))
        .values_list("case_id", "last")
    )
    escalations, events, history = [], [], []
    for step in steps:
        case = step.case
        last[case.pk] = sequence = (last.get(case.pk) or 0) + 1
        events.append((
            case.pk, sequence, step.kind, "", "", "", None, step.label, "",
            ops.adapt_json_value(step.data, None), at,
        ))  # fmt: skip
        history.append((
            step.level, step.version, at, at, f"[{'escalate' if step.rule else 'remind'}] "
            f"{step.label}", "~", case.pk,
        ))  # fmt: skip
        if step.rule is not None:
            escalations.append((
                case.pk, step.level, step.rule.pk, step.rule.name,
                ops.adapt_datetimefield_value(case.due_at), at, step.rule.add_to_agenda,
            ))  # fmt: skip
    updates = [
        (c.escalation_level, c.version, at, ops.adapt_datetimefield_value(c.next_escalation_at),
         c.pk)
        for c in cases
    ]  # fmt: skip
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        if escalations:
            cursor.executemany(
                _insert_sql(
                    Escalation,
                    ["case", "level", "rule", "rule_name", "deadline", "escalated_at", "on_agenda"],
                ),
                escalations,
            )
        if events:
            cursor.executemany(
                _insert_sql(
                    CaseEvent,
                    [
                        "case",
                        "sequence",
                        "kind",
                        "transition",
                        "from_status",
                        "to_status",
                        "actor",
                        "actor_label",
                        "reason",
                        "data",
                        "created_at",
                    ],
                ),
                events,
            )
            cursor.executemany(_history_sql(), history)
        if cases:
            cursor.executemany(
                f"UPDATE {_table(Case)} SET {q('escalation_level')} = %s, {q('version')} = %s, "
                f"{q('updated_at')} = %s, {q('next_escalation_at')} = %s WHERE {q('id')} = %s",
                updates,
            )
        if quiet:
            # Nothing recorded: only the schedule moves (it is not part of the history).
            cursor.executemany(
                f"UPDATE {_table(Case)} SET {q('next_escalation_at')} = %s WHERE {q('id')} = %s",
                [(ops.adapt_datetimefield_value(c.next_escalation_at), c.pk) for c in quiet],
            )
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
