"""The human-task layer of a case: one viewflow process per case, started at dispatch.

The case status is the single source of truth. The process follows it: every time a
service changes a case, ``workflows.sync`` completes the task that no longer fits and the
``route`` gateway opens the one the new status asks for. Nodes never write
``Case.status``; their screen (the case page, ``web/``) calls ``cases.services``.

::

    start ─▶ route ─┬─ assigned    ─▶ respond   (OPD: accept, or decline with a reason) ─▶ route
                    ├─ in_progress ─▶ work      (OPD: progress, evidence, report)       ─▶ route
                    ├─ reported    ─▶ verify    (coordinator: verify, ongoing, send back)─▶ route
                    ├─ declined    ─▶ reassign  (coordinator: give it out again)        ─▶ route
                    ├─ on_hold     ─▶ hold      (waits, in nobody's inbox, for resume)  ─▶ route
                    └─ otherwise   ─▶ end       (closed or ongoing: the process is done)

A cancelled case cancels its process. A reopened case (closed → in progress) starts a new
process: a case has one process per round of work, and at most one of them is open.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from cases.models import Case, CaseStatus

from .views import task_screen_redirect

# Who works on a node's task: the case's organization, or the coordinators.
ORGANIZATION = "organization"
COORDINATORS = "coordinators"


class CaseTask(flow.View):
    """A human task on one case, done from the case page.

    Tasks belong to an organization (or to the coordinators), not to one person: nobody
    claims them, and viewflow's assign/unassign/cancel/undo buttons are off. Who may act
    is decided by ``cases.permissions`` through the transitions the task offers.
    """

    def __init__(self, *, transitions: tuple[str, ...], audience: str, **kwargs: Any) -> None:
        super().__init__(task_screen_redirect, **kwargs)
        self.transitions = transitions
        self.audience = audience

    @property
    def view_path(self):
        # Not viewflow's wrap_view: that one demands a claimed (ASSIGNED) task.
        return path(
            f"<int:process_pk>/{self.name}/<int:task_pk>/execute/",
            task_screen_redirect,
            name="execute",
        )

    def can_execute(self, user: Any, task: Any) -> bool:
        from cases.permissions import actor_may_fire

        case = Case.objects.filter(pk=task.process.artifact_object_id).first()
        return case is not None and any(
            actor_may_fire(actor=user, case=case, transition=name) for name in self.transitions
        )

    def can_assign(self, user: Any, task: Any) -> bool:
        return False

    def can_unassign(self, user: Any, task: Any) -> bool:
        return False


def _case_status(activation: Any) -> str | None:
    return (
        Case.objects.filter(pk=activation.process.artifact_object_id)
        .values_list("status", flat=True)
        .first()
    )


def _status_is(status: str):
    def condition(activation: Any) -> bool:
        return _case_status(activation) == status

    condition.__name__ = f"status_is_{status}"
    return condition


class CaseFlow(flow.Flow):
    """Tindak lanjut kasus

    Satu proses per kasus: OPD menanggapi dan mengerjakan, koordinator memverifikasi.
    """

    process_title = _("Tindak lanjut kasus")
    process_description = _(
        "Satu proses per kasus: OPD menanggapi dan mengerjakan, koordinator memverifikasi."
    )
    process_summary_template = "{{ process.artifact }}"
    lock_impl = lock.select_for_update_lock

    start = (
        flow.StartHandle(this.start_process).Annotation(title=_("Didisposisikan")).Next(this.route)
    )
    route = (
        flow.Switch()
        .Annotation(title=_("Status kasus"))
        .Case(this.respond, _status_is(CaseStatus.ASSIGNED))
        .Case(this.work, _status_is(CaseStatus.IN_PROGRESS))
        .Case(this.verify, _status_is(CaseStatus.REPORTED))
        .Case(this.reassign, _status_is(CaseStatus.DECLINED))
        .Case(this.hold, _status_is(CaseStatus.ON_HOLD))
        .Default(this.end)
    )
    respond = (
        CaseTask(transitions=("accept", "decline"), audience=ORGANIZATION)
        .Annotation(
            title=_("Tanggapi disposisi"),
            description=_("Terima tugas, atau tolak dengan alasan bila bukan kewenangan OPD."),
        )
        .Next(this.route)
    )
    work = (
        CaseTask(transitions=("report", "hold"), audience=ORGANIZATION)
        .Annotation(
            title=_("Kerjakan dan laporkan"),
            description=_("Catat kemajuan dan bukti, lalu laporkan selesai."),
        )
        .Next(this.route)
    )
    verify = (
        CaseTask(transitions=("verify", "verify_ongoing", "send_back"), audience=COORDINATORS)
        .Annotation(
            title=_("Verifikasi laporan"),
            description=_("Nyatakan selesai, selesai berkelanjutan, atau kembalikan."),
        )
        .Next(this.route)
    )
    reassign = (
        CaseTask(transitions=("reassign", "cancel"), audience=COORDINATORS)
        .Annotation(
            title=_("Disposisikan ulang"),
            description=_("OPD menolak: berikan ke OPD yang berwenang, atau batalkan."),
        )
        .Next(this.route)
    )
    hold = (
        flow.Handle()
        .Annotation(
            title=_("Ditunda"),
            description=_(
                "Menunggu kasus dilanjutkan (oleh kepala OPD, koordinator, atau sistem)."
            ),
        )
        .Next(this.route)
    )
    end = flow.End().Annotation(title=_("Selesai"))

    def start_process(self, activation: Any, case: Case) -> Any:
        activation.process.artifact = case
        activation.process.data = {
            "case_id": case.pk,
            "directive_id": case.directive_id,
            "organization_id": case.organization_id,
        }
        return activation.process

    # Tasks follow the case status: nobody moves them by hand (no cancel/undo/revive), and
    # the generic process pages (dashboard, queue, every process) are for the roles that
    # see every case. Officers work from their own inbox and the case page.
    def has_view_permission(self, user: Any, obj: Any = None) -> bool:
        return bool(
            user.is_authenticated and user.is_active and getattr(user, "sees_everything", False)
        )

    def has_manage_permission(self, user: Any, obj: Any = None) -> bool:
        return False


# The node each open case status puts in front of someone; statuses not listed have no
# open task (draft: no process yet; closed, ongoing: process done; cancelled: cancelled).
EXPECTED_NODE: dict[str, str] = {
    CaseStatus.ASSIGNED: "respond",
    CaseStatus.IN_PROGRESS: "work",
    CaseStatus.REPORTED: "verify",
    CaseStatus.DECLINED: "reassign",
    CaseStatus.ON_HOLD: "hold",
}
HUMAN_NODES = ("respond", "work", "verify", "reassign")
