"""Writes. The only code that fires case transitions and saves cases.

Every service follows one order (HOUSE_STYLE, "Transition order inside a service"):
lock the case row → may the state move? (TransitionNotAllowed, 409) → may this actor move
it? (ActionForbidden, 403) → is the input complete? (InvalidInput, 400) → transition in
memory → ``save(update_fields=...)`` (one history row, with actor and reason) → one
CaseEvent → ``case_changed`` for the interface layers → side effects on commit.
Any error leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from . import audit, clock, notifications
from .actors import Actor, actor_label, actor_user
from .calendar import WIB, WorkingCalendar, end_of_working_day, local_date
from .deadlines import deadline_for, next_sweep_time
from .errors import (
    ActionForbidden,
    ConcurrentChange,
    InvalidInput,
    NotFound,
    StaleVersion,
    TransitionNotAllowed,
)
from .evidence import check_upload, missing_evidence
from .locks import lock_case
from .models import (
    OPEN_STATES,
    TRANSITION_LABELS,
    Area,
    Case,
    CaseEvent,
    CaseRole,
    CaseStatus,
    Directive,
    DirectiveType,
    EventKind,
    Evidence,
    ExtensionRequest,
    Hold,
    Notification,
    Organization,
    Priority,
    ProgressUpdate,
    Rakor,
    RakorMode,
    RakorSeries,
    RakorStatus,
    RequestStatus,
)
from .models.records import evidence_upload_to
from .permissions import (
    REASON_REQUIRED,
    actor_is_coordinator,
    actor_may_fire,
    actor_may_work_on,
)
from .signals import case_changed, case_events_recorded

REASON_MAX = 4000
# Fields whose old → new values go into the CaseEvent's data.
TRACKED_FIELDS = (
    "status",
    "organization_id",
    "due_at",
    "progress",
    "priority",
    "escalation_level",
)
SAVED_FIELDS = (
    *TRACKED_FIELDS,
    "next_escalation_at",
    "due_calendar_version",
    "dispatched_at",
    "accepted_at",
    "reported_at",
    "closed_at",
)


# --- small helpers ---------------------------------------------------------------------------


def _pk(case: Case | int) -> int:
    return case if isinstance(case, int) else case.pk


def _json(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(WIB).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _text(value: Any, *, field: str, required: bool, max_length: int, label: str) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise InvalidInput.on(field, _("%(label)s wajib diisi.") % {"label": label})
    if len(text) > max_length:
        raise InvalidInput.on(
            field,
            _("%(label)s terlalu panjang (paling banyak %(max)d karakter).")
            % {"label": label, "max": max_length},
        )
    return text


def _require_coordinator(actor: Actor, action: str) -> None:
    if not actor_is_coordinator(actor):
        raise ActionForbidden(
            _("Hanya koordinator Bakesbangpol yang dapat %(action)s.") % {"action": action}
        )


def _snapshot(case: Case) -> dict[str, Any]:
    return {name: getattr(case, name) for name in SAVED_FIELDS}


def _diff(before: dict[str, Any], case: Case) -> dict[str, list[Any]]:
    return {
        name: [_json(before[name]), _json(getattr(case, name))]
        for name in TRACKED_FIELDS
        if before[name] != getattr(case, name)
    }


def _record(
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    before: dict[str, Any] | None,
    history_reason: str,
    kind: str,
    transition: str = "",
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Save the case as its next version: its changed fields, exactly one history row and
    exactly one event, both chained to the ones before (cases.audit).

    ``before`` is the snapshot taken before the change; None creates the case (version 1).
    The caller holds the case's row lock (or is creating it).
    """
    user = actor_user(actor)
    creating = before is None
    case.updated_at = at
    if creating:
        case.version, case.event_head, case.history_head = 1, audit.GENESIS, audit.GENESIS
        # The row needs its id before its first history row and event can be hashed.
        case.skip_history_when_saving = True
        case.save()
        del case.skip_history_when_saving
    else:
        case.version += 1
    event = CaseEvent(
        case=case,
        sequence=case.version,
        kind=kind,
        transition=transition,
        from_status=from_status,
        to_status=to_status,
        actor=user,
        actor_label=actor_label(actor),
        reason=reason,
        data=data or {},
        created_at=at,
        prev_hash=case.event_head,
    )
    event.hash = audit.link(event.prev_hash, audit.event_values(event))
    row = audit.history_values(
        case,
        history_date=at,
        history_change_reason=history_reason,
        history_type="+" if creating else "~",
        history_user_id=user.pk if user else None,
    )
    prev_row = case.history_head
    row_hash = audit.link(prev_row, row)
    case.event_head, case.history_head = event.hash, row_hash
    if creating:
        Case.history.model.objects.create(**row, prev_hash=prev_row, row_hash=row_hash)
        # Only the chain heads change: they are not part of the history snapshot.
        Case.objects.filter(pk=case.pk).update(event_head=event.hash, history_head=row_hash)
    else:
        case._audit_chain = (prev_row, row_hash)
        case._history_user = user
        case._history_date = at
        case._change_reason = history_reason
        changed = [name for name in SAVED_FIELDS if before[name] != getattr(case, name)]
        update_fields = [name.removesuffix("_id") for name in changed] + [
            "version", "updated_at", "event_head", "history_head",
        ]  # fmt: skip
        try:
            # Its own savepoint: a ConcurrentTransition must not poison the outer transaction
            # before it is turned into a clean domain error (and the whole service rolls back).
            with transaction.atomic():
                case.save(update_fields=update_fields)
        except ConcurrentTransition as exc:
            raise ConcurrentChange(
                _("Kasus ini baru saja diubah oleh orang lain. Muat ulang lalu coba lagi.")
            ) from exc
    event.save()
    notifications.notify_after_commit([event.pk])
    return event


def _after_deadline_change(case: Case, before: dict[str, Any], at: datetime) -> None:
    """A new deadline starts a new escalation ladder; the sweep's next look follows it."""
    if case.due_at != before["due_at"]:
        case.escalation_level = 0
    case.next_escalation_at = next_sweep_time(case, at=at)


def _touch_case(
    case: Case,
    *,
    actor: Actor,
    at: datetime,
    kind: str,
    history_reason: str,
    reason: str = "",
    data: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
) -> CaseEvent:
    """Record an action on a case that is not a transition: one history row, one event."""
    before = before if before is not None else _snapshot(case)
    event = _record(
        case,
        actor=actor,
        at=at,
        before=before,
        history_reason=history_reason,
        kind=kind,
        reason=reason,
        data={**_diff(before, case), **(data or {})},
    )
    case_changed.send(sender=Case, case=case, event=event, actor=actor)
    return event


def _history_reason(name: str, reason: str) -> str:
    return f"[{name}] {reason}".strip()


# --- transitions -----------------------------------------------------------------------------


def _check_version(case: Case, expected_version: int | None) -> None:
    """The client's copy must be the stored one (HTTP If-Match): else 412, nothing changes."""
    if expected_version is not None and case.version != expected_version:
        raise StaleVersion(
            _(
                "Kasus ini sudah berubah (versi %(stored)d, Anda mengirim versi %(sent)d). "
                "Muat ulang lalu coba lagi."
            )
            % {"stored": case.version, "sent": expected_version}
        )


def _begin(
    *,
    case: Case | int,
    actor: Actor,
    name: str,
    reason: str = "",
    expected_version: int | None = None,
) -> tuple[Case, str]:
    """Lock the case and check version (412), state (409), actor (403) and reason (400).

    Runs inside the caller's atomic block.
    """
    locked = lock_case(_pk(case))
    _check_version(locked, expected_version)
    method = getattr(locked, name)
    label = TRANSITION_LABELS[name]
    if not can_proceed(method):
        raise TransitionNotAllowed(
            _('Aksi "%(action)s" tidak dapat dilakukan: kasus berstatus %(status)s.')
            % {"action": label, "status": locked.get_status_display()}
        )
    if not has_transition_perm(method, actor):
        raise ActionForbidden(
            _('Anda tidak berwenang melakukan aksi "%(action)s" pada kasus ini.')
            % {"action": label}
        )
    reason = _text(
        reason,
        field="reason",
        required=name in REASON_REQUIRED,
        max_length=REASON_MAX,
        label=_("Ringkasan laporan") if name == "report" else _("Alasan"),
    )
    return locked, reason


def _apply(
    case: Case,
    *,
    actor: Actor,
    name: str,
    at: datetime,
    reason: str,
    data: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
    **kwargs: Any,
) -> CaseEvent:
    """Fire the transition in memory, save, write its event and tell the interface layers.

    ``changes`` are field assignments that go with the transition (a new deadline, a new
    organization); they are applied after the snapshot so the event records old → new.
    """
    before = _snapshot(case)
    for field, value in (changes or {}).items():
        setattr(case, field, value)
    getattr(case, name)(at=at, **kwargs)
    _after_deadline_change(case, before, at)
    event = _record(
        case,
        actor=actor,
        at=at,
        before=before,
        history_reason=_history_reason(name, reason),
        kind=EventKind.TRANSITION,
        transition=name,
        from_status=before["status"],
        to_status=case.status,
        reason=reason,
        data={**_diff(before, case), **(data or {})},
    )
    case_changed.send(sender=Case, case=case, event=event, actor=actor)
    return event


def _simple_transition(
    *,
    case: Case | int,
    actor: Actor,
    name: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Case:
    with transaction.atomic():
        locked, reason = _begin(
            case=case, actor=actor, name=name, reason=reason, expected_version=expected_version
        )
        _apply(locked, actor=actor, name=name, at=clock.now(), reason=reason)
    return locked


def case_dispatch(
    *,
    case: Case | int,
    actor: Actor,
    due_at: date | datetime | None = None,
    expected_version: int | None = None,
) -> Case:
    """Send a draft case to its organization, with a deadline (explicit, or the type's)."""
    with transaction.atomic():
        locked, _reason = _begin(
            case=case, actor=actor, name="dispatch", expected_version=expected_version
        )
        if locked.directive.rakor.status == RakorStatus.DRAFT:
            raise InvalidInput(
                _("Rakor belum dinyatakan terlaksana; arahannya belum dapat didisposisikan.")
            )
        at = clock.now()
        due, version = deadline_for(case=locked, at=at, due=due_at)
        _apply(
            locked,
            actor=actor,
            name="dispatch",
            at=at,
            reason="",
            due_at=due,
            calendar_version=version,
        )
    return locked


def case_accept(
    *, case: Case | int, actor: Actor, note: str = "", expected_version: int | None = None
) -> Case:
    return _simple_transition(
        case=case, actor=actor, name="accept", reason=note, expected_version=expected_version
    )


def case_decline(
    *, case: Case | int, actor: Actor, reason: str, expected_version: int | None = None
) -> Case:
    return _simple_transition(
        case=case, actor=actor, name="decline", reason=reason, expected_version=expected_version
    )


def case_reassign(
    *,
    case: Case | int,
    actor: Actor,
    reason: str,
    organization: Organization | None = None,
    due_at: date | datetime | None = None,
    expected_version: int | None = None,
) -> Case:
    """Give a declined case back out: to the same organization or another one.

    The clock restarts: the deadline is ``due_at`` or the type's default from now, on the
    calendar of the organization that receives the case.
    """
    with transaction.atomic():
        locked, reason = _begin(
            case=case,
            actor=actor,
            name="reassign",
            reason=reason,
            expected_version=expected_version,
        )
        changes: dict[str, Any] = {}
        if organization is not None and organization.pk != locked.organization_id:
            if not organization.is_active:
                raise InvalidInput.on("organization", _("Organisasi tujuan tidak aktif."))
            taken = Case.objects.filter(directive_id=locked.directive_id, organization=organization)
            if taken.exists():
                raise InvalidInput.on(
                    "organization",
                    _("%(org)s sudah memiliki kasus untuk arahan ini.") % {"org": organization},
                )
            changes["organization"] = organization
        at = clock.now()
        receiver = Case(
            directive=locked.directive, organization=organization or locked.organization
        )
        due, version = deadline_for(case=receiver, at=at, due=due_at)
        changes.update(due_at=due, due_calendar_version=version)
        _apply(locked, actor=actor, name="reassign", at=at, reason=reason, changes=changes)
    return locked


def _start_hold(case: Case, *, actor: Actor, at: datetime, reason: str, until: date | None) -> Hold:
    """Approve the pending hold request, or record a hold decided on the spot."""
    user = actor_user(actor)
    hold = case.holds.select_for_update().filter(status=RequestStatus.PENDING).first()
    if hold is None:
        hold = Hold(case=case, reason=reason, until=until, requested_by=user, requested_at=at)
    elif reason and reason != hold.reason:
        hold.decision_note = reason
    hold.status = RequestStatus.APPROVED
    hold.decided_by = user
    hold.decided_at = at
    hold.started_at = at
    _history_meta(hold, actor=actor, at=at, reason=_("Penundaan disetujui"))
    hold.save()
    return hold


def _check_until(until: date | None, at: datetime) -> None:
    if until is not None and until <= local_date(at):
        raise InvalidInput.on("until", _("Tanggal akhir penundaan harus setelah hari ini."))


def case_hold(
    *,
    case: Case | int,
    actor: Actor,
    reason: str,
    until: date | None = None,
    expected_version: int | None = None,
) -> Case:
    """Pause the case's clock (ditunda). ``until`` lets the sweep resume it by itself.

    Fired by the OPD head or a coordinator; a pending request of an officer is approved by it.
    """
    with transaction.atomic():
        locked, reason = _begin(
            case=case, actor=actor, name="hold", reason=reason, expected_version=expected_version
        )
        at = clock.now()
        _check_until(until, at)
        hold = _start_hold(locked, actor=actor, at=at, reason=reason, until=until)
        _apply(
            locked,
            actor=actor,
            name="hold",
            at=at,
            reason=reason,
            data={"hold_id": hold.pk, "until": _json(hold.until)},
        )
    return locked


def case_resume(
    *, case: Case | int, actor: Actor, reason: str = "", expected_version: int | None = None
) -> Case:
    """End the hold; the deadline moves by the working days the case spent on hold."""
    with transaction.atomic():
        locked, reason = _begin(
            case=case, actor=actor, name="resume", reason=reason, expected_version=expected_version
        )
        at = clock.now()
        hold = locked.holds.filter(status=RequestStatus.APPROVED).order_by("-started_at").first()
        due_at = locked.due_at
        paused = 0
        if hold is not None and hold.started_at is not None and due_at is not None:
            calendar = WorkingCalendar.for_organization(locked.organization)
            paused = max(0, calendar.working_days_between(hold.started_at, at))
            if paused:
                due_at = end_of_working_day(calendar.add_working_days(due_at, paused))
        _apply(
            locked,
            actor=actor,
            name="resume",
            at=at,
            reason=reason,
            changes={"due_at": due_at},
            data={"paused_working_days": paused, "hold_id": hold.pk if hold else None},
        )
        if hold is not None:
            hold.status = RequestStatus.ENDED
            hold.ended_at = at
            hold.paused_working_days = paused
            hold._history_user = actor_user(actor)
            hold._history_date = at
            hold._change_reason = reason or _("Penundaan berakhir")
            hold.save(update_fields=["status", "ended_at", "paused_working_days"])
    return locked


def case_report(
    *, case: Case | int, actor: Actor, summary: str, expected_version: int | None = None
) -> Case:
    """Report the work done. The directive type's evidence contract must be met."""
    with transaction.atomic():
        locked, summary = _begin(
            case=case, actor=actor, name="report", reason=summary, expected_version=expected_version
        )
        contract = locked.directive.directive_type.evidence_contract or {}
        counts = dict(
            locked.evidence.values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
        )
        missing = missing_evidence(contract, counts)
        if missing:
            raise InvalidInput.on(
                "evidence",
                _("Bukti belum lengkap. Masih diperlukan: %(missing)s.")
                % {"missing": ", ".join(missing)},
            )
        _apply(locked, actor=actor, name="report", at=clock.now(), reason=summary)
    return locked


def case_verify(
    *, case: Case | int, actor: Actor, note: str = "", expected_version: int | None = None
) -> Case:
    return _simple_transition(
        case=case, actor=actor, name="verify", reason=note, expected_version=expected_version
    )


def case_verify_ongoing(
    *, case: Case | int, actor: Actor, note: str = "", expected_version: int | None = None
) -> Case:
    return _simple_transition(
        case=case,
        actor=actor,
        name="verify_ongoing",
        reason=note,
        expected_version=expected_version,
    )


def _transition_with_new_deadline(
    *,
    case: Case | int,
    actor: Actor,
    name: str,
    reason: str,
    due_at: date | datetime | None,
    expected_version: int | None = None,
) -> Case:
    with transaction.atomic():
        locked, reason = _begin(
            case=case, actor=actor, name=name, reason=reason, expected_version=expected_version
        )
        at = clock.now()
        changes: dict[str, Any] = {}
        if due_at is not None:
            due, version = deadline_for(case=locked, at=at, due=due_at)
            changes.update(due_at=due, due_calendar_version=version)
        _apply(locked, actor=actor, name=name, at=at, reason=reason, changes=changes)
    return locked


def case_send_back(
    *,
    case: Case | int,
    actor: Actor,
    reason: str,
    due_at: date | datetime | None = None,
    expected_version: int | None = None,
) -> Case:
    return _transition_with_new_deadline(
        case=case,
        actor=actor,
        name="send_back",
        reason=reason,
        due_at=due_at,
        expected_version=expected_version,
    )


def case_reopen(
    *,
    case: Case | int,
    actor: Actor,
    reason: str,
    due_at: date | datetime | None = None,
    expected_version: int | None = None,
) -> Case:
    return _transition_with_new_deadline(
        case=case,
        actor=actor,
        name="reopen",
        reason=reason,
        due_at=due_at,
        expected_version=expected_version,
    )


def case_cancel(
    *, case: Case | int, actor: Actor, reason: str, expected_version: int | None = None
) -> Case:
    return _simple_transition(
        case=case, actor=actor, name="cancel", reason=reason, expected_version=expected_version
    )


TRANSITION_SERVICES = {
    "dispatch": case_dispatch,
    "accept": case_accept,
    "decline": case_decline,
    "reassign": case_reassign,
    "hold": case_hold,
    "resume": case_resume,
    "report": case_report,
    "verify": case_verify,
    "verify_ongoing": case_verify_ongoing,
    "send_back": case_send_back,
    "reopen": case_reopen,
    "cancel": case_cancel,
}


def case_transition(*, case: Case | int, actor: Actor, name: str, **params: Any) -> Case:
    """Fire a transition by name (for the API, the task screens and the admin)."""
    service = TRANSITION_SERVICES.get(name)
    if service is None:
        raise NotFound(_("Aksi tidak dikenal: %(name)s.") % {"name": name})
    return service(case=case, actor=actor, **params)


# --- work on an open case --------------------------------------------------------------------

WORK_STATES = (CaseStatus.IN_PROGRESS,)
EVIDENCE_STATES = (CaseStatus.IN_PROGRESS, CaseStatus.ON_HOLD)


def _begin_work(
    *,
    case: Case | int,
    actor: Actor,
    states: Sequence[str],
    what: str,
    expected_version: int | None = None,
) -> Case:
    locked = lock_case(_pk(case))
    _check_version(locked, expected_version)
    if locked.status not in states:
        raise TransitionNotAllowed(
            _("%(what)s tidak dapat ditambahkan: kasus berstatus %(status)s.")
            % {"what": what, "status": locked.get_status_display()}
        )
    if not actor_may_work_on(actor=actor, case=locked):
        raise ActionForbidden(
            _("Hanya anggota %(org)s yang dapat menambahkan %(what)s.")
            % {"org": locked.organization, "what": what.lower()}
        )
    return locked


def case_add_progress(
    *, case: Case | int, actor: Actor, percent: Any, note: str, expected_version: int | None = None
) -> ProgressUpdate:
    """Post progress (percentage and note) on a case in progress."""
    try:
        percent_value = int(str(percent).strip())
    except (TypeError, ValueError):
        raise InvalidInput.on("percent", _("Kemajuan harus bilangan bulat 0–100.")) from None
    if not 0 <= percent_value <= 100:
        raise InvalidInput.on("percent", _("Kemajuan harus bilangan bulat 0–100."))
    with transaction.atomic():
        locked = _begin_work(
            case=case,
            actor=actor,
            states=WORK_STATES,
            what=_("Kemajuan"),
            expected_version=expected_version,
        )
        note = _text(note, field="note", required=True, max_length=REASON_MAX, label=_("Catatan"))
        at = clock.now()
        update = ProgressUpdate.objects.create(
            case=locked, author=actor_user(actor), percent=percent_value, note=note, created_at=at
        )
        before = _snapshot(locked)
        locked.progress = percent_value
        _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.PROGRESS,
            history_reason=_("Kemajuan %(p)d%%") % {"p": percent_value},
            reason=note,
            data={"progress_update_id": update.pk},
            before=before,
        )
    return update


def _decimal(value: Any, *, field: str, low: int, high: int) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise InvalidInput.on(field, _("Koordinat tidak valid.")) from None
    if not low <= number <= high:
        raise InvalidInput.on(field, _("Koordinat di luar jangkauan."))
    return number


def case_add_evidence(
    *,
    case: Case | int,
    actor: Actor,
    file: IO[bytes],
    name: str | None = None,
    kind: str | None = None,
    note: str = "",
    taken_at: datetime | None = None,
    latitude: Any = None,
    longitude: Any = None,
    expected_version: int | None = None,
) -> Evidence:
    """Attach a photo or PDF. Its type is decided by content; the same file twice is refused."""
    original_name = name or getattr(file, "name", "") or ""
    checked = check_upload(file, name=original_name)
    if kind and kind != checked.kind:
        raise InvalidInput.on(
            "kind",
            _("Jenis bukti tidak sesuai dengan isi berkas (%(type)s).")
            % {"type": checked.content_type},
        )
    note = _text(note, field="note", required=False, max_length=500, label=_("Keterangan"))
    lat = _decimal(latitude, field="latitude", low=-90, high=90)
    lon = _decimal(longitude, field="longitude", low=-180, high=180)
    stored_name: str | None = None
    try:
        with transaction.atomic():
            locked = _begin_work(
                case=case,
                actor=actor,
                states=EVIDENCE_STATES,
                what=_("Bukti"),
                expected_version=expected_version,
            )
            if locked.evidence.filter(sha256=checked.sha256).exists():
                raise InvalidInput.on("file", _("Berkas yang sama sudah diunggah untuk kasus ini."))
            at = clock.now()
            evidence = Evidence(
                case=locked,
                kind=checked.kind,
                original_name=checked.safe_name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                note=note,
                taken_at=taken_at,
                latitude=lat,
                longitude=lon,
                uploaded_by=actor_user(actor),
                uploaded_at=at,
            )
            file.seek(0)
            stored_name = default_storage.save(
                evidence_upload_to(evidence, checked.safe_name), File(file)
            )
            evidence.file.name = stored_name
            evidence.save()
            _touch_case(
                locked,
                actor=actor,
                at=at,
                kind=EventKind.EVIDENCE,
                history_reason=_("Bukti: %(name)s") % {"name": checked.safe_name},
                reason=note,
                data={
                    "evidence_id": evidence.pk,
                    "name": checked.safe_name,
                    "kind": checked.kind,
                    "sha256": checked.sha256,
                    "size": checked.size,
                },
            )
    except BaseException:
        # Nothing half-saved: a file whose row did not commit is removed again.
        if stored_name:
            default_storage.delete(stored_name)
        raise
    return evidence


# --- hold requests and extensions -------------------------------------------------------------

EXTENSION_STATES = (CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS, CaseStatus.ON_HOLD)


def case_request_hold(
    *,
    case: Case | int,
    actor: Actor,
    reason: str,
    until: date | None = None,
    expected_version: int | None = None,
) -> Hold:
    """An officer asks for a hold; the OPD head or a coordinator decides (``hold_decide``)."""
    with transaction.atomic():
        locked = _begin_work(
            case=case,
            actor=actor,
            states=WORK_STATES,
            what=_("Permohonan penundaan"),
            expected_version=expected_version,
        )
        reason = _text(
            reason, field="reason", required=True, max_length=REASON_MAX, label=_("Alasan")
        )
        at = clock.now()
        _check_until(until, at)
        if locked.holds.filter(status=RequestStatus.PENDING).exists():
            raise InvalidInput(_("Masih ada permohonan penundaan yang menunggu keputusan."))
        hold = Hold(
            case=locked, reason=reason, until=until, requested_by=actor_user(actor), requested_at=at
        )
        _history_meta(hold, actor=actor, at=at, reason=_("Permohonan penundaan"))
        hold.save()
        _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.HOLD_REQUESTED,
            history_reason=_("Permohonan penundaan"),
            reason=reason,
            data={"hold_id": hold.pk, "until": _json(until)},
        )
    return hold


def hold_decide(
    *,
    hold: Hold | int,
    actor: Actor,
    approve: bool,
    note: str = "",
    expected_version: int | None = None,
) -> Hold:
    """Approve (the case goes on hold) or reject (with a reason) a pending hold request.

    ``expected_version`` is the case's version the decider saw (HTTP If-Match).
    """
    hold_id = hold if isinstance(hold, int) else hold.pk
    with transaction.atomic():
        case_id = Hold.objects.filter(pk=hold_id).values_list("case_id", flat=True).first()
        if case_id is None:
            raise NotFound(_("Permohonan penundaan tidak ditemukan."))
        locked = lock_case(case_id)
        _check_version(locked, expected_version)
        pending = Hold.objects.select_for_update().get(pk=hold_id)
        if pending.status != RequestStatus.PENDING:
            raise TransitionNotAllowed(_("Permohonan ini sudah diputuskan."))
        if approve:
            locked, _reason = _begin(case=locked, actor=actor, name="hold", reason=pending.reason)
            at = clock.now()
            _check_until(pending.until, at)
            decided = _start_hold(
                locked, actor=actor, at=at, reason=note.strip(), until=pending.until
            )
            _apply(
                locked,
                actor=actor,
                name="hold",
                at=at,
                reason=pending.reason,
                data={
                    "hold_id": decided.pk,
                    "until": _json(decided.until),
                    "requested_by": pending.requested_by_id,
                    "decision_note": note.strip(),
                },
            )
            return decided
        if not actor_may_fire(actor=actor, case=locked, transition="hold"):
            raise ActionForbidden(
                _("Hanya kepala %(org)s atau koordinator yang dapat memutuskan penundaan.")
                % {"org": locked.organization}
            )
        note = _text(
            note, field="note", required=True, max_length=REASON_MAX, label=_("Alasan penolakan")
        )
        at = clock.now()
        pending.status = RequestStatus.REJECTED
        pending.decided_by = actor_user(actor)
        pending.decided_at = at
        pending.decision_note = note
        _history_meta(pending, actor=actor, at=at, reason=_("Penundaan ditolak"))
        pending.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.HOLD_DECIDED,
            history_reason=_("Penundaan ditolak"),
            reason=note,
            data={"hold_id": pending.pk, "approved": False},
        )
    return pending


def case_request_extension(
    *,
    case: Case | int,
    actor: Actor,
    reason: str,
    proposed_due: date | datetime,
    expected_version: int | None = None,
) -> ExtensionRequest:
    """The OPD asks for a later deadline, with a reason; a coordinator decides."""
    with transaction.atomic():
        locked = _begin_work(
            case=case,
            actor=actor,
            states=EXTENSION_STATES,
            what=_("Permohonan perpanjangan"),
            expected_version=expected_version,
        )
        reason = _text(
            reason, field="reason", required=True, max_length=REASON_MAX, label=_("Alasan")
        )
        at = clock.now()
        proposed, _version = deadline_for(
            case=locked, at=at, due=proposed_due, field="proposed_due"
        )
        if locked.due_at is not None and proposed <= locked.due_at:
            raise InvalidInput.on(
                "proposed_due",
                _("Tanggal usulan harus setelah batas waktu sekarang (%(due)s).")
                % {"due": locked.due_at.astimezone(WIB).strftime("%d-%m-%Y")},
            )
        if locked.extension_requests.filter(status=RequestStatus.PENDING).exists():
            raise InvalidInput(_("Masih ada permohonan perpanjangan yang menunggu keputusan."))
        extension = ExtensionRequest(
            case=locked,
            reason=reason,
            proposed_due_at=proposed,
            old_due_at=locked.due_at,
            requested_by=actor_user(actor),
            requested_at=at,
        )
        _history_meta(extension, actor=actor, at=at, reason=_("Permohonan perpanjangan"))
        extension.save()
        _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.EXTENSION_REQUESTED,
            history_reason=_("Permohonan perpanjangan"),
            reason=reason,
            data={"extension_id": extension.pk, "proposed_due_at": _json(proposed)},
        )
    return extension


def extension_decide(
    *,
    extension: ExtensionRequest | int,
    actor: Actor,
    approve: bool,
    note: str = "",
    due_at: date | datetime | None = None,
    expected_version: int | None = None,
) -> ExtensionRequest:
    """A coordinator approves (optionally with another date) or rejects an extension.

    The old and the new deadline stay on the request and in the case's event.
    ``expected_version`` is the case's version the decider saw (HTTP If-Match).
    """
    extension_id = extension if isinstance(extension, int) else extension.pk
    _require_coordinator(actor, _("memutuskan perpanjangan"))
    with transaction.atomic():
        case_id = (
            ExtensionRequest.objects.filter(pk=extension_id)
            .values_list("case_id", flat=True)
            .first()
        )
        if case_id is None:
            raise NotFound(_("Permohonan perpanjangan tidak ditemukan."))
        locked = lock_case(case_id)
        _check_version(locked, expected_version)
        pending = ExtensionRequest.objects.select_for_update().get(pk=extension_id)
        if pending.status != RequestStatus.PENDING:
            raise TransitionNotAllowed(_("Permohonan ini sudah diputuskan."))
        at = clock.now()
        user = actor_user(actor)
        if approve:
            if locked.status not in EXTENSION_STATES:
                raise TransitionNotAllowed(
                    _("Perpanjangan tidak dapat diberikan: kasus berstatus %(status)s.")
                    % {"status": locked.get_status_display()}
                )
            note = _text(
                note, field="note", required=False, max_length=REASON_MAX, label=_("Catatan")
            )
            new_due, version = deadline_for(
                case=locked, at=at, due=due_at or pending.proposed_due_at, field="due_at"
            )
            before = _snapshot(locked)
            locked.due_at = new_due
            locked.due_calendar_version = version
            _after_deadline_change(locked, before, at)
            pending.status = RequestStatus.APPROVED
            pending.new_due_at = new_due
            history_reason = _("Perpanjangan disetujui")
        else:
            note = _text(
                note,
                field="note",
                required=True,
                max_length=REASON_MAX,
                label=_("Alasan penolakan"),
            )
            before = _snapshot(locked)
            pending.status = RequestStatus.REJECTED
            history_reason = _("Perpanjangan ditolak")
        pending.decided_by = user
        pending.decided_at = at
        pending.decision_note = note
        _history_meta(pending, actor=actor, at=at, reason=history_reason)
        pending.save()
        _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.EXTENSION_DECIDED,
            history_reason=history_reason,
            reason=note,
            data={"extension_id": pending.pk, "approved": approve},
            before=before,
        )
    return pending


# --- reminders by hand (added for the verification queue, issue 6) ---------------------------

REMIND_STATES = (CaseStatus.ASSIGNED, CaseStatus.IN_PROGRESS)


def case_remind(
    *, case: Case | int, actor: Actor, note: str = "", expected_version: int | None = None
) -> CaseEvent:
    """A coordinator reminds the case's organization: one REMINDED event (``data.manual``),
    whose members are notified like by the sweep's reminders.

    At most once per case and WIB day: a second reminder the same day is refused (409), so a
    double submit or two coordinators clicking at once send one reminder, not two.
    """
    _require_coordinator(actor, _("mengirim pengingat"))
    note = _text(note, field="note", required=False, max_length=REASON_MAX, label=_("Catatan"))
    with transaction.atomic():
        locked = lock_case(_pk(case))
        _check_version(locked, expected_version)
        if locked.status not in REMIND_STATES:
            raise TransitionNotAllowed(
                _("Pengingat tidak dapat dikirim: kasus berstatus %(status)s.")
                % {"status": locked.get_status_display()}
            )
        at = clock.now()
        start_of_day = datetime.combine(local_date(at), datetime.min.time(), tzinfo=WIB)
        already = locked.events.filter(
            kind=EventKind.REMINDED, actor__isnull=False, created_at__gte=start_of_day
        )
        if already.exists():
            raise TransitionNotAllowed(_("Kasus ini sudah diingatkan hari ini."))
        event = _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.REMINDED,
            history_reason=_("Pengingat dari koordinator"),
            reason=note,
            data={"manual": True},
        )
    return event


# --- notifications -------------------------------------------------------------------------------


def notification_mark_read(*, notification_id: Any, actor: Actor) -> Notification:
    """Mark one of the actor's own notifications read (idempotent)."""
    user = actor_user(actor)
    try:
        notification = Notification.objects.get(pk=int(notification_id), recipient=user)
    except (Notification.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("Notifikasi tidak ditemukan.")) from None
    if notification.read_at is None:
        notification.read_at = clock.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    return Notification.objects.filter(recipient=actor_user(actor), read_at__isnull=True).update(
        read_at=clock.now()
    )


# --- Rakor, directives and the fan-out ---------------------------------------------------------


def _require_open_rakor(rakor: Rakor) -> None:
    if rakor.is_closed:
        raise TransitionNotAllowed(_("Rakor sudah ditutup; catatannya tidak dapat diubah."))


def _history_meta(obj: Any, *, actor: Actor, at: datetime, reason: str = "") -> None:
    obj._history_user = actor_user(actor)
    obj._history_date = at
    if reason:
        obj._change_reason = reason


def rakor_create(
    *,
    actor: Actor,
    series: RakorSeries,
    title: str,
    date: date,
    place: str,
    chair: str,
    mode: str = RakorMode.LURING,
    attendees: str = "",
    minutes: str = "",
    number: int | None = None,
) -> Rakor:
    _require_coordinator(actor, _("mencatat rakor"))
    if mode not in RakorMode.values:
        raise InvalidInput.on("mode", _("Moda rakor tidak dikenal."))
    title = _text(title, field="title", required=True, max_length=255, label=_("Judul"))
    place = _text(place, field="place", required=True, max_length=255, label=_("Tempat"))
    chair = _text(chair, field="chair", required=True, max_length=255, label=_("Pimpinan rapat"))
    attendees = _text(
        attendees, field="attendees", required=False, max_length=20000, label=_("Peserta")
    )
    minutes = _text(
        minutes, field="minutes", required=False, max_length=200_000, label=_("Notulen")
    )
    with transaction.atomic():
        if number is None:
            last = series.meetings.aggregate(last=Max("number"))["last"]
            number = (last or 0) + 1
        elif series.meetings.filter(number=number).exists():
            raise InvalidInput.on(
                "number", _("Nomor rakor ini sudah dipakai dalam seri yang sama.")
            )
        at = clock.now()
        rakor = Rakor(
            series=series,
            number=number,
            title=title,
            date=date,
            place=place,
            chair=chair,
            mode=mode,
            attendees=attendees,
            minutes=minutes,
            created_by=actor_user(actor),
            created_at=at,
        )
        _history_meta(rakor, actor=actor, at=at, reason=_("Rakor dicatat"))
        rakor.save()
    return rakor


def _rakor_transition(*, rakor: Rakor, actor: Actor, name: str, reason: str) -> Rakor:
    _require_coordinator(actor, _("mengubah status rakor"))
    with transaction.atomic():
        locked = Rakor.objects.select_for_update().get(pk=rakor.pk)
        method = getattr(locked, name)
        if not can_proceed(method):
            raise TransitionNotAllowed(
                _("Status rakor %(status)s tidak dapat diubah dengan cara ini.")
                % {"status": locked.get_status_display()}
            )
        method()
        _history_meta(locked, actor=actor, at=clock.now(), reason=reason)
        locked.save(update_fields=["status"])
    return locked


def rakor_mark_held(*, rakor: Rakor, actor: Actor) -> Rakor:
    return _rakor_transition(rakor=rakor, actor=actor, name="mark_held", reason=_("Terlaksana"))


def rakor_close(*, rakor: Rakor, actor: Actor) -> Rakor:
    return _rakor_transition(rakor=rakor, actor=actor, name="close", reason=_("Ditutup"))


def directive_create(
    *,
    rakor: Rakor,
    actor: Actor,
    title: str,
    text: str,
    directive_type: DirectiveType,
    speaker_name: str = "",
    speaker_office: str = "",
    areas: Sequence[Area] = (),
    source_sentence: str = "",
    number: int | None = None,
) -> Directive:
    _require_coordinator(actor, _("mencatat arahan"))
    title = _text(title, field="title", required=True, max_length=255, label=_("Judul"))
    text = _text(text, field="text", required=True, max_length=20000, label=_("Isi arahan"))
    speaker_name = _text(
        speaker_name, field="speaker_name", required=False, max_length=200, label=_("Penyampai")
    )
    speaker_office = _text(
        speaker_office,
        field="speaker_office",
        required=False,
        max_length=200,
        label=_("Jabatan penyampai"),
    )
    source_sentence = _text(
        source_sentence,
        field="source_sentence",
        required=False,
        max_length=20000,
        label=_("Kalimat sumber"),
    )
    if not directive_type.is_active:
        raise InvalidInput.on("directive_type", _("Jenis arahan ini tidak aktif."))
    with transaction.atomic():
        locked = Rakor.objects.select_for_update().get(pk=rakor.pk)
        _require_open_rakor(locked)
        if number is None:
            last = locked.directives.aggregate(last=Max("number"))["last"]
            number = (last or 0) + 1
        elif locked.directives.filter(number=number).exists():
            raise InvalidInput.on("number", _("Nomor arahan ini sudah dipakai dalam rakor ini."))
        at = clock.now()
        directive = Directive(
            rakor=locked,
            number=number,
            title=title,
            text=text,
            directive_type=directive_type,
            speaker_name=speaker_name,
            speaker_office=speaker_office,
            source_sentence=source_sentence,
            created_by=actor_user(actor),
            created_at=at,
        )
        _history_meta(directive, actor=actor, at=at, reason=_("Arahan dicatat"))
        directive.save()
        if areas:
            directive.areas.set(areas)
    return directive


RAKOR_EDITABLE = ("title", "date", "place", "chair", "mode", "attendees", "minutes")


def rakor_update(*, rakor: Rakor | int, actor: Actor, **changes: Any) -> Rakor:
    """Correct the record of a meeting that is not closed yet (added for the REST API).

    Only the fields in ``RAKOR_EDITABLE``; one history row with the actor.
    """
    _require_coordinator(actor, _("mengubah rakor"))
    unknown = sorted(set(changes) - set(RAKOR_EDITABLE))
    if unknown:
        raise InvalidInput.on(unknown[0], _("Kolom ini tidak dapat diubah."))
    if "mode" in changes and changes["mode"] not in RakorMode.values:
        raise InvalidInput.on("mode", _("Moda rakor tidak dikenal."))
    if "date" in changes and not isinstance(changes["date"], date):
        raise InvalidInput.on("date", _("Tanggal tidak valid."))
    limits = {
        "title": (True, 255, _("Judul")),
        "place": (True, 255, _("Tempat")),
        "chair": (True, 255, _("Pimpinan rapat")),
        "attendees": (False, 20000, _("Peserta")),
        "minutes": (False, 200_000, _("Notulen")),
    }
    for field, (required, max_length, label) in limits.items():
        if field in changes:
            changes[field] = _text(
                changes[field], field=field, required=required, max_length=max_length, label=label
            )
    rakor_id = rakor if isinstance(rakor, int) else rakor.pk
    with transaction.atomic():
        locked = Rakor.objects.select_for_update().filter(pk=rakor_id).first()
        if locked is None:
            raise NotFound(_("Rakor tidak ditemukan."))
        _require_open_rakor(locked)
        changed = [field for field, value in changes.items() if getattr(locked, field) != value]
        if changed:
            for field in changed:
                setattr(locked, field, changes[field])
            _history_meta(locked, actor=actor, at=clock.now(), reason=_("Rakor diubah"))
            locked.save(update_fields=changed)
    return locked


DIRECTIVE_EDITABLE = (
    "title",
    "text",
    "speaker_name",
    "speaker_office",
    "source_sentence",
    "directive_type",
    "areas",
)


def directive_update(*, directive: Directive | int, actor: Actor, **changes: Any) -> Directive:
    """Correct a directive of a meeting that is not closed yet (added for the REST API).

    The type (and with it the evidence contract and default deadline) can change only while
    none of the directive's cases has left draft.
    """
    _require_coordinator(actor, _("mengubah arahan"))
    unknown = sorted(set(changes) - set(DIRECTIVE_EDITABLE))
    if unknown:
        raise InvalidInput.on(unknown[0], _("Kolom ini tidak dapat diubah."))
    limits = {
        "title": (True, 255, _("Judul")),
        "text": (True, 20000, _("Isi arahan")),
        "speaker_name": (False, 200, _("Penyampai")),
        "speaker_office": (False, 200, _("Jabatan penyampai")),
        "source_sentence": (False, 20000, _("Kalimat sumber")),
    }
    for field, (required, max_length, label) in limits.items():
        if field in changes:
            changes[field] = _text(
                changes[field], field=field, required=required, max_length=max_length, label=label
            )
    areas = changes.pop("areas", None)
    directive_id = directive if isinstance(directive, int) else directive.pk
    with transaction.atomic():
        rakor_id = (
            Directive.objects.filter(pk=directive_id).values_list("rakor_id", flat=True).first()
        )
        if rakor_id is None:
            raise NotFound(_("Arahan tidak ditemukan."))
        _require_open_rakor(Rakor.objects.select_for_update().get(pk=rakor_id))
        locked = Directive.objects.select_for_update().get(pk=directive_id)
        new_type = changes.get("directive_type")
        if new_type is not None and new_type.pk != locked.directive_type_id:
            if not new_type.is_active:
                raise InvalidInput.on("directive_type", _("Jenis arahan ini tidak aktif."))
            if locked.cases.exclude(status=CaseStatus.DRAFT).exists():
                raise InvalidInput.on(
                    "directive_type",
                    _("Jenis arahan tidak dapat diubah setelah kasusnya didisposisikan."),
                )
        changed = [field for field, value in changes.items() if getattr(locked, field) != value]
        at = clock.now()
        if changed:
            for field in changed:
                setattr(locked, field, changes[field])
            _history_meta(locked, actor=actor, at=at, reason=_("Arahan diubah"))
            locked.save(update_fields=changed)
        if areas is not None and {a.pk for a in areas} != set(
            locked.areas.values_list("pk", flat=True)
        ):
            _history_meta(locked, actor=actor, at=at, reason=_("Wilayah arahan diubah"))
            locked.areas.set(areas)
    return locked


def case_create(
    *,
    directive: Directive,
    organization: Organization,
    role: str,
    actor: Actor,
    title: str = "",
    instructions: str = "",
    priority: str = Priority.NORMAL,
    area: Area | None = None,
) -> Case:
    """A draft case: one organization's share of a directive."""
    _require_coordinator(actor, _("membuat kasus"))
    if role not in CaseRole.values:
        raise InvalidInput.on("role", _("Peran organisasi tidak dikenal."))
    if priority not in Priority.values:
        raise InvalidInput.on("priority", _("Prioritas tidak dikenal."))
    if not organization.is_active:
        raise InvalidInput.on("organization", _("Organisasi tidak aktif."))
    title = _text(
        title or directive.title, field="title", required=True, max_length=255, label=_("Judul")
    )
    instructions = _text(
        instructions,
        field="instructions",
        required=False,
        max_length=20000,
        label=_("Uraian tugas"),
    )
    try:
        with transaction.atomic():
            # Re-read the meeting under its lock: the caller's copy may predate its closing.
            _require_open_rakor(Rakor.objects.select_for_update().get(pk=directive.rakor_id))
            at = clock.now()
            case = Case(
                directive=directive,
                organization=organization,
                role=role,
                title=title,
                instructions=instructions,
                priority=priority,
                area=area,
                created_by=actor_user(actor),
                created_at=at,
                updated_at=at,
            )
            created = _record(
                case,
                actor=actor,
                at=at,
                before=None,
                history_reason=_history_reason("create", ""),
                kind=EventKind.CREATED,
                to_status=case.status,
                data={
                    "organization_id": organization.pk,
                    "role": role,
                    "directive_id": directive.pk,
                },
            )
            case_events_recorded.send(sender=Case, event_ids=[created.pk])
    except IntegrityError:
        raise InvalidInput.on(
            "organization",
            _("%(org)s sudah memiliki kasus untuk arahan ini.") % {"org": organization},
        ) from None
    return case


def directive_fan_out(
    *,
    directive: Directive,
    actor: Actor,
    lead: Sequence[Organization] = (),
    supporting: Sequence[Organization] = (),
    priority: str = Priority.NORMAL,
    area: Area | None = None,
    dispatch: bool = False,
    due_at: date | datetime | None = None,
) -> list[Case]:
    """One case per responsible organization (lead and supporting), optionally dispatched.

    With no lead given, the directive type's default lead organization leads. All or
    nothing: one refused case leaves no other behind.
    """
    lead = list(lead) or (
        [directive.directive_type.default_lead] if directive.directive_type.default_lead else []
    )
    if not lead:
        raise InvalidInput.on("lead", _("Pilih paling sedikit satu OPD pengampu."))
    seen: set[int] = set()
    plan: list[tuple[Organization, str]] = []
    for organization, role in [(o, CaseRole.LEAD) for o in lead] + [
        (o, CaseRole.SUPPORTING) for o in supporting
    ]:
        if organization.pk in seen:
            continue
        seen.add(organization.pk)
        plan.append((organization, role))
    with transaction.atomic():
        cases = [
            case_create(
                directive=directive,
                organization=organization,
                role=role,
                actor=actor,
                priority=priority,
                area=area,
            )
            for organization, role in plan
        ]
        if dispatch:
            cases = [case_dispatch(case=case, actor=actor, due_at=due_at) for case in cases]
    return cases


# --- decisions of a Rakor on a case (called by rakor.services) -------------------------------


def case_extend(
    *, case: Case | int, actor: Actor, due_at: date | datetime, reason: str
) -> ExtensionRequest:
    """A coordinator moves the deadline on the spot (a decision of the Rakor).

    Recorded as an extension request approved at once, so the old and the new deadline stay
    in the record exactly as for an extension the OPD asked for. A pending request of the
    OPD is decided by this instead of being left behind.
    """
    _require_coordinator(actor, _("memperpanjang batas waktu"))
    with transaction.atomic():
        locked = lock_case(_pk(case))
        if locked.status not in EXTENSION_STATES:
            raise TransitionNotAllowed(
                _("Perpanjangan tidak dapat diberikan: kasus berstatus %(status)s.")
                % {"status": locked.get_status_display()}
            )
        reason = _text(
            reason, field="reason", required=True, max_length=REASON_MAX, label=_("Alasan")
        )
        at = clock.now()
        new_due, version = deadline_for(case=locked, at=at, due=due_at, field="due_at")
        if locked.due_at is not None and new_due <= locked.due_at:
            raise InvalidInput.on(
                "due_at",
                _("Batas waktu baru harus setelah batas waktu sekarang (%(due)s).")
                % {"due": locked.due_at.astimezone(WIB).strftime("%d-%m-%Y")},
            )
        user = actor_user(actor)
        extension = (
            locked.extension_requests.select_for_update()
            .filter(status=RequestStatus.PENDING)
            .first()
        ) or ExtensionRequest(
            case=locked,
            reason=reason,
            proposed_due_at=new_due,
            old_due_at=locked.due_at,
            requested_by=user,
            requested_at=at,
        )
        before = _snapshot(locked)
        locked.due_at = new_due
        locked.due_calendar_version = version
        _after_deadline_change(locked, before, at)
        extension.status = RequestStatus.APPROVED
        extension.new_due_at = new_due
        extension.decided_by = user
        extension.decided_at = at
        extension.decision_note = reason
        _history_meta(extension, actor=actor, at=at, reason=_("Perpanjangan diputuskan rakor"))
        extension.save()
        _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.EXTENSION_DECIDED,
            history_reason=_("Perpanjangan diputuskan rakor"),
            reason=reason,
            data={"extension_id": extension.pk, "approved": True},
            before=before,
        )
    return extension


def case_escalate(*, case: Case | int, actor: Actor, reason: str) -> Case:
    """A coordinator refers an open case to the leadership (a decision of the Rakor).

    Escalation is not a state: the priority becomes "Segera" and one ESCALATED event names
    the decision. The ladder's level is the sweep's business and is left alone.
    """
    _require_coordinator(actor, _("mengeskalasi kasus"))
    with transaction.atomic():
        locked = lock_case(_pk(case))
        if locked.status not in OPEN_STATES:
            raise TransitionNotAllowed(
                _("Kasus berstatus %(status)s tidak dapat dieskalasi.")
                % {"status": locked.get_status_display()}
            )
        reason = _text(
            reason, field="reason", required=True, max_length=REASON_MAX, label=_("Alasan")
        )
        at = clock.now()
        before = _snapshot(locked)
        locked.priority = Priority.URGENT
        _touch_case(
            locked,
            actor=actor,
            at=at,
            kind=EventKind.ESCALATED,
            history_reason=_("Eskalasi oleh rakor"),
            reason=reason,
            data={"level": locked.escalation_level, "by_meeting": True},
            before=before,
        )
    return locked
