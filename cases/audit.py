"""The tamper-evident record: per-case hash chains over events and history rows.

Every CaseEvent and every history row of a case carries ``prev_hash`` and its own hash:
SHA-256 over the previous hash and a canonical JSON of the row's content. The case row
keeps the head of both chains (``event_head``, ``history_head``), and the invariant of the
services — one event and one history row per saved version — ties them together: for a case
at version n there are exactly n events (sequences 1..n) and n history rows (versions 1..n),
event k and history row k carry the same moment, and the newest history row equals the
case row. ``verify`` checks all of it and names the first broken record.

A daily root (``AuditRoot``) hashes every chain's heads at a watermark (the highest event and
history ids); it is printed in the report for the next Rakor, so rewriting history and
recomputing every hash later still disagrees with a digest already on paper. On PostgreSQL,
triggers refuse UPDATE and DELETE on the chained tables (migration 0003).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

GENESIS = "0" * 64

EVENT_FIELDS = (
    "case_id",
    "sequence",
    "kind",
    "transition",
    "from_status",
    "to_status",
    "actor_id",
    "actor_label",
    "reason",
    "data",
    "created_at",
)
HISTORY_META = ("history_date", "history_change_reason", "history_type", "history_user_id")
# Columns of the case row that are not part of the record (bookkeeping and the heads).
NOT_RECORDED = ("next_escalation_at", "event_head", "history_head")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def canonical(values: dict[str, Any]) -> str:
    return json.dumps(
        {key: _plain(value) for key, value in values.items()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        default=str,
    )


def link(prev: str, values: dict[str, Any]) -> str:
    return hashlib.sha256((prev + canonical(values)).encode()).hexdigest()


def history_fields() -> tuple[str, ...]:
    """The recorded columns of a case history row, by attname."""
    from .models import Case

    return tuple(
        f.attname for f in Case.history.model.tracked_fields if f.attname not in NOT_RECORDED
    )


def event_values(event: Any) -> dict[str, Any]:
    return {name: getattr(event, name) for name in EVENT_FIELDS}


def history_values(source: Any, **meta: Any) -> dict[str, Any]:
    """The recorded values of a history row: from a history row, or from a case plus meta."""
    values = {name: getattr(source, name) for name in history_fields()}
    for name in HISTORY_META:
        values[name] = meta[name] if name in meta else getattr(source, name)
    return values


def seal_history_row(sender, *, instance, history_instance, **kwargs) -> None:
    """simple-history's pre_create_historical_record for cases: put the chain on the row.

    ``cases.services`` computed the row's hash before saving the case (so the case row can
    carry the new head in the same UPDATE); here it is checked against the row itself.
    """
    chain = getattr(instance, "_audit_chain", None)
    if chain is None:
        raise RuntimeError("A case was saved outside cases.services: its history is not chained.")
    prev, row_hash = chain
    if link(prev, history_values(history_instance)) != row_hash:
        raise RuntimeError(
            f"History row of case {instance.pk} does not match its precomputed hash."
        )
    history_instance.prev_hash = prev
    history_instance.row_hash = row_hash
    del instance._audit_chain


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Break:
    case_id: int
    record: str  # "event", "history" or "case"
    position: int | None  # event sequence / history version / None
    problem: str

    def __str__(self) -> str:
        where = f"{self.record} {self.position}" if self.position is not None else self.record
        return f"kasus #{self.case_id}, {where}: {self.problem}"


def _check_chain(
    case_id: int, record: str, rows: list[tuple[int, str, str, dict]], head: str, version: int
) -> Break | None:
    """rows: (position, prev_hash, hash, values) in stored order."""
    prev = GENESIS
    for expected, (position, prev_hash, stored, values) in enumerate(rows, start=1):
        if position != expected:
            return Break(case_id, record, position, f"urutan terputus (seharusnya {expected})")
        if prev_hash != prev:
            return Break(case_id, record, position, "tidak tersambung dengan catatan sebelumnya")
        if link(prev, values) != stored:
            return Break(case_id, record, position, "isi tidak cocok dengan hash-nya")
        prev = stored
    if len(rows) != version:
        return Break(case_id, record, None, f"{len(rows)} catatan untuk kasus versi {version}")
    if prev != head:
        return Break(case_id, record, len(rows), "ujung rantai tidak cocok dengan kasus")
    return None


def verify_cases(case_ids: Iterable[int] | None = None, *, chunk: int = 500) -> Iterator[Break]:
    """Every break in the chains of these cases (all cases by default), in case order."""
    from .models import Case, CaseEvent

    history_model = Case.history.model
    recorded = history_fields()
    case_query = Case.objects.order_by("pk")
    if case_ids is not None:
        case_query = case_query.filter(pk__in=list(case_ids))
    ids = list(case_query.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        cases = {c.pk: c for c in Case.objects.filter(pk__in=part)}
        events: dict[int, list] = {pk: [] for pk in part}
        for event in CaseEvent.objects.filter(case_id__in=part).order_by("case_id", "sequence"):
            events[event.case_id].append(
                (event.sequence, event.prev_hash, event.hash, event_values(event))
            )
        rows: dict[int, list] = {pk: [] for pk in part}
        for row in history_model.objects.filter(id__in=part).order_by("id", "history_id"):
            rows[row.id].append((row.version, row.prev_hash, row.row_hash, history_values(row)))
        unreadable = _unreadable_datetimes(part)
        for pk in part:
            case = cases[pk]
            if pk in unreadable:
                yield unreadable[pk]
                continue
            found = _check_chain(pk, "event", events[pk], case.event_head, case.version)
            found = found or _check_chain(pk, "history", rows[pk], case.history_head, case.version)
            if found is None:
                found = _pairing(case, events[pk], rows[pk], recorded)
            if found is not None:
                yield found


def _unreadable_datetimes(case_ids: list[int]) -> dict[int, Break]:
    """SQLite stores datetimes as text and Django reads text it cannot parse as NULL, which
    would hide an edit such as NULL → 'x' from the hashes: find such values directly."""
    from django.db import connection, models

    from .models import Case, CaseEvent

    if connection.vendor != "sqlite" or not case_ids:
        return {}
    found: dict[int, Break] = {}
    q = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(case_ids))
    for model, record, key, position in (
        (CaseEvent, "event", "case_id", "sequence"),
        (Case.history.model, "history", "id", "version"),
    ):
        columns = [f.column for f in model._meta.concrete_fields
                   if isinstance(f, models.DateTimeField)]  # fmt: skip
        bad = " OR ".join(
            f"({q(c)} IS NOT NULL AND (typeof({q(c)}) != 'text' OR datetime({q(c)}) IS NULL))"
            for c in columns
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {q(key)}, {q(position)} FROM {q(model._meta.db_table)} "
                f"WHERE {q(key)} IN ({marks}) AND ({bad})",
                case_ids,
            )
            for case_id, where in cursor.fetchall():
                found.setdefault(case_id, Break(case_id, record, where, "nilai waktu tidak sah"))
    return found


def _pairing(case, events, rows, recorded) -> Break | None:
    for (sequence, _p, _h, event), (_v, _p2, _h2, row) in zip(events, rows, strict=True):
        if event["created_at"] != row["history_date"]:
            return Break(case.pk, "event", sequence, "waktu tidak cocok dengan riwayat")
        if event["to_status"] and event["to_status"] != row["status"]:
            return Break(case.pk, "event", sequence, "status tidak cocok dengan riwayat")
    if rows:
        newest = rows[-1][3]
        for name in recorded:
            if _plain(getattr(case, name)) != _plain(newest[name]):
                return Break(case.pk, "case", None, f"kolom {name} berbeda dari riwayat terakhir")
    return None


# --- roots ---------------------------------------------------------------------------------------


def heads_at(event_watermark: int, history_watermark: int) -> list[tuple[int, str, str]]:
    """(case id, event head, history head) of every chain as it stood at the watermarks."""
    from django.db.models import Max

    from .models import Case, CaseEvent

    history_model = Case.history.model
    last_events = (
        CaseEvent.objects.filter(pk__lte=event_watermark)
        .values("case_id")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    event_heads = dict(CaseEvent.objects.filter(pk__in=last_events).values_list("case_id", "hash"))
    last_rows = (
        history_model.objects.filter(history_id__lte=history_watermark)
        .values("id")
        .annotate(last=Max("history_id"))
        .values_list("last", flat=True)
    )
    history_heads = dict(
        history_model.objects.filter(history_id__in=last_rows).values_list("id", "row_hash")
    )
    return [
        (case_id, event_heads.get(case_id, GENESIS), history_heads.get(case_id, GENESIS))
        for case_id in sorted(set(event_heads) | set(history_heads))
    ]


def root_of(heads: list[tuple[int, str, str]]) -> str:
    digest = hashlib.sha256()
    for case_id, event_head, history_head in heads:
        digest.update(f"{case_id}:{event_head}:{history_head}\n".encode())
    return digest.hexdigest()


def watermarks() -> tuple[int, int]:
    from django.db.models import Max

    from .models import Case, CaseEvent

    event = CaseEvent.objects.aggregate(m=Max("pk"))["m"] or 0
    history = Case.history.model.objects.aggregate(m=Max("history_id"))["m"] or 0
    return event, history


def record_root(*, day: date | None = None):
    """Record today's root (WIB date) once; a second call the same day returns the first."""
    from . import clock
    from .calendar import local_date
    from .models import AuditRoot

    now = clock.now()
    day = day or local_date(now)
    existing = AuditRoot.objects.filter(day=day).first()
    if existing is not None:
        return existing
    event_watermark, history_watermark = watermarks()
    heads = heads_at(event_watermark, history_watermark)
    root, _created = AuditRoot.objects.get_or_create(
        day=day,
        defaults={
            "event_watermark": event_watermark,
            "history_watermark": history_watermark,
            "chains": len(heads),
            "root": root_of(heads),
            "created_at": now,
        },
    )
    return root


def verify_root(root) -> bool:
    heads = heads_at(root.event_watermark, root.history_watermark)
    return len(heads) == root.chains and root_of(heads) == root.root
