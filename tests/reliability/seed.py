"""Many overdue cases at once, with valid chains, for the fault tests (services would take
minutes for thousands of cases; the rows here are the ones the services would write)."""

from __future__ import annotations

from cases import audit, bulk
from cases.models import Case, CaseEvent, Directive
from tests.factories import wib

DUE = wib(2026, 2, 5, 16)
CREATED = wib(2026, 1, 29, 10)


def seed_overdue_cases(world, count: int) -> list[int]:
    kind = world.kind
    Directive.objects.bulk_create(
        [
            Directive(rakor=world.rakor, number=1000 + i, title=f"Arahan beban {i}", text="-",
                      directive_type=kind, created_at=CREATED)
            for i in range(count)
        ]
    )  # fmt: skip
    directive_ids = list(
        Directive.objects.filter(number__gte=1000).order_by("pk").values_list("pk", flat=True)
    )
    start = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    recorded = audit.history_fields()
    cases, events, history = [], [], []
    for offset, directive_id in enumerate(directive_ids):
        pk = start + offset
        row = {
            "id": pk, "directive_id": directive_id, "organization_id": world.org_a.pk,
            "role": "lead", "title": f"Kasus beban {offset}", "instructions": "",
            "status": "in_progress", "priority": "normal", "progress": 0, "area_id": None,
            "due_at": DUE, "due_calendar_version": "seed", "escalation_level": 0, "version": 1,
            "created_by_id": None, "created_at": CREATED, "updated_at": CREATED,
            "dispatched_at": CREATED, "accepted_at": CREATED, "reported_at": None,
            "closed_at": None,
        }  # fmt: skip
        event = {
            "case_id": pk, "sequence": 1, "kind": "created", "transition": "",
            "from_status": "", "to_status": "in_progress", "actor_id": None,
            "actor_label": "seed", "reason": "", "data": {}, "created_at": CREATED,
        }  # fmt: skip
        event_hash = audit.link(audit.GENESIS, event)
        snapshot = {**row, "history_date": CREATED, "history_change_reason": "seed",
                    "history_type": "+", "history_user_id": None}  # fmt: skip
        row_hash = audit.link(audit.GENESIS, snapshot)
        cases.append((*row.values(), DUE, event_hash, row_hash))
        events.append((*event.values(), audit.GENESIS, event_hash))
        history.append((*(snapshot[n] for n in recorded), CREATED, "seed", "+", None,
                        audit.GENESIS, row_hash))  # fmt: skip
    bulk.insert_rows(Case, [*(name.removesuffix("_id") if name.endswith("_id") else name
                              for name in row), "next_escalation_at", "event_head",
                            "history_head"], cases)  # fmt: skip
    bulk.insert_rows(CaseEvent, ["case", "sequence", "kind", "transition", "from_status",
                                 "to_status", "actor", "actor_label", "reason", "data",
                                 "created_at", "prev_hash", "hash"], events)  # fmt: skip
    bulk.insert_rows(Case.history.model, [*recorded, "history_date", "history_change_reason",
                                          "history_type", "history_user", "prev_hash",
                                          "row_hash"], history)  # fmt: skip
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('cases_case', 'id'), "
                "(SELECT MAX(id) FROM cases_case))"
            )
    return [start + i for i in range(len(directive_ids))]
