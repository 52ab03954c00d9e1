"""What the report of a Rakor's follow-up says, as plain data (read once, then rendered).

The cycle is the cases of the meeting's directives. Per organization a scorecard:
dispatched, done (Selesai or Selesai Berkelanjutan), done on time % (reported by the
deadline in force), overdue now, extended (an approved extension), on hold. Then each
directive with its cases (status, deadline, latest progress, evidence photos) and the
escalations. Partners are scored apart from Pemkot offices.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from cases.models import (
    CLOCK_STATES,
    Case,
    CaseStatus,
    Directive,
    Escalation,
    Evidence,
    ExtensionRequest,
    ProgressUpdate,
    Rakor,
    RequestStatus,
)
from cases.models.case import FINISHED_STATES


@dataclass
class Score:
    organization: str
    is_partner: bool
    dispatched: int = 0
    done: int = 0
    done_on_time: int = 0
    overdue: int = 0
    extended: int = 0
    on_hold: int = 0

    @property
    def on_time_pct(self) -> float | None:
        return round(100 * self.done_on_time / self.done, 1) if self.done else None


@dataclass
class CaseLine:
    case_id: int
    organization: str
    role: str
    status: str
    status_code: str
    due_at: datetime | None
    overdue: bool
    progress: int
    latest_progress: str
    photos: list[str] = field(default_factory=list)  # storage names of photo evidence
    escalations: list[str] = field(default_factory=list)


@dataclass
class DirectiveBlock:
    number: int
    title: str
    type_name: str
    speaker: str
    cases: list[CaseLine]


@dataclass
class ReportData:
    rakor: Rakor
    as_of: datetime
    scores: list[Score]
    directives: list[DirectiveBlock]
    escalations: list[str]
    audit_digest: str | None = None  # the day's audit root (cases.audit), printed on paper


def collect(rakor: Rakor, *, as_of: datetime) -> ReportData:
    """A fixed number of queries: directives, cases, progress, evidence, escalations."""
    cases_qs = Case.objects.select_related("organization").prefetch_related(
        Prefetch(
            "progress_updates",
            queryset=ProgressUpdate.objects.order_by("created_at", "id"),
        ),
        Prefetch("evidence", queryset=Evidence.objects.filter(kind="photo").order_by("id")),
        Prefetch("escalations", queryset=Escalation.objects.order_by("level")),
    )
    directives = list(
        Directive.objects.filter(rakor=rakor)
        .select_related("directive_type")
        .prefetch_related(
            Prefetch("cases", queryset=cases_qs.order_by("role", "organization__name"))
        )
        .order_by("number")
    )
    case_ids = [c.pk for d in directives for c in d.cases.all()]
    extended = set(
        ExtensionRequest.objects.filter(
            case_id__in=case_ids, status=RequestStatus.APPROVED
        ).values_list("case_id", flat=True)
    )
    labels = {value: str(label) for value, label in CaseStatus.choices}
    scores: dict[int, Score] = {}
    blocks: list[DirectiveBlock] = []
    escalation_lines: list[str] = []
    for directive in directives:
        lines = []
        for case in directive.cases.all():
            org = case.organization
            score = scores.setdefault(org.pk, Score(str(org), org.is_partner))
            overdue = (
                case.status in CLOCK_STATES and case.due_at is not None and case.due_at < as_of
            )
            if case.dispatched_at is not None:
                score.dispatched += 1
            if case.status in FINISHED_STATES:
                score.done += 1
                finished = case.reported_at or case.closed_at
                if case.due_at is None or (finished is not None and finished <= case.due_at):
                    score.done_on_time += 1
            if overdue:
                score.overdue += 1
            if case.pk in extended:
                score.extended += 1
            if case.status == CaseStatus.ON_HOLD:
                score.on_hold += 1
            updates = list(case.progress_updates.all())
            escalations = [
                f"L{e.level} {e.escalated_at:%d-%m-%Y}: {e.rule_name}"
                for e in case.escalations.all()
            ]
            escalation_lines += [f"{org} — {directive.title}: {text}" for text in escalations]
            lines.append(
                CaseLine(
                    case_id=case.pk,
                    organization=str(org),
                    role=str(case.get_role_display()),
                    status=labels.get(case.status, case.status),
                    status_code=case.status,
                    due_at=case.due_at,
                    overdue=overdue,
                    progress=case.progress,
                    latest_progress=(
                        f"{updates[-1].percent}% — {updates[-1].note}" if updates else ""
                    ),
                    photos=[e.file.name for e in case.evidence.all()][:3],
                    escalations=escalations,
                )
            )
        blocks.append(
            DirectiveBlock(
                number=directive.number,
                title=directive.title,
                type_name=directive.directive_type.name,
                speaker=", ".join(
                    x for x in (directive.speaker_name, directive.speaker_office) if x
                ),
                cases=lines,
            )
        )
    ordered = sorted(scores.values(), key=lambda s: (s.is_partner, s.organization))
    return ReportData(rakor, as_of, ordered, blocks, escalation_lines, audit_digest())


def audit_digest() -> str:
    """The root over every case's hash chains, recorded for today (once per day): printed in
    the report, it makes a later rewrite of the record detectable (cases.audit)."""
    from cases import audit

    root = audit.record_root()
    return (
        f"Akar audit {root.day:%d-%m-%Y}: {root.root} ({root.chains} rantai kasus; "
        f"peristiwa s.d. #{root.event_watermark}, riwayat s.d. #{root.history_watermark})"
    )


def group_cases_by_status(data: ReportData) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for block in data.directives:
        for line in block.cases:
            counts[line.status] += 1
    return dict(counts)
