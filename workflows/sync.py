"""Keep each case's open viewflow task in step with its status.

``sync_case_tasks`` runs from the ``cases.signals.case_changed`` receiver, inside the
service's transaction and after the case row is saved (and locked: ``cases.locks``), so
whatever moved the case — the case page, the API, an admin action, a huey task — the
task moves with it, and a failure here rolls the whole change back. Lock order is always
case row, then process row (``select_for_update_lock``).

What it does, given the new status and the case's current process:

- no open process and an open status (dispatch, reopen): start a new process; its
  ``route`` gateway opens the task the status asks for;
- the open task is the expected one: nothing (progress, evidence, requests);
- one other task open: complete it, on behalf of the actor, and let ``route`` open the
  next one (or reach ``end`` for closed and ongoing);
- cancelled: cancel the process and its open task;
- anything else (a process that predates this code, a hand-edited task): cancel the
  process and start a fresh one, so the record ends in agreement.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.actors import actor_user
from cases.models import Case, CaseEvent, CaseStatus

from .flows import EXPECTED_NODE, CaseFlow

OPEN_TASK_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def case_processes(case_id: int):
    return Process.objects.filter(
        flow_class=CaseFlow,
        artifact_content_type=ContentType.objects.get_for_model(Case),
        artifact_object_id=case_id,
    ).order_by("-pk")


def current_process(case_id: int) -> Process | None:
    return case_processes(case_id).first()


def open_tasks(process: Process) -> list[Task]:
    return list(
        Task.objects.filter(process=process, status__in=OPEN_TASK_STATUSES)
        .exclude(flow_task_type__in=("START", "END"))
        .order_by("pk")
    )


def _start(case: Case) -> Process:
    return CaseFlow.start.run(case=case)


def _complete(task: Task, *, actor: Any, event: CaseEvent | None) -> None:
    """Finish a task because its case moved on; ``route`` then opens the next one."""
    user = actor_user(actor)
    if user is not None:
        task.owner = user
    task.started = task.started or timezone.now()
    if event is not None:
        task.data = {
            **(task.data or {}),
            "case_event": event.sequence,
            "transition": event.transition,
            "actor": event.actor_label,
        }
    task.status = STATUS.STARTED
    task.save()
    activation = task.flow_task.activation_class(task)
    activation.complete()
    activation.activate_next()


def sync_case_tasks(*, case: Case, actor: Any = None, event: CaseEvent | None = None) -> None:
    """Make the case's open task match ``case.status``. The caller holds the case's row lock."""
    expected = EXPECTED_NODE.get(case.status)
    process = current_process(case.pk)
    if process is None or process.status != PROCESS.NEW:
        if expected is not None:
            _start(case)
        return
    with CaseFlow.lock(process.pk):
        process.refresh_from_db()
        tasks = open_tasks(process)
        names = [task.flow_task.name for task in tasks]
        if expected is not None and names == [expected]:
            return
        if case.status in (CaseStatus.CANCELLED, CaseStatus.DRAFT):
            CaseFlow.instance.cancel(process)
            return
        if len(tasks) == 1:
            _complete(tasks[0], actor=actor, event=event)
            process.refresh_from_db()
            after = [task.flow_task.name for task in open_tasks(process)]
            if expected is None and not after and process.status == PROCESS.DONE:
                return
            if expected is not None and after == [expected]:
                return
        # Out of step in a way no transition explains: start the record afresh.
        CaseFlow.instance.cancel(process)
    if expected is not None:
        _start(case)
