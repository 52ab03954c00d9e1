"""The case: the unit of follow-up, and its state machine.

Transition methods change fields in memory only; ``cases.services`` locks the row, checks
state (409) and actor (403), calls the method, saves with ``update_fields`` and writes the
CaseEvent. Nothing else writes ``status`` (the field is protected).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from ..audit import GENESIS
from .areas import Area
from .meetings import Directive
from .organizations import Organization

if TYPE_CHECKING:
    pass

# Cases without a deadline (drafts, cancelled drafts) sort after every real deadline.
NO_DEADLINE = datetime(2999, 12, 31, tzinfo=UTC)


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    ASSIGNED = "assigned", _("Didisposisikan")
    IN_PROGRESS = "in_progress", _("Dalam Proses")
    ON_HOLD = "on_hold", _("Ditunda")
    REPORTED = "reported", _("Dilaporkan Selesai")
    CLOSED = "closed", _("Selesai")
    ONGOING = "ongoing", _("Selesai Berkelanjutan")
    DECLINED = "declined", _("Bukan Kewenangan")
    CANCELLED = "cancelled", _("Dibatalkan")


S = CaseStatus
# States in which the case still needs someone to act.
OPEN_STATES = (S.DRAFT, S.ASSIGNED, S.IN_PROGRESS, S.ON_HOLD, S.REPORTED, S.DECLINED)
# States in which the OPD's deadline clock runs.
CLOCK_STATES = (S.ASSIGNED, S.IN_PROGRESS)
FINISHED_STATES = (S.CLOSED, S.ONGOING)


TRANSITION_LABELS = {
    "dispatch": _("Disposisikan"),
    "accept": _("Terima"),
    "decline": _("Tolak: bukan kewenangan"),
    "reassign": _("Disposisikan ulang"),
    "hold": _("Tunda"),
    "resume": _("Lanjutkan"),
    "report": _("Laporkan selesai"),
    "verify": _("Verifikasi selesai"),
    "verify_ongoing": _("Verifikasi: selesai berkelanjutan"),
    "send_back": _("Kembalikan untuk diperbaiki"),
    "reopen": _("Buka kembali"),
    "cancel": _("Batalkan"),
}


class CaseRole(models.TextChoices):
    LEAD = "lead", _("Pengampu")
    SUPPORTING = "supporting", _("Pendukung")


class Priority(models.TextChoices):
    LOW = "low", _("Rendah")
    NORMAL = "normal", _("Biasa")
    HIGH = "high", _("Tinggi")
    URGENT = "urgent", _("Segera")


class ChainedHistory(models.Model):
    """Fields of a case history row that chain it to the one before (cases.audit)."""

    prev_hash = models.CharField(max_length=64, default=GENESIS)
    row_hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        abstract = True


def may(name: str):
    """The ``permission=`` of a transition: asks the single access rule in cases.permissions."""

    def check(instance: Case, user: Any) -> bool:
        from cases.permissions import actor_may_fire

        return actor_may_fire(actor=user, case=instance, transition=name)

    check.__name__ = f"may_{name}"
    return check


class Case(ConcurrentTransitionMixin, models.Model):
    directive = models.ForeignKey(
        Directive, verbose_name=_("arahan"), on_delete=models.PROTECT, related_name="cases"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisasi"), on_delete=models.PROTECT, related_name="cases"
    )
    role = models.CharField(_("peran"), max_length=12, choices=CaseRole.choices)
    title = models.CharField(_("judul"), max_length=255)
    instructions = models.TextField(_("uraian tugas"), blank=True)
    status = FSMField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=S.DRAFT, protected=True
    )
    priority = models.CharField(
        _("prioritas"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    progress = models.PositiveSmallIntegerField(_("kemajuan (%)"), default=0)
    area = models.ForeignKey(
        Area,
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    due_at = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    # Which calendar computed due_at (holidays package version + local closures revision),
    # so a later calendar change never silently rewrites a past deadline.
    due_calendar_version = models.CharField(_("versi kalender"), max_length=64, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("tingkat eskalasi"), default=0)
    # The next moment the sweep must look at this case (reminder or escalation); NULL when
    # nothing is pending. The sweep reads due work from this column only.
    next_escalation_at = models.DateTimeField(_("eskalasi berikutnya"), null=True, blank=True)
    # Bumped on every save of the case: the API's ETag and If-Match. Version n of a case has
    # exactly n events and n history rows (see cases.audit).
    version = models.PositiveIntegerField(_("versi"), default=1)
    # Heads of the case's two hash chains (cases.audit); not part of the history snapshot.
    event_head = models.CharField(max_length=64, default=GENESIS, editable=False)
    history_head = models.CharField(max_length=64, default=GENESIS, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"))
    updated_at = models.DateTimeField(_("diperbarui"))
    dispatched_at = models.DateTimeField(_("didisposisikan"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    reported_at = models.DateTimeField(_("dilaporkan"), null=True, blank=True)
    closed_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    # The list's sort key "by deadline": the deadline, or far in the future for a draft
    # without one. Stored by the database (a generated column), so an index can serve
    # ORDER BY due_key, id LIMIT n without sorting the table, and cursor pagination has
    # no NULLs to step over.
    due_key = models.GeneratedField(
        expression=Coalesce("due_at", Value(NO_DEADLINE, output_field=models.DateTimeField())),
        output_field=models.DateTimeField(),
        db_persist=True,
        verbose_name=_("kunci urut batas waktu"),
    )
    # next_escalation_at is the sweep's bookkeeping, not part of the record: it is left out of
    # the history snapshots, and the sweep may move it with a plain UPDATE. The chain heads
    # are left out too: a row cannot contain its own hash.
    history = HistoricalRecords(
        excluded_fields=["next_escalation_at", "event_head", "history_head", "due_key"],
        bases=[ChainedHistory],
    )

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "organization"], name="case_directive_organization_unique"
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="case_progress_max"),
            models.CheckConstraint(
                condition=models.Q(escalation_level__lte=9), name="case_escalation_level_max"
            ),
            models.CheckConstraint(
                # A dispatched case always has a deadline; a draft may be cancelled before.
                condition=models.Q(status__in=["draft", "cancelled"])
                | models.Q(due_at__isnull=False),
                name="case_dispatched_has_deadline",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organization", "status", "due_at"], name="case_org_status_due_idx"
            ),
            models.Index(fields=["status", "due_at"], name="case_status_due_idx"),
            models.Index(fields=["directive", "status"], name="case_directive_status_idx"),
            models.Index(fields=["area", "status"], name="case_area_status_idx"),
            models.Index(
                fields=["next_escalation_at"],
                name="case_next_escalation_idx",
                condition=models.Q(next_escalation_at__isnull=False),
            ),
            # The list API's orderings and filters (issue 9): each serves ORDER BY … , id
            # LIMIT n by walking an index, whatever the size of the table.
            models.Index(fields=["due_key", "id"], name="case_due_key_idx"),
            models.Index(fields=["status", "due_key", "id"], name="case_status_due_key_idx"),
            models.Index(fields=["organization", "due_key", "id"], name="case_org_due_key_idx"),
            models.Index(
                fields=["due_key", "id"],
                name="case_clock_due_key_idx",
                condition=models.Q(status__in=["assigned", "in_progress"]),  # CLOCK_STATES
            ),
            models.Index(
                fields=["due_key", "id"],
                name="case_escalated_due_key_idx",
                condition=models.Q(escalation_level__gte=1),  # as ?escalation_level_min= asks
            ),
            models.Index(fields=["updated_at", "id"], name="case_updated_idx"),
            models.Index(fields=["created_at", "id"], name="case_created_idx"),
            models.Index(fields=["escalation_level", "id"], name="case_level_idx"),
            # The dashboard and the summary (issue 9): open cases only, covering the columns
            # they count by, so ten years of closed cases are never read for them.
            models.Index(
                fields=["status", "organization", "area", "due_at", "escalation_level"],
                name="case_open_idx",
                condition=models.Q(  # OPEN_STATES
                    status__in=[
                        "draft",
                        "assigned",
                        "in_progress",
                        "on_hold",
                        "reported",
                        "declined",
                    ]
                ),
            ),
            # the dashboard's monthly trend: dispatched and finished in the last 12 months
            models.Index(fields=["dispatched_at"], name="case_dispatched_idx"),
            models.Index(fields=["closed_at", "status"], name="case_closed_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.title} — {self.organization}"

    # --- derived state -----------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    def is_overdue(self, at: datetime) -> bool:
        return self.status in CLOCK_STATES and self.due_at is not None and self.due_at < at

    # --- transitions (in memory only; see cases.services) -------------------------------
    @transition(field=status, source=S.DRAFT, target=S.ASSIGNED, permission=may("dispatch"))
    def dispatch(self, *, at: datetime, due_at: datetime, calendar_version: str) -> None:
        self.dispatched_at = at
        self.due_at = due_at
        self.due_calendar_version = calendar_version

    @transition(field=status, source=S.ASSIGNED, target=S.IN_PROGRESS, permission=may("accept"))
    def accept(self, *, at: datetime) -> None:
        self.accepted_at = at

    @transition(field=status, source=S.ASSIGNED, target=S.DECLINED, permission=may("decline"))
    def decline(self, *, at: datetime) -> None:
        pass

    @transition(field=status, source=S.DECLINED, target=S.ASSIGNED, permission=may("reassign"))
    def reassign(self, *, at: datetime) -> None:
        self.dispatched_at = at
        self.accepted_at = None

    @transition(field=status, source=S.IN_PROGRESS, target=S.ON_HOLD, permission=may("hold"))
    def hold(self, *, at: datetime) -> None:
        pass

    @transition(field=status, source=S.ON_HOLD, target=S.IN_PROGRESS, permission=may("resume"))
    def resume(self, *, at: datetime) -> None:
        pass

    @transition(field=status, source=S.IN_PROGRESS, target=S.REPORTED, permission=may("report"))
    def report(self, *, at: datetime) -> None:
        self.reported_at = at
        self.progress = 100

    @transition(field=status, source=S.REPORTED, target=S.CLOSED, permission=may("verify"))
    def verify(self, *, at: datetime) -> None:
        self.closed_at = at

    @transition(field=status, source=S.REPORTED, target=S.ONGOING, permission=may("verify_ongoing"))
    def verify_ongoing(self, *, at: datetime) -> None:
        self.closed_at = at

    @transition(field=status, source=S.REPORTED, target=S.IN_PROGRESS, permission=may("send_back"))
    def send_back(self, *, at: datetime) -> None:
        self.reported_at = None

    @transition(
        field=status, source=[S.CLOSED, S.ONGOING], target=S.IN_PROGRESS, permission=may("reopen")
    )
    def reopen(self, *, at: datetime) -> None:
        self.closed_at = None
        self.reported_at = None

    @transition(
        field=status,
        source=[S.DRAFT, S.ASSIGNED, S.IN_PROGRESS, S.ON_HOLD, S.REPORTED, S.DECLINED],
        target=S.CANCELLED,
        permission=may("cancel"),
    )
    def cancel(self, *, at: datetime) -> None:
        self.closed_at = at
