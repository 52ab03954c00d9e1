"""Reads of the task layer: the inbox, a case's open task, agreement and directive state."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.models import Case, CaseStatus, Directive
from cases.permissions import (
    COORDINATOR,
    ORG_MEMBER,
    actor_is_coordinator,
    capacities,
    membership_roles,
)
from cases.selectors import cases_visible_to

from .flows import COORDINATORS, EXPECTED_NODE, HUMAN_NODES, ORGANIZATION, CaseFlow

OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
FINISHED_CASE_STATES = (CaseStatus.CLOSED, CaseStatus.ONGOING)


def _case_flow_tasks() -> QuerySet[Task]:
    return Task.objects.filter(process__flow_class=CaseFlow)


def _nodes(audience: str) -> list[Any]:
    return [
        getattr(CaseFlow, name)
        for name in HUMAN_NODES
        if getattr(CaseFlow, name).audience == audience
    ]


def inbox_tasks(user: Any) -> QuerySet[Task]:
    """The open human tasks the user's organization (or, for coordinators, the
    secretariat) must do now, soonest deadline first, each annotated with its case's id.

    An officer sees the tasks of the cases of the organizations they are a member of (not
    the kelurahan's cases a kecamatan can read); a coordinator sees verify and reassign
    tasks of every case; auditors and the leadership have no tasks.
    """
    tasks = _case_flow_tasks().filter(status__in=OPEN_TASK_STATUSES)
    if user is None or not user.is_authenticated or not user.is_active:
        return tasks.none()
    case_ids = cases_visible_to(user).values("pk")
    organization_ids = list(membership_roles(user))
    selected = tasks.none()
    if organization_ids:
        mine = cases_visible_to(user).filter(organization_id__in=organization_ids).values("pk")
        selected = selected | tasks.filter(
            flow_task__in=_nodes(ORGANIZATION), process__artifact_object_id__in=mine
        )
    if actor_is_coordinator(user):
        selected = selected | tasks.filter(
            flow_task__in=_nodes(COORDINATORS), process__artifact_object_id__in=case_ids
        )
    due = Case.objects.filter(pk=OuterRef("process__artifact_object_id")).values("due_at")[:1]
    return (
        selected.select_related("process")
        .annotate(case_due_at=Subquery(due))
        .order_by("case_due_at", "pk")
    )


def open_task_for_case(case: Case) -> Task | None:
    """The case's open task, if any (human or waiting)."""
    return (
        _case_flow_tasks()
        .filter(
            process__artifact_content_type=ContentType.objects.get_for_model(Case),
            process__artifact_object_id=case.pk,
            status__in=OPEN_TASK_STATUSES,
        )
        .exclude(flow_task_type__in=("START", "END", "SWITCH"))
        .select_related("process")
        .order_by("-pk")
        .first()
    )


def task_may_be_done_by(task: Task, user: Any, case: Case) -> bool:
    node = task.flow_task
    if getattr(node, "audience", None) == ORGANIZATION:
        return ORG_MEMBER in capacities(actor=user, organization_id=case.organization_id)
    if getattr(node, "audience", None) == COORDINATORS:
        return COORDINATOR in capacities(actor=user, organization_id=case.organization_id)
    return False


# --- agreement between Case.status and the task layer --------------------------------------


@dataclass(frozen=True)
class Disagreement:
    case_id: int
    status: str
    problem: str

    def __str__(self) -> str:
        return f"#{self.case_id} ({self.status}): {self.problem}"


def expected_open_tasks(status: str) -> list[str]:
    """The open task(s) a case in ``status`` has: the node name, or none.

    assigned → respond (OPD); in_progress → work (OPD); reported → verify (coordinators);
    declined → reassign (coordinators); on_hold → hold, a waiting task in nobody's inbox;
    draft, closed, ongoing, cancelled → none.
    """
    node = EXPECTED_NODE.get(status)
    return [node] if node else []


def disagreements(case_ids: Iterable[int] | None = None) -> list[Disagreement]:
    """Every case whose task layer does not match its status (three queries in all).

    Rules: a draft has no process; an open status has exactly one open process holding
    exactly the expected task; closed and ongoing have their latest process done and no
    open task; a cancelled case has no open process (none at all when it was cancelled
    as a draft); no case ever has two open processes.
    """
    cases = Case.objects.order_by("pk")
    if case_ids is not None:
        cases = cases.filter(pk__in=list(case_ids))
    statuses = dict(cases.values_list("pk", "status"))
    processes: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, case_id, status in (
        Process.objects.filter(
            flow_class=CaseFlow,
            artifact_content_type=ContentType.objects.get_for_model(Case),
            artifact_object_id__in=list(statuses),
        )
        .order_by("pk")
        .values_list("pk", "artifact_object_id", "status")
    ):
        processes[case_id].append((pk, status))
    tasks: dict[int, list[str]] = defaultdict(list)
    for process_id, flow_task in (
        _case_flow_tasks()
        .filter(
            process_id__in=[pk for rows in processes.values() for pk, _status in rows],
            status__in=OPEN_TASK_STATUSES,
        )
        .order_by("pk")
        .values_list("process_id", "flow_task")
    ):
        tasks[process_id].append(flow_task.name)
    found: list[Disagreement] = []
    for case_id, status in statuses.items():
        rows = processes.get(case_id, [])
        open_processes = [pk for pk, process_status in rows if process_status == PROCESS.NEW]
        open_names = sorted(name for pk, _s in rows for name in tasks.get(pk, []))
        expected = expected_open_tasks(status)

        def problem(text: str, case_id: int = case_id, status: str = status) -> None:
            found.append(Disagreement(case_id, status, text))

        if len(open_processes) > 1:
            problem(f"{len(open_processes)} proses terbuka")
        if status == CaseStatus.DRAFT:
            if rows:
                problem("draf sudah punya proses")
            continue
        if expected:
            if len(open_processes) != 1:
                problem("tidak ada proses terbuka")
            if open_names != expected:
                problem(f"tugas terbuka {open_names}, seharusnya {expected}")
            continue
        if open_names:
            problem(f"tugas terbuka {open_names}, seharusnya tidak ada")
        if open_processes:
            problem("proses masih terbuka")
        if status in FINISHED_CASE_STATES and (not rows or rows[-1][1] != PROCESS.DONE):
            problem("proses terakhir belum selesai")
    return found


# --- a joint directive ------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectiveState:
    total: int
    finished: int
    cancelled: int

    @property
    def is_done(self) -> bool:
        """Done when every case that was not cancelled is closed (or ongoing), and one is."""
        active = self.total - self.cancelled
        return active > 0 and self.finished == active


def directive_state(directive: Directive | int) -> DirectiveState:
    directive_id = directive if isinstance(directive, int) else directive.pk
    statuses = list(Case.objects.filter(directive_id=directive_id).values_list("status", flat=True))
    return DirectiveState(
        total=len(statuses),
        finished=sum(1 for s in statuses if s in FINISHED_CASE_STATES),
        cancelled=sum(1 for s in statuses if s == CaseStatus.CANCELLED),
    )
