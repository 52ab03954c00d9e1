"""The tamper-evident record: chains verify, and every tampering is detected."""

import random
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from cases import audit, clock, services
from cases.models import AuditRoot, Case, CaseEvent, EscalationRule
from cases.sweep import run_sweep
from tests.factories import jpeg_bytes, upload, wib

HISTORY_TABLE = "cases_historicalcase"
EVENT_TABLE = "cases_caseevent"


@pytest.fixture
def record(world):
    """A dozen cases in every state, with evidence, holds, extensions and escalations."""
    EscalationRule.objects.create(level=1, name="Kepala OPD", working_days_after_deadline=0)
    EscalationRule.objects.create(level=2, name="Bakesbangpol", working_days_after_deadline=3)
    for state in [
        "draft",
        "assigned",
        "in_progress",
        "on_hold",
        "reported",
        "closed",
        "ongoing",
        "declined",
        "cancelled",
        "in_progress",
        "in_progress",
    ]:
        world.case(state=state)
    busy = world.case(state="in_progress")
    with clock.frozen(wib(2026, 2, 2, 10)):
        services.case_add_progress(case=busy, actor=world.officer, percent=40, note="Separuh.")
        services.case_add_evidence(
            case=busy, actor=world.officer, file=upload(jpeg_bytes(), "foto.jpg")
        )
        extension = services.case_request_extension(
            case=busy, actor=world.officer, reason="Hujan.", proposed_due=date(2026, 2, 20)
        )
        services.extension_decide(extension=extension, actor=world.coordinator, approve=True)
    run_sweep(now=wib(2026, 3, 2, 9))
    return world


def test_the_record_made_by_services_and_the_sweep_verifies(record):
    assert list(audit.verify_cases()) == []
    assert CaseEvent.objects.filter(kind="escalated").count() > 0


def test_verify_audit_command_reports_intact_and_the_root(record, capsys):
    root = audit.record_root(day=date(2026, 3, 2))
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert out.startswith("UTUH: 12 kasus")
    assert f"Akar 2026-03-02: {root.root} cocok" in out
    # a second record_root the same day keeps the first
    assert audit.record_root(day=date(2026, 3, 2)) == root
    assert AuditRoot.objects.count() == 1


# --- tampering, straight in the database ---------------------------------------------------------


class Rollback(Exception):
    pass


def _rows(table, where="", params=()):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} {where}", params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _exec(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _different(value, rng):
    if value is None:
        return 1 if rng.random() < 0.5 else "x"
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + rng.choice([1, 2, 7])
    if isinstance(value, str):
        return value + rng.choice(["!", " ", "x"]) if value else "diubah"
    if hasattr(value, "year"):  # date or datetime
        from datetime import timedelta

        return value + timedelta(seconds=rng.choice([1, 60, 3600]))
    return "diubah"


EVENT_COLUMNS = [
    "kind",
    "transition",
    "from_status",
    "to_status",
    "actor_id",
    "actor_label",
    "reason",
    "data",
    "created_at",
    "sequence",
    "prev_hash",
    "hash",
    "case_id",
]
HISTORY_COLUMNS = [
    "status",
    "due_at",
    "title",
    "progress",
    "escalation_level",
    "organization_id",
    "history_change_reason",
    "history_user_id",
    "history_date",
    "history_type",
    "version",
    "prev_hash",
    "row_hash",
    "id",
]


class NoChange(Exception):
    """The database stored the "new" value as the old one (e.g. PostgreSQL dropping trailing
    spaces beyond a varchar's length): not a tampering."""


def _changed(table, key, key_value, column, old):
    (row,) = _rows(table, f"WHERE {key} = %s", [key_value])
    if row[column] == old:
        raise NoChange


def tamper(rng: random.Random) -> str:
    kind = rng.choice(
        [
            "edit_event",
            "edit_history",
            "delete_event",
            "delete_history",
            "reorder_events",
            "reorder_history",
            "insert_event",
            "insert_history",
        ]
    )
    events = _rows(EVENT_TABLE)
    history = _rows(HISTORY_TABLE)
    if kind == "edit_event":
        row = rng.choice(events)
        column = rng.choice(EVENT_COLUMNS)
        value = row[column]
        if column == "data":
            new = '{"diubah": true}' if value != '{"diubah": true}' else "{}"
        elif column == "case_id":
            new = rng.choice([e["case_id"] for e in events if e["case_id"] != value])
        else:
            new = _different(value, rng)
        _exec(f"UPDATE {EVENT_TABLE} SET {column} = %s WHERE id = %s", [new, row["id"]])
        _changed(EVENT_TABLE, "id", row["id"], column, value)
    elif kind == "edit_history":
        row = rng.choice(history)
        column = rng.choice(HISTORY_COLUMNS)
        new = _different(row[column], rng)
        _exec(
            f"UPDATE {HISTORY_TABLE} SET {column} = %s WHERE history_id = %s",
            [new, row["history_id"]],
        )
        _changed(HISTORY_TABLE, "history_id", row["history_id"], column, row[column])
    elif kind == "delete_event":
        _exec(f"DELETE FROM {EVENT_TABLE} WHERE id = %s", [rng.choice(events)["id"]])
    elif kind == "delete_history":
        _exec(
            f"DELETE FROM {HISTORY_TABLE} WHERE history_id = %s",
            [rng.choice(history)["history_id"]],
        )
    elif kind == "reorder_events":
        case_id = rng.choice([e["case_id"] for e in events if e["sequence"] >= 2])
        mine = [e for e in events if e["case_id"] == case_id]
        a, b = rng.sample(mine, 2)
        _exec(f"UPDATE {EVENT_TABLE} SET sequence = 999999 WHERE id = %s", [a["id"]])
        _exec(f"UPDATE {EVENT_TABLE} SET sequence = %s WHERE id = %s", [a["sequence"], b["id"]])
        _exec(f"UPDATE {EVENT_TABLE} SET sequence = %s WHERE id = %s", [b["sequence"], a["id"]])
    elif kind == "reorder_history":
        case_id = rng.choice([h["id"] for h in history if h["version"] >= 2])
        a, b = rng.sample([h for h in history if h["id"] == case_id], 2)
        for source, target in ((a, b), (b, a)):
            _exec(
                f"UPDATE {HISTORY_TABLE} SET version = %s, status = %s, history_date = %s, "
                f"prev_hash = %s, row_hash = %s WHERE history_id = %s",
                [
                    source["version"],
                    source["status"],
                    source["history_date"],
                    source["prev_hash"],
                    source["row_hash"],
                    target["history_id"],
                ],
            )
    elif kind == "insert_event":
        # A forgery that even chains correctly onto the newest event of its case.
        victim = rng.choice(events)
        last = max(
            (e for e in events if e["case_id"] == victim["case_id"]), key=lambda e: e["sequence"]
        )
        forged = CaseEvent(
            case_id=last["case_id"],
            sequence=last["sequence"] + 1,
            kind="comment",
            actor_label="penyusup",
            reason="sisipan",
            data={},
            created_at=clock.now(),
            prev_hash=last["hash"],
        )
        forged.hash = audit.link(forged.prev_hash, audit.event_values(forged))
        _exec(
            f"INSERT INTO {EVENT_TABLE} (case_id, sequence, kind, transition, from_status, "
            f"to_status, actor_label, reason, data, created_at, prev_hash, hash) VALUES "
            f"(%s, %s, 'comment', '', '', '', 'penyusup', 'sisipan', '{{}}', %s, %s, %s)",
            [
                forged.case_id,
                forged.sequence,
                connection.ops.adapt_datetimefield_value(forged.created_at),
                forged.prev_hash,
                forged.hash,
            ],
        )
    else:  # insert_history: a copy of a row, slipped in as the newest
        row = dict(rng.choice(history))
        row.pop("history_id")
        row["history_change_reason"] = "sisipan"
        columns = ", ".join(row)
        marks = ", ".join(["%s"] * len(row))
        _exec(f"INSERT INTO {HISTORY_TABLE} ({columns}) VALUES ({marks})", list(row.values()))
    return kind


def _bypass_triggers():
    """What a database superuser can do: switch the append-only triggers off."""
    if connection.vendor == "postgresql":
        _exec("SET LOCAL session_replication_role = replica")


def test_a_thousand_random_tamperings_are_all_detected(record):
    rng = random.Random(20260128)
    detected: dict[str, int] = {}
    refused = 0
    for _ in range(1000):
        try:
            with transaction.atomic():
                _bypass_triggers()
                while True:
                    # A tampering the database refuses (a constraint, a type), or that stores
                    # nothing different, is not one: draw another.
                    try:
                        with transaction.atomic():
                            kind = tamper(rng)
                        break
                    except (DatabaseError, NoChange):
                        refused += 1
                broken = next(audit.verify_cases(), None)
                assert broken is not None, f"undetected {kind}"
                detected[kind] = detected.get(kind, 0) + 1
                raise Rollback
        except Rollback:
            pass
    print(f"tamperings detected: {detected}; draws refused or without effect: {refused}")
    assert sum(detected.values()) == 1000
    assert set(detected) == {
        "edit_event",
        "edit_history",
        "delete_event",
        "delete_history",
        "reorder_events",
        "reorder_history",
        "insert_event",
        "insert_history",
    }
    assert list(audit.verify_cases()) == []  # and every tampering was rolled back


def test_verify_audit_names_the_first_broken_record(record):
    event = CaseEvent.objects.filter(case__version__gte=3).order_by("case_id", "sequence")[1]
    with transaction.atomic():
        _bypass_triggers()
        _exec(f"UPDATE {EVENT_TABLE} SET reason = 'diubah diam-diam' WHERE id = %s", [event.pk])
        with pytest.raises(CommandError):
            call_command("verify_audit")
        (first,) = [b for b in audit.verify_cases([event.case_id])]
        assert (first.case_id, first.record, first.position) == (event.case_id, "event", 2)
        assert str(first) == f"kasus #{event.case_id}, event 2: isi tidak cocok dengan hash-nya"
        transaction.set_rollback(True)


def test_a_consistent_rewrite_is_caught_by_the_daily_root(record):
    # given a root recorded at the end of the day
    root = audit.record_root(day=date(2026, 3, 2))
    # when someone rewrites an event and recomputes that whole chain and the case's head
    case = Case.objects.filter(version__gte=3).first()
    with transaction.atomic():
        _bypass_triggers()
        prev = audit.GENESIS
        for event in CaseEvent.objects.filter(case=case).order_by("sequence"):
            if event.sequence == 2:
                event.reason = "ditulis ulang"
            values = audit.event_values(event)
            digest = audit.link(prev, values)
            _exec(
                f"UPDATE {EVENT_TABLE} SET reason = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [event.reason, prev, digest, event.pk],
            )
            prev = digest
        _exec("UPDATE cases_case SET event_head = %s WHERE id = %s", [prev, case.pk])
        # then the chains alone look intact, but the root on paper no longer matches
        assert list(audit.verify_cases()) == []
        assert audit.verify_root(root) is False
        transaction.set_rollback(True)
    assert audit.verify_root(root) is True


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="triggers exist on PostgreSQL")
def test_postgresql_refuses_update_and_delete_of_the_record(record):
    from django.db import DatabaseError

    event = CaseEvent.objects.first()
    for sql in (
        f"UPDATE {EVENT_TABLE} SET reason = 'x' WHERE id = %s",
        f"DELETE FROM {EVENT_TABLE} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="hanya boleh ditambah"), transaction.atomic():
            _exec(sql, [event.pk])
    history_id = Case.history.first().history_id
    with pytest.raises(DatabaseError, match="hanya boleh ditambah"), transaction.atomic():
        _exec(f"DELETE FROM {HISTORY_TABLE} WHERE history_id = %s", [history_id])
