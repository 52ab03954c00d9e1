"""The benchmark record: ten years of Rakor follow-up for the scale benchmark (issue 9).

On top of the demo's reference data (52 organizations, 35 areas, users, directive types) it
adds monthly Rakor, directives of five cases each (one lead, four supporting organizations)
and the cases themselves, oldest first, with one creation event and a creation history row
each. Older cases are mostly finished; the newest few percent are open, some overdue and
escalated, as a live record looks.

- ``grow_cases(total)`` appends cases until there are ``total`` (batches; a progress bar on
  stderr). PostgreSQL takes the rows by ``COPY``, SQLite by ``executemany``.
- ``grow_history(per_case)`` appends history rows (``history_type`` "~", one hour apart)
  until every case has ``per_case`` of them, in one INSERT … SELECT per batch of cases: the
  rows are made by the database, not by Python.
- ``PROBES`` cases get their full history at once, so a history page can be measured on a
  table of 2 and of 20 rows per case with the same case and the same rows on the page.

The chains of the generated rows are not valid audit chains (every ``prev_hash`` is the
genesis hash); ``verify_audit`` would report them. They are load for the tables, not a
record to verify: the audit benchmarks in ``tests/`` build real chains.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from common import progress
from django.db import connection, transaction

from cases.audit import GENESIS
from cases.calendar import WIB
from cases.models import (
    Area,
    AreaLevel,
    Case,
    CaseEvent,
    Directive,
    DirectiveType,
    Organization,
    Rakor,
    RakorSeries,
)

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=WIB)  # a Friday morning; the benchmark's clock
SPAN = timedelta(days=3650)  # ten years of record
CASES_PER_DIRECTIVE = 5
DIRECTIVES_PER_RAKOR = 200  # 1,000 cases per Rakor: the report benchmark's size
BATCH = 20_000
RAKOR_NUMBER_BASE = 1_000_000  # Rakor number BASE - k: the k-th back from the newest
PROBES = 50  # cases with their full history from the start (history page measurement)

HistoricalCase = Case.history.model

CASE_COLUMNS = (
    "id", "directive_id", "organization_id", "role", "title", "instructions", "status",
    "priority", "progress", "area_id", "due_at", "due_calendar_version", "escalation_level",
    "next_escalation_at", "version", "event_head", "history_head", "created_by_id",
    "created_at", "updated_at", "dispatched_at", "accepted_at", "reported_at", "closed_at",
)  # fmt: skip
EVENT_COLUMNS = (
    "case_id", "sequence", "kind", "transition", "from_status", "to_status", "actor_id",
    "actor_label", "reason", "data", "created_at", "prev_hash", "hash",
)  # fmt: skip
# The history row repeats the case's recorded columns, then its own.
RECORDED = tuple(c for c in CASE_COLUMNS if c not in ("next_escalation_at", "event_head",
                                                      "history_head"))  # fmt: skip
HISTORY_COLUMNS = (*RECORDED, "prev_hash", "row_hash", "history_date",
                   "history_change_reason", "history_type", "history_user_id")  # fmt: skip

OLD_STATUSES = ["closed"] * 85 + ["ongoing"] * 8 + ["cancelled"] * 4 + ["declined"] * 3
NEW_STATUSES = (
    ["assigned"] * 15 + ["in_progress"] * 45 + ["reported"] * 10 + ["on_hold"] * 5
    + ["closed"] * 20 + ["ongoing"] * 4 + ["draft"] * 1
)  # fmt: skip
WORDS = ["drainase", "MBG", "pos kamling", "PJU", "CCTV", "sampah", "parkir", "PKL"]


class Reference:
    """What every generated case points to, read once."""

    def __init__(self) -> None:
        self.orgs = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
        areas = Area.objects.exclude(level=AreaLevel.KOTA).order_by("pk")
        self.kelurahan = [a.pk for a in areas if a.level == AreaLevel.KELURAHAN]
        self.kecamatan = [a.pk for a in areas if a.level == AreaLevel.KECAMATAN]
        self.area_names = {a.pk: a.name for a in areas}
        self.types = list(DirectiveType.objects.order_by("pk").values_list("pk", flat=True))


def _prep(value):
    """A Python value as the database column takes it (datetimes on SQLite are text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def write(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    q = connection.ops.quote_name
    names = ", ".join(q(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg's own cursor: COPY
            with raw.copy(f"COPY {q(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["?"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {q(table)} ({names}) VALUES ({marks})".replace("?", "%s"),
                [[_prep(v) for v in row] for row in rows],
            )


def _rakor_for(series: RakorSeries, index: int, total: int) -> int:
    """The id of Rakor number ``index`` of the bench series, counted back from the newest
    (made on demand); its date is that of its cases."""
    per_rakor = DIRECTIVES_PER_RAKOR * CASES_PER_DIRECTIVE
    held = (NOW - SPAN * (min(index * per_rakor, total) / total)).date()
    rakor, _created = Rakor.objects.get_or_create(
        series=series,
        number=RAKOR_NUMBER_BASE - index,
        defaults={
            "title": f"Rakor bench {held:%d/%m/%Y} #{index}",
            "date": held,
            "place": "Ruang Rapat Bakesbangpol",
            "chair": "Sekretaris Daerah",
            "mode": "luring",
            "created_at": NOW,
        },
    )
    return rakor.pk


def _series() -> RakorSeries:
    first = Organization.objects.order_by("pk").first()
    series, _created = RakorSeries.objects.get_or_create(
        code="bench", defaults={"name": "Rakor (data benchmark)", "organizer": first}
    )
    return series


def _directives(ref: Reference, first: int, last: int, total: int) -> dict[int, int]:
    """Directive ids for the directives of cases ``first..last`` (made when missing)."""
    series = _series()
    wanted = range(first // CASES_PER_DIRECTIVE, last // CASES_PER_DIRECTIVE + 1)
    keys = [str(d) for d in wanted]

    def known() -> dict[int, int]:
        rows = Directive.objects.filter(title__startswith="bench:", source_sentence__in=keys)
        return {int(k): pk for k, pk in rows.values_list("source_sentence", "pk")}

    out = known()
    rakors: dict[int, int] = {}
    new = []
    for d in wanted:
        if d in out:
            continue
        # 2,000 consecutive directives per monthly Rakor, the newest Rakor last
        index = max((total // CASES_PER_DIRECTIVE - d) // DIRECTIVES_PER_RAKOR, 0)
        if index not in rakors:
            rakors[index] = _rakor_for(series, index, total)
        new.append(
            Directive(
                rakor_id=rakors[index],
                number=d % DIRECTIVES_PER_RAKOR + 1,
                title=f"bench: {WORDS[d % len(WORDS)]} {d}",
                text=f"Normalisasi dan penanganan {WORDS[d % len(WORDS)]} (arahan {d}).",
                directive_type_id=ref.types[d % len(ref.types)],
                source_sentence=str(d),
                created_at=NOW,
            )
        )
    if new:
        Directive.objects.bulk_create(new, batch_size=2000)
        out = known()
    return out


def case_row(i: int, total: int, ref: Reference, directive_id: int) -> tuple:
    """Case number ``i`` of a record of ``total`` (ids are ``OFFSET + i``)."""
    age = SPAN * ((total - i) / total)  # the newest case is the youngest
    created = NOW - age - timedelta(days=1)
    recent = age < timedelta(days=180)
    statuses = NEW_STATUSES if recent else OLD_STATUSES
    status = statuses[(i * 7919) % len(statuses)]
    k = i % CASES_PER_DIRECTIVE
    d = i // CASES_PER_DIRECTIVE
    org = ref.orgs[(d * 7 + k * 11) % len(ref.orgs)]
    pick = i % 10
    area = (
        ref.kelurahan[i % len(ref.kelurahan)]
        if pick < 6
        else ref.kecamatan[i % len(ref.kecamatan)]
        if pick < 7
        else None
    )
    word = WORDS[d % len(WORDS)]
    place = ref.area_names.get(area, "Kota Probolinggo")
    due = None if status == "draft" else created + timedelta(days=14)
    dispatched = None if status == "draft" else created
    accepted = created + timedelta(days=1) if status not in ("draft", "assigned") else None
    reported = created + timedelta(days=9) if status in ("reported", "closed", "ongoing") else None
    closed = created + timedelta(days=12) if status in ("closed", "ongoing", "cancelled") else None
    overdue = status in ("assigned", "in_progress") and due is not None and due < NOW
    level = min(3, 1 + int((NOW - due).days // 7)) if overdue else 0
    next_escalation = (
        (NOW + timedelta(days=3 + i % 7)) if status in ("assigned", "in_progress") else None
    )
    return (
        OFFSET + i, directive_id, org, "lead" if k == 0 else "supporting",
        f"{word.capitalize()} di {place} ({i})", f"Tindak lanjut {word} di {place}.", status,
        "high" if i % 13 == 0 else "normal", 100 if closed else (i % 10) * 10, area, due,
        "bench", level, next_escalation, 1, GENESIS, GENESIS, None, created, created,
        dispatched, accepted, reported, closed,
    )  # fmt: skip


OFFSET = 1_000  # generated ids start above the demo's own cases


def case_count() -> int:
    return Case.objects.filter(pk__gt=OFFSET).count()


def grow_cases(total: int, *, planned_total: int, label: str = "kasus") -> None:
    """Append generated cases until there are ``total``. The record is planned at
    ``planned_total`` cases (case ``planned_total`` is the newest) and grows from its newest
    end back in time, so 10,000 cases are the newest 10,000 of the same record."""
    ref = Reference()
    have = case_count()
    indexes = range(planned_total - total + 1, planned_total - have + 1)
    count = len(indexes)
    done = 0
    recorded = [CASE_COLUMNS.index(c) for c in RECORDED]
    for lo in range(0, count, BATCH):
        chunk = indexes[lo : lo + BATCH]
        directives = _directives(ref, chunk[0], chunk[-1], planned_total)
        cases, events, history = [], [], []
        for i in chunk:
            row = case_row(i, planned_total, ref, directives[i // CASES_PER_DIRECTIVE])
            cases.append(row)
            created = row[CASE_COLUMNS.index("created_at")]
            events.append(
                (row[0], 1, "created", "", "", row[6], None, "bench", "", "{}", created,
                 GENESIS, GENESIS)
            )  # fmt: skip
            values = tuple(row[j] for j in recorded)
            history.append((*values, GENESIS, GENESIS, created, "bench", "+", None))
        with transaction.atomic():
            write(Case._meta.db_table, CASE_COLUMNS, cases)
            write(CaseEvent._meta.db_table, EVENT_COLUMNS, events)
            write(HistoricalCase._meta.db_table, HISTORY_COLUMNS, history)
        done += len(chunk)
        progress(done, count, label)
    analyze()


def history_count() -> int:
    return HistoricalCase.objects.count()


def _hour_later(column: str, k: str) -> str:
    if connection.vendor == "postgresql":
        return f"{column} + {k} * interval '1 hour'"
    return f"strftime('%%Y-%%m-%%d %%H:%%M:%%f', {column}, '+' || {k} || ' hours')"


def grow_history(
    first: int,
    last: int,
    *,
    ids: tuple[int, int],
    exclude=(),
    label: str = "riwayat",
    then_analyze: bool = True,
) -> int:
    """Append history rows number ``first..last`` (versions, one hour apart) to every case
    with id in ``ids`` except ``exclude``, by INSERT … SELECT from the creation rows, one
    statement per batch of cases: the database makes the rows, not Python."""
    q = connection.ops.quote_name
    table = q(HistoricalCase._meta.db_table)
    select = []
    for c in HISTORY_COLUMNS:
        if c == "version":
            select.append("n.k")
        elif c in ("updated_at", "history_date"):
            select.append(_hour_later("h.created_at", "n.k"))
        elif c == "history_type":
            select.append("'~'")
        else:
            select.append(f"h.{q(c)}")
    skip = ", ".join(str(int(pk)) for pk in exclude) or "0"
    sql = (
        f"INSERT INTO {table} ({', '.join(q(c) for c in HISTORY_COLUMNS)}) "
        f"WITH RECURSIVE n(k) AS (SELECT {int(first)} UNION ALL SELECT k + 1 FROM n "
        f"WHERE k < {int(last)}) "
        f"SELECT {', '.join(select)} FROM {table} h CROSS JOIN n "
        f"WHERE h.history_type = '+' AND h.id BETWEEN %s AND %s AND h.id NOT IN ({skip})"
    )
    lo_id, hi_id = ids
    step = max(1, 500_000 // max(last - first + 1, 1))
    added = 0
    with connection.cursor() as cursor:
        for lo in range(lo_id, hi_id + 1, step):
            with transaction.atomic():
                cursor.execute(sql, [lo, min(lo + step - 1, hi_id)])
                added += max(cursor.rowcount, 0)
            if label:
                progress(min(lo + step, hi_id + 1) - lo_id, hi_id - lo_id + 1, label)
    if then_analyze:
        analyze()
    return added


def analyze() -> None:
    """Statistics for the planner; on PostgreSQL also the visibility map (VACUUM), as
    autovacuum would keep it on a live database, so index-only scans stay index-only, and a
    CHECKPOINT, so the writes of the load are not flushed while the next figure is taken."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")


def probe_ids(planned_total: int) -> list[int]:
    """Cases spread over the record whose history page is measured."""
    step = planned_total // PROBES
    return [OFFSET + planned_total - j * step for j in range(PROBES)]
