"""Reads behind the coordinator's and the auditor's pages: dashboard, the board as of a
moment, the activity log, a case's forensic timeline.

Every read starts from ``cases.selectors.cases_visible_to`` (visibility is decided there and
only there) and is an aggregate or a bounded page: the number of queries is fixed, whatever
the number of cases (the tests pin it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Case as SqlCase
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import TruncMonth

from cases import selectors
from cases.calendar import WIB, local_date
from cases.models import (
    CLOCK_STATES,
    OPEN_STATES,
    Area,
    AreaLevel,
    Case,
    CaseEvent,
    CaseStatus,
    DirectiveType,
    Organization,
    OrganizationKind,
    Rakor,
)

# --- filters shared by the dashboard and the board ------------------------------------------


@dataclass
class CaseFilters:
    """What the user narrowed the dashboard to. Every field is already validated."""

    organization: Organization | None = None
    group: str = ""  # "opd" (Pemkot) or "mitra" (partners), counted apart
    kecamatan: Area | None = None
    rakor: Rakor | None = None
    directive_type: DirectiveType | None = None
    status: str = ""
    overdue_only: bool = False
    errors: list[str] = field(default_factory=list)

    def q(self, *, prefix: str = "", at: datetime | None = None) -> Q:
        """The filters as a condition on cases (``prefix`` "" ) or on history rows."""
        q = Q()
        if self.organization is not None:
            q &= Q(**{f"{prefix}organization_id": self.organization.pk})
        if self.group == "opd":
            q &= ~Q(**{f"{prefix}organization__kind": OrganizationKind.PARTNER})
        elif self.group == "mitra":
            q &= Q(**{f"{prefix}organization__kind": OrganizationKind.PARTNER})
        if self.kecamatan is not None:
            q &= Q(**{f"{prefix}area_id": self.kecamatan.pk}) | Q(
                **{f"{prefix}area__parent_id": self.kecamatan.pk}
            )
        if self.rakor is not None:
            q &= Q(**{f"{prefix}directive__rakor_id": self.rakor.pk})
        if self.directive_type is not None:
            q &= Q(**{f"{prefix}directive__directive_type_id": self.directive_type.pk})
        if self.status:
            q &= Q(**{f"{prefix}status": self.status})
        if self.overdue_only and at is not None:
            q &= overdue_q(at, prefix=prefix)
        return q

    def as_params(self) -> dict[str, str]:
        params = {}
        if self.organization is not None:
            params["organisasi"] = str(self.organization.pk)
        if self.group:
            params["kelompok"] = self.group
        if self.kecamatan is not None:
            params["kecamatan"] = str(self.kecamatan.pk)
        if self.rakor is not None:
            params["rakor"] = str(self.rakor.pk)
        if self.directive_type is not None:
            params["jenis"] = str(self.directive_type.pk)
        if self.status:
            params["status"] = self.status
        if self.overdue_only:
            params["terlambat"] = "1"
        return params


def overdue_q(at: datetime, *, prefix: str = "") -> Q:
    """Overdue at ``at``: the OPD's clock runs and the deadline has passed."""
    return Q(**{f"{prefix}status__in": CLOCK_STATES, f"{prefix}due_at__lt": at})


def filter_options() -> dict[str, Any]:
    """The choices of the filter bar: three small queries (reference tables)."""
    return {
        "organizations": list(
            Organization.objects.filter(is_active=True)
            .order_by("kind", "short_name")
            .only("pk", "short_name", "kind")
        ),
        "meetings": list(Rakor.objects.order_by("-date", "-number").only("pk", "title", "date")),
        "types": list(DirectiveType.objects.order_by("name").only("pk", "name")),
    }


# --- the dashboard ----------------------------------------------------------------------------

# Ageing of overdue cases in calendar days past the deadline (an approximation of working
# days that SQL can compute without a calendar: see README, "Coordinator and auditor").
AGEING_BUCKETS: list[tuple[str, int, int | None]] = [
    ("1–3", 0, 3),
    ("4–7", 3, 7),
    ("8–14", 7, 14),
    ("15–30", 14, 30),
    ("> 30", 30, None),
]
TREND_MONTHS = 12


def _kecamatan_expr(column: str) -> SqlCase:
    return SqlCase(
        When(area__level=AreaLevel.KECAMATAN, then=F(f"area__{column}")),
        When(area__level=AreaLevel.KELURAHAN, then=F(f"area__parent__{column}")),
        default=Value(None),
    )


def _month_starts(at: datetime, months: int) -> list[date]:
    first = local_date(at).replace(day=1)
    starts = [first]
    for _ in range(months - 1):
        previous = starts[-1] - timedelta(days=1)
        starts.append(previous.replace(day=1))
    return list(reversed(starts))


def dashboard(*, user: Any, at: datetime, filters: CaseFilters) -> dict[str, Any]:
    """Every number of the coordinator's dashboard, in ten aggregate queries.

    Only the count per status reads every case (an index-only scan of the status index);
    the other counts are of open cases, so they read the few percent of the record that is
    still open (a partial index), not ten years of closed cases.
    """
    cases = selectors.cases_visible_to(user).filter(filters.q(at=at))
    is_open = Q(status__in=OPEN_STATES)
    is_overdue = overdue_q(at)
    open_cases = cases.filter(is_open)
    counts = {"open": Count("*"), "overdue": Count("status", filter=is_overdue)}

    # 1. per status (every case), then totals and ageing buckets of the open cases
    per_status = dict(cases.order_by().values_list("status").annotate(n=Count("*")))
    ageing = {}
    for index, (_label, low, high) in enumerate(AGEING_BUCKETS):
        condition = is_overdue & Q(due_at__lte=at - timedelta(days=low))
        if low == 0:
            condition = is_overdue
        if high is not None:
            condition &= Q(due_at__gt=at - timedelta(days=high))
        ageing[f"age_{index}"] = Count("status", filter=condition)
    totals = open_cases.aggregate(**counts, **ageing)
    totals["total"] = sum(per_status.values())
    totals.update({f"status_{value}": per_status.get(value, 0) for value in CaseStatus.values})

    # 2. by organization
    by_organization = list(
        open_cases.values("organization_id", "organization__short_name", "organization__kind")
        .annotate(**counts)
        .order_by("-overdue", "-open", "organization__short_name")
    )
    # 3. by kecamatan (of the case's area; the whole city or no area: None)
    by_kecamatan = list(
        open_cases.annotate(kec_id=_kecamatan_expr("id"), kec_name=_kecamatan_expr("name"))
        .values("kec_id", "kec_name")
        .annotate(**counts)
        .order_by("-overdue", "-open", "kec_name")
    )
    # 4. escalation levels of open cases
    levels = list(
        open_cases.values("escalation_level").annotate(n=Count("*")).order_by("escalation_level")
    )
    # 5.–6. monthly trend: dispatched and finished per month (WIB), last 12 months
    months = _month_starts(at, TREND_MONTHS)
    since = datetime.combine(months[0], datetime.min.time(), tzinfo=WIB)
    dispatched = _per_month(cases.filter(dispatched_at__gte=since), "dispatched_at")
    finished = _per_month(
        cases.filter(closed_at__gte=since, status__in=[CaseStatus.CLOSED, CaseStatus.ONGOING]),
        "closed_at",
    )
    trend = [(month, dispatched.get(month, 0), finished.get(month, 0)) for month in months]
    # 7. per area, for the map (open cases)
    per_area = {
        row["area_id"]: row
        for row in open_cases.filter(area__isnull=False).values("area_id").annotate(**counts)
    }
    # 8. the areas themselves (5 kecamatan, 29 kelurahan)
    areas = list(
        Area.objects.filter(level__in=[AreaLevel.KECAMATAN, AreaLevel.KELURAHAN]).order_by("code")
    )
    # 9. the most overdue cases
    most_overdue = list(
        cases.filter(is_overdue)
        .select_related("organization", "directive__rakor", "area")
        .order_by("due_key", "pk")[:10]  # a running clock always has a deadline
    )
    return {
        "totals": totals,
        "statuses": [
            (value, label, totals[f"status_{value}"]) for value, label in CaseStatus.choices
        ],
        "ageing": [
            (label, totals[f"age_{index}"]) for index, (label, _l, _h) in enumerate(AGEING_BUCKETS)
        ],
        "by_organization": by_organization,
        "by_kecamatan": by_kecamatan,
        "levels": levels,
        "trend": trend,
        "map": map_groups(areas, per_area),
        "most_overdue": most_overdue,
    }


DASHBOARD_CACHE_SECONDS = 60


def record_stamp() -> int:
    """The id of the newest case history row. Every recorded change of a case writes one
    (cases.services, cases.sweep; the integrity check verifies it), so this number moves
    whenever any count of the dashboard could. One lookup at the end of the primary key,
    however long the record."""
    return HistoricalCase.objects.aggregate(newest=Max("history_id"))["newest"] or 0


def dashboard_cached(*, user: Any, at: datetime, filters: CaseFilters) -> dict[str, Any]:
    """``dashboard``, kept in Django's cache (Redis in production) until the record changes.

    The key holds ``record_stamp()`` (a change to any case makes a new key, so a coordinator
    who just verified a case sees it counted at once), who may see what (every all-seeing
    user shares one entry), the filters, and the minute of ``at``: a deadline passing without
    any write is counted within the minute. An entry lives at most a minute. The one case it
    can miss: a transaction that took an older history id but commits after a newer one
    (PostgreSQL sequences are not commit order); the entry then lags for up to that minute.
    """
    scope = "all" if getattr(user, "sees_everything", False) else f"user{user.pk}"
    minute = at.astimezone(WIB).strftime("%Y%m%d%H%M")
    params = urlencode(sorted(filters.as_params().items()))
    key = f"dasbor:{record_stamp()}:{scope}:{minute}:{params}"
    data = cache.get(key)
    if data is None:
        data = dashboard(user=user, at=at, filters=filters)
        cache.set(key, data, DASHBOARD_CACHE_SECONDS)
    return data


def _per_month(cases: QuerySet[Case], column: str) -> dict[date, int]:
    rows = (
        cases.annotate(month=TruncMonth(column, tzinfo=WIB))
        .values("month")
        .annotate(n=Count("*"))
        .order_by("month")
    )
    result: dict[date, int] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime):
            month = month.astimezone(WIB).date() if month.tzinfo else month.date()
        result[month.replace(day=1)] = result.get(month.replace(day=1), 0) + row["n"]
    return result


@dataclass
class MapTile:
    area: Area
    open: int
    overdue: int


@dataclass
class MapGroup:
    kecamatan: Area
    own: MapTile  # cases of the kecamatan as a whole
    tiles: list[MapTile]

    @property
    def open(self) -> int:
        return self.own.open + sum(t.open for t in self.tiles)

    @property
    def overdue(self) -> int:
        return self.own.overdue + sum(t.overdue for t in self.tiles)


def map_groups(areas: list[Area], per_area: dict[int, dict]) -> list[MapGroup]:
    """The kelurahan grouped under their kecamatan, with their open and overdue counts."""

    def tile(area: Area) -> MapTile:
        row = per_area.get(area.pk, {})
        return MapTile(area=area, open=row.get("open", 0), overdue=row.get("overdue", 0))

    groups = {
        area.pk: MapGroup(kecamatan=area, own=tile(area), tiles=[])
        for area in areas
        if area.level == AreaLevel.KECAMATAN
    }
    for area in areas:
        if area.level == AreaLevel.KELURAHAN and area.parent_id in groups:
            groups[area.parent_id].tiles.append(tile(area))
    return list(groups.values())


def case_rows(*, user: Any, at: datetime, filters: CaseFilters) -> QuerySet[Case]:
    """The dashboard's list of cases (export), with what a row shows."""
    return selectors.case_list_for_user(user).filter(filters.q(at=at)).order_by("due_at", "pk")


# --- the board as of a moment -----------------------------------------------------------------

HistoricalCase = Case.history.model


def board_rows(
    *, user: Any, at: datetime, filters: CaseFilters, changed_since: bool = False
) -> QuerySet:
    """Every case as it stood at ``at``: its newest history row with ``history_date <= at``.

    One correlated subquery per case (an index probe on the history table's
    ``(id, history_date, history_id)``, see web/migrations) picks the row; the filters then
    apply to the row's own snapshot (status, organization, deadline, escalation level as
    they were), not to today's values. Cases created after ``at`` have no such row and are
    not on the board. ``changed_since``: only the cases changed after ``at``.
    """
    newest = (
        HistoricalCase.objects.filter(id=OuterRef("pk"), history_date__lte=at)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    cases = selectors.cases_visible_to(user).filter(created_at__lte=at)
    if changed_since:
        cases = cases.filter(updated_at__gt=at)
    snapshot_ids = cases.annotate(snapshot=Subquery(newest)).values("snapshot")
    return HistoricalCase.objects.filter(history_id__in=snapshot_ids).filter(
        filters.q(prefix="", at=at)
    )


def board_page_rows(*, user: Any, at: datetime, filters: CaseFilters) -> QuerySet:
    """The board's rows in case order, shaped for one page: history rows are walked in case
    order and each is kept if it is its case's newest at ``at`` (an index probe), so a page
    of 50 reads a few hundred rows however long the record is. ``board_rows`` (a set of
    snapshot ids) suits counting and export instead, which read every case anyway."""
    newest = (
        HistoricalCase.objects.filter(id=OuterRef("id"), history_date__lte=at)
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    rows = HistoricalCase.objects.filter(history_date__lte=at, history_id=Subquery(newest))
    visible = selectors.case_ids_visible_to(user)
    if visible is not None:
        rows = rows.filter(id__in=visible)
    return rows.filter(filters.q(prefix="", at=at)).order_by("id")


def _count_fields(field: str, at: datetime) -> dict[str, Count]:
    per_status = {
        f"status_{value}": Count(field, filter=Q(status=value)) for value in CaseStatus.values
    }
    return {
        "total": Count(field),
        "overdue": Count(field, filter=overdue_q(at)),
        "escalated": Count(field, filter=Q(escalation_level__gt=0, status__in=OPEN_STATES)),
        **per_status,
    }


def snapshot_counts(rows: QuerySet, at: datetime) -> dict[str, int]:
    """Total, overdue-at-``at``, escalated and per-status counts of snapshot rows."""
    return rows.aggregate(**_count_fields("history_id", at))


def board_counts(*, user: Any, at: datetime, filters: CaseFilters) -> dict[str, int]:
    """The board's counts at ``at``, in two queries that together read each case once.

    A case not changed since ``at`` (``updated_at <= at``) is counted from its own row: every
    recorded change writes a history row with ``history_date`` equal to the new
    ``updated_at`` (cases.services, cases.sweep), so its newest history row up to ``at``
    holds the values the row holds now — the integrity check verifies exactly that. Only the
    cases changed since are looked up in the history table, one index probe each. On a ten
    year record, a date months back probes a few percent of the cases instead of all of them
    (docs/benchmarks.md); ``test_board_counts_agree_with_the_history`` pins the equality.
    """
    unchanged = (
        selectors.cases_visible_to(user)
        .filter(updated_at__lte=at)
        .filter(filters.q(at=at))
        .aggregate(**_count_fields("status", at))
    )
    changed = snapshot_counts(board_rows(user=user, at=at, filters=filters, changed_since=True), at)
    return {key: unchanged[key] + changed[key] for key in unchanged}


# --- the activity log -------------------------------------------------------------------------


@dataclass
class ActivityFilters:
    organization: Organization | None = None
    actor_id: int | None = None
    system_only: bool = False
    kind: str = ""
    since: date | None = None
    until: date | None = None

    def q(self) -> Q:
        q = Q()
        if self.organization is not None:
            q &= Q(case__organization_id=self.organization.pk)
        if self.system_only:
            q &= Q(actor__isnull=True)
        elif self.actor_id is not None:
            q &= Q(actor_id=self.actor_id)
        if self.kind:
            q &= Q(kind=self.kind)
        if self.since is not None:
            q &= Q(created_at__gte=datetime.combine(self.since, datetime.min.time(), tzinfo=WIB))
        if self.until is not None:
            end = datetime.combine(self.until + timedelta(days=1), datetime.min.time(), tzinfo=WIB)
            q &= Q(created_at__lt=end)
        return q


def activity(*, user: Any, filters: ActivityFilters) -> QuerySet[CaseEvent]:
    """The events of the cases the user may see, newest first."""
    return (
        CaseEvent.objects.filter(case__in=selectors.cases_visible_to(user))
        .filter(filters.q())
        .select_related("case__organization", "actor")
        .order_by("-created_at", "-pk")
    )


# --- a case's forensic timeline ---------------------------------------------------------------

DIFF_HIDDEN = {"version", "updated_at", "prev_hash", "row_hash", "id"}


@dataclass
class Change:
    field: str
    label: str
    old: Any
    new: Any


@dataclass
class TimelineEntry:
    event: CaseEvent | None
    row: Any  # the history row of the same version
    changes: list[Change]


def case_timeline(case: Case) -> list[TimelineEntry]:
    """The case's events, each beside the history row of the same version and that row's
    field changes against the row before (``diff_against``). Two queries, bounded by one
    case's history."""
    events = {e.sequence: e for e in selectors.case_timeline(case)}
    rows = list(
        HistoricalCase.objects.filter(id=case.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    labels = {f.attname: f.verbose_name for f in HistoricalCase._meta.concrete_fields}
    labels.update({f.name: f.verbose_name for f in HistoricalCase._meta.concrete_fields})
    entries: list[TimelineEntry] = []
    previous = None
    for row in rows:
        changes: list[Change] = []
        if previous is not None:
            delta = row.diff_against(previous, excluded_fields=DIFF_HIDDEN)
            for change in delta.changes:
                changes.append(
                    Change(
                        field=change.field,
                        label=str(labels.get(change.field, change.field)),
                        old=change.old,
                        new=change.new,
                    )
                )
        entries.append(TimelineEntry(event=events.pop(row.version, None), row=row, changes=changes))
        previous = row
    # Events without a history row would be a break in the record; show them anyway.
    for event in events.values():
        entries.append(TimelineEntry(event=event, row=None, changes=[]))
    return entries
