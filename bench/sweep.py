"""Benchmark of the escalation sweep (issue 3). Not a test: it measures and reports.

    python bench/sweep.py [--cases 100000] [--due 0.10] [--idle-cases 1000000] [--sample 1000]

On the configured database (SQLite var/bench.sqlite3 by default; DATABASE_URL for
PostgreSQL) it builds N in-progress cases, 10% of them overdue by 1, 4 or 8 working days (so
they owe 1, 2 or 3 escalation levels), and measures, in one run:

- the sweep (cases.sweep.run_sweep): wall time, SQL queries per batch, peak Python memory;
- a raw-SQL baseline writing the same rows (UPDATE of the cases, INSERT of escalations,
  events and history rows) with executemany, batch for batch;
- a naive per-object loop (lock, create, save one object at a time) on a sample, scaled;
- the idle sweep (nothing due) after topping the table up to 1,000,000 cases.

Results go to stdout (JSON) and to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tracemalloc
from datetime import date, datetime, timedelta

from common import (
    ROOT,
    fresh_database,
    machine,
    median_ms,
    progress,
    stopwatch,
    write_section,
)
from django.db import connection, transaction
from django.db.models import Max

from accounts.models import User
from cases import audit, bulk, services
from cases.actors import SystemActor
from cases.calendar import WIB, WorkingCalendar, end_of_working_day
from cases.models import (
    Case,
    CaseEvent,
    Directive,
    DirectiveType,
    Escalation,
    EscalationRule,
    Organization,
    Rakor,
    RakorSeries,
)
from cases.sweep import EVENT_COLUMNS, HISTORY_META, rule_actor_label, run_sweep

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=WIB)  # a Wednesday morning
OVERDUE_WORKING_DAYS = (1, 4, 8)  # owe levels 1; 1–2; 1–3
BATCH = 500


def raw_insert(model, rows: list[dict]) -> None:
    """INSERT many rows with executemany, values prepared by the model's own fields."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if f.attname in rows[0]]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    params = [[f.get_db_prep_save(row[f.attname], connection) for f in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def setup_reference(total_cases: int) -> tuple[list[Organization], list[int], User]:
    user = User.objects.create(username="bench", role="coordinator")
    orgs = [
        Organization.objects.create(
            code=f"opd-{i}", name=f"OPD {i}", short_name=f"OPD{i}", kind="dinas"
        )
        for i in range(20)
    ]
    series = RakorSeries.objects.create(code="bench", name="Bench", organizer=orgs[0])
    kind = DirectiveType.objects.create(code="bench", name="Bench", default_working_days=10)
    per_rakor = 10_000  # Directive.number is a small integer within its Rakor
    # One case per (directive, organization): total / 20 directives of 20 cases each.
    count = -(-total_cases // len(orgs)) + 1
    rakors = [
        Rakor.objects.create(
            series=series,
            number=r + 1,
            title=f"Rakor {r + 1}",
            date=date(2026, 1, 28),
            place="-",
            chair="-",
            mode="luring",
            created_at=NOW,
        )
        for r in range(-(-count // per_rakor))
    ]
    Directive.objects.bulk_create(
        [
            Directive(
                rakor=rakors[i // per_rakor],
                number=i % per_rakor + 1,
                title=f"Arahan {i}",
                text="-",
                directive_type=kind,
                created_at=NOW,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )
    directives = list(Directive.objects.order_by("pk").values_list("pk", flat=True))
    for level, days in ((1, 0), (2, 3), (3, 7)):
        EscalationRule.objects.create(
            level=level, name=f"L{level}", working_days_after_deadline=days, notify_org_head=True
        )
    return orgs, directives, user


def generate(start: int, count: int, *, due_share: float, orgs, directives, label: str) -> None:
    """Cases ``start .. start+count-1`` (as ids), with one creation event and history row."""
    calendar = WorkingCalendar(5)
    due_dates = {
        k: end_of_working_day(calendar.working_day_before(NOW.date(), k))
        for k in OVERDUE_WORKING_DAYS
    }
    future_due = end_of_working_day(calendar.add_working_days(NOW.date(), 20))
    future_next = future_due - timedelta(days=7)
    every = round(1 / due_share) if due_share else 0
    chunk = 5000
    for offset in range(0, count, chunk):
        cases, events, history = [], [], []
        for i in range(start + offset, start + min(offset + chunk, count)):
            due = bool(every) and i % every == 0
            due_at = due_dates[OVERDUE_WORKING_DAYS[(i // every) % 3]] if due else future_due
            created = NOW - timedelta(days=40)
            row = {
                "id": i, "directive_id": directives[i // len(orgs)],
                "organization_id": orgs[i % len(orgs)].pk, "role": "lead",
                "title": f"Kasus {i}", "instructions": "", "status": "in_progress",
                "priority": "normal", "progress": 0, "area_id": None, "due_at": due_at,
                "due_calendar_version": "bench", "escalation_level": 0, "version": 1,
                "created_by_id": None, "created_at": created, "updated_at": created,
                "dispatched_at": created, "accepted_at": None, "reported_at": None,
                "closed_at": None,
            }  # fmt: skip
            event = {
                "case_id": i, "sequence": 1, "kind": "created", "transition": "",
                "from_status": "", "to_status": "in_progress", "actor_id": None,
                "actor_label": "bench", "reason": "", "data": {}, "created_at": created,
            }  # fmt: skip
            event["prev_hash"] = audit.GENESIS
            event["hash"] = audit.link(audit.GENESIS, {k: event[k] for k in audit.EVENT_FIELDS})
            snapshot = {**row, "history_date": created, "history_change_reason": "bench",
                        "history_type": "+", "history_user_id": None}  # fmt: skip
            row_hash = audit.link(audit.GENESIS, snapshot)
            history.append({**snapshot, "prev_hash": audit.GENESIS, "row_hash": row_hash})
            cases.append(
                {
                    **row,
                    "next_escalation_at": due_at if due else future_next,
                    "event_head": event["hash"],
                    "history_head": row_hash,
                }
            )
            events.append(event)
        with transaction.atomic():
            raw_insert(Case, cases)
            raw_insert(CaseEvent, events)
            raw_insert(Case.history.model, history)
        progress(min(offset + chunk, count), count, label)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def due_plan() -> list[tuple[int, datetime, int]]:
    """(case id, due_at, number of levels owed) for every due case, as the generator made it."""
    calendar = WorkingCalendar(5)
    levels = {}
    for k, owed in zip(OVERDUE_WORKING_DAYS, (1, 2, 3), strict=True):
        levels[end_of_working_day(calendar.working_day_before(NOW.date(), k))] = owed
    rows = Case.objects.filter(next_escalation_at__lte=NOW).values_list("pk", "due_at")
    return [(pk, due_at, levels[due_at]) for pk, due_at in rows]


def heads(plan) -> dict[int, tuple]:
    ids = [pk for pk, _due, _owed in plan]
    return {
        pk: (e, h)
        for pk, e, h in Case.objects.filter(pk__in=ids).values_list(
            "pk", "event_head", "history_head"
        )
    }


def reset(plan, saved_heads) -> None:
    """Undo what a sweep wrote, so the next measurement starts from the same state. On
    PostgreSQL the append-only triggers are switched off for this transaction (superuser)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("DELETE FROM cases_escalation")
        cursor.execute("DELETE FROM cases_caseevent WHERE kind = 'escalated'")
        cursor.execute(
            "DELETE FROM cases_historicalcase WHERE history_change_reason LIKE %s", ["[escalate]%"]
        )
        bulk.update_rows(
            Case, ["escalation_level", "version", "next_escalation_at", "event_head",
                   "history_head"],
            [(pk, 0, 1, due_at, *saved_heads[pk]) for pk, due_at, _owed in plan],
        )  # fmt: skip


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure_sweep(plan) -> dict:
    counter = QueryCounter()
    with connection.execute_wrapper(counter), stopwatch() as timer:
        result = run_sweep(now=NOW, batch_size=BATCH)
    owed = sum(owed for _pk, _due, owed in plan)
    assert result.escalations == owed, (result.escalations, owed)
    # Not timed: what the sweep wrote must verify as an intact chain.
    broken = next(audit.verify_cases([pk for pk, _d, _o in plan]), None)
    assert broken is None, str(broken)
    return {
        "seconds": round(timer["seconds"], 3),
        "cases": result.cases,
        "escalations": result.escalations,
        "batches": result.batches,
        "queries": counter.count,
        "queries_per_batch": round(counter.count / max(result.batches, 1), 1),
    }


def measure_memory(plan) -> float:
    tracemalloc.start()
    run_sweep(now=NOW, batch_size=BATCH)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 1024 / 1024, 1)


def raw_baseline(plan) -> dict:
    """The same rows written with hand-written SQL and nothing else: the levels owed are
    known from the generator, so there is no planning; the rows (hashes included) are built
    and written batch for batch."""
    rules = {r.level: r for r in EscalationRule.objects.all()}
    recorded = audit.history_fields()
    with stopwatch() as timer:
        for start in range(0, len(plan), BATCH):
            chunk = plan[start : start + BATCH]
            owed = {pk: n for pk, _d, n in chunk}
            with transaction.atomic():
                rows = Case.objects.filter(pk__in=list(owed)).values(
                    *recorded, "event_head", "history_head"
                )
                escalations, events, history, updates = [], [], [], []
                for row in rows:
                    pk = row["id"]
                    for level in range(1, owed[pk] + 1):
                        rule = rules[level]
                        label = rule_actor_label(rule)
                        row["version"] += 1
                        escalations.append(
                            (pk, level, rule.pk, rule.name, row["due_at"], NOW, False)
                        )
                        values = {
                            "case_id": pk,
                            "sequence": row["version"],
                            "kind": "escalated",
                            "transition": "",
                            "from_status": "",
                            "to_status": "",
                            "actor_id": None,
                            "actor_label": label,
                            "reason": "",
                            "data": {"level": level},
                            "created_at": NOW,
                        }
                        event_hash = audit.link(row["event_head"], values)
                        events.append((*values.values(), row["event_head"], event_hash))
                        snapshot = {n: row[n] for n in recorded}
                        snapshot.update(
                            escalation_level=level,
                            updated_at=NOW,
                            history_date=NOW,
                            history_change_reason=f"[escalate] {label}",
                            history_type="~",
                            history_user_id=None,
                        )
                        row_hash = audit.link(row["history_head"], snapshot)
                        history.append(
                            (
                                *(snapshot[n] for n in recorded),
                                NOW,
                                snapshot["history_change_reason"],
                                "~",
                                None,
                                row["history_head"],
                                row_hash,
                            )
                        )
                        row["event_head"], row["history_head"] = event_hash, row_hash
                    updates.append(
                        (
                            pk,
                            owed[pk],
                            row["version"],
                            NOW,
                            None,
                            row["event_head"],
                            row["history_head"],
                        )
                    )
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
                    [
                        "escalation_level",
                        "version",
                        "updated_at",
                        "next_escalation_at",
                        "event_head",
                        "history_head",
                    ],
                    updates,
                )
    return {"seconds": round(timer["seconds"], 3), "rows": sum(o for _p, _d, o in plan)}


def naive_loop(plan, sample: int) -> dict:
    """One object at a time, as a first implementation would: lock the case, then for each
    level create the escalation and save the case with its event and history row (the
    services' own per-object recorder, so the rows are the same)."""
    rules = {r.level: r for r in EscalationRule.objects.all()}
    chosen = plan[:sample]
    with stopwatch() as timer:
        for pk, _due, owed in chosen:
            with transaction.atomic():
                case = Case.objects.select_for_update().get(pk=pk)
                for level in range(1, owed + 1):
                    rule = rules[level]
                    Escalation.objects.create(
                        case=case,
                        level=level,
                        rule=rule,
                        rule_name=rule.name,
                        deadline=case.due_at,
                        escalated_at=NOW,
                    )
                    before = services._snapshot(case)
                    case.escalation_level = level
                    case.next_escalation_at = None
                    services._record(
                        case,
                        actor=SystemActor(rule_actor_label(rule)),
                        at=NOW,
                        before=before,
                        history_reason=f"[escalate] {rule_actor_label(rule)}",
                        kind="escalated",
                        data={"level": level},
                    )
    per_case = timer["seconds"] / max(len(chosen), 1)
    return {
        "sample": len(chosen),
        "sample_seconds": round(timer["seconds"], 3),
        "scaled_seconds": round(per_case * len(plan), 3),
    }


def idle(total: int, orgs, directives) -> dict:
    have = Case.objects.aggregate(m=Max("id"))["m"] or 0
    if total > have:
        generate(
            have + 1,
            total - have,
            due_share=0,
            orgs=orgs,
            directives=directives,
            label="idle cases",
        )
    assert not Case.objects.filter(next_escalation_at__lte=NOW).exists()
    samples = []
    for _ in range(25):
        with stopwatch() as timer:
            result = run_sweep(now=NOW)
        assert result.cases == 0
        samples.append(timer["seconds"])
    query = Case.objects.filter(next_escalation_at__lte=NOW).only("id")[:1]
    plan = query.explain()
    return {
        "cases": Case.objects.count(),
        "median_ms": median_ms(samples),
        "max_ms": round(max(samples) * 1000, 2),
        "explain": plan,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--due", type=float, default=0.10)
    parser.add_argument("--idle-cases", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    args = parser.parse_args()

    fresh_database()
    orgs, directives, _user = setup_reference(max(args.cases, args.idle_cases))
    generate(1, args.cases, due_share=args.due, orgs=orgs, directives=directives, label="cases")
    plan = due_plan()
    sys.stderr.write(f"{len(plan):,} due cases owing {sum(o for *_x, o in plan):,} levels\n")

    saved = heads(plan)
    sweep = measure_sweep(plan)
    reset(plan, saved)
    sweep["peak_python_mb"] = measure_memory(plan)
    reset(plan, saved)
    baseline = raw_baseline(plan)
    reset(plan, saved)
    naive = naive_loop(plan, args.sample)
    reset(plan, saved)
    run_sweep(now=NOW, batch_size=BATCH)  # leave nothing due for the idle measurement
    quiet = idle(args.idle_cases, orgs, directives)

    report = {
        "machine": machine(),
        "cases": args.cases,
        "due_cases": len(plan),
        "sweep": sweep,
        "raw_sql_baseline": baseline,
        "naive_loop": naive,
        "idle": {k: v for k, v in quiet.items() if k != "explain"},
        "ratios": {
            "sweep_vs_raw_sql": round(sweep["seconds"] / baseline["seconds"], 2),
            "naive_vs_sweep": round(naive["scaled_seconds"] / sweep["seconds"], 1),
        },
    }
    print(json.dumps(report, indent=2))
    if not args.no_write:
        write_report(report, quiet["explain"])


def write_report(report: dict, explain: str) -> None:
    m = report["machine"]
    s, b, n, i, r = (
        report["sweep"],
        report["raw_sql_baseline"],
        report["naive_loop"],
        report["idle"],
        report["ratios"],
    )
    verdict = lambda ok: "met" if ok else "**not met**"  # noqa: E731
    body = f"""
Measured {m["date"]} on {m["cpu"]}, {m["cores"]} cores, {m["memory"]} RAM, Python
{m["python"]}, {m["database"]}. Command: `make bench-sweep` (`bench/sweep.py`).

{report["cases"]:,} in-progress cases, {report["due_cases"]:,} of them overdue by 1, 4 or 8
working days (owing 1, 2 or 3 escalation levels: {s["escalations"]:,} escalations, each with
one event and one history row). Batches of {BATCH}.

| measurement | figure | baseline | ratio | goal | |
|---|---|---|---|---|---|
| sweep, all due work | {s["seconds"]} s | raw SQL, same rows: {b["seconds"]} s | {r["sweep_vs_raw_sql"]}× | ≤ 3× | {verdict(r["sweep_vs_raw_sql"] <= 3)} |
| naive per-object loop (sample of {n["sample"]}, scaled) | {n["scaled_seconds"]} s | the sweep: {s["seconds"]} s | {r["naive_vs_sweep"]}× slower | ≥ 20× | {verdict(r["naive_vs_sweep"] >= 20)} |
| idle sweep, nothing due, {i["cases"]:,} cases | median {i["median_ms"]} ms (max {i["max_ms"]} ms, 25 runs) | — | — | ≤ 50 ms | {verdict(i["median_ms"] <= 50)} |
| SQL queries per batch | {s["queries_per_batch"]} ({s["queries"]} in {s["batches"]} batches) | — | — | constant | |
| peak Python memory during the sweep (tracemalloc) | {s["peak_python_mb"]} MB | — | — | — | |

The idle sweep's query plan:

```
{explain}
```
"""
    title = f"Escalation sweep — {m['database'].split()[0]}"
    write_section(ROOT / "docs" / "benchmarks.md", title, body)


if __name__ == "__main__":
    main()
