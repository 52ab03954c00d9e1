"""Writes of the Rakor cycle. Every change to a directive or a case goes through
``cases.services``; this module only adds the import drafts, the agenda and the decisions.

Keyword-only, actor explicit, coordinators only (``cases.permissions.actor_is_coordinator``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cases import clock
from cases import services as case_services
from cases.actors import Actor, actor_user
from cases.calendar import WIB
from cases.errors import ActionForbidden, InvalidInput, NotFound, TransitionNotAllowed
from cases.models import (
    CLOCK_STATES,
    OPEN_STATES,
    Area,
    Case,
    CaseEvent,
    CaseStatus,
    DirectiveType,
    Escalation,
    EventKind,
    Organization,
    Rakor,
    RakorSeries,
)
from cases.permissions import actor_is_coordinator

from .lexicon import lexicon_from_db
from .minutes import MinutesRejected, check_minutes, parse_minutes
from .models import (
    AgendaItem,
    AgendaReason,
    DecisionKind,
    DraftDirective,
    DraftStatus,
    MeetingDecision,
    MinutesImport,
    RakorReport,
    ReportStatus,
)

# One meeting gives a few dozen directives; thousands are a pasted list, not minutes.
MAX_DRAFTS = 300


def _require_coordinator(actor: Actor, action: str) -> None:
    if not actor_is_coordinator(actor):
        raise ActionForbidden(
            _("Hanya koordinator Bakesbangpol yang dapat %(action)s.") % {"action": action}
        )


def _history(obj: DraftDirective, actor: Actor, reason: str) -> None:
    obj._history_user = actor_user(actor)
    obj._history_date = clock.now()
    obj._change_reason = reason


def _require_open(rakor: Rakor) -> None:
    if rakor.is_closed:
        raise TransitionNotAllowed(_("Rakor sudah ditutup; catatannya tidak dapat diubah."))


# --- minutes → drafts ------------------------------------------------------------------------


def minutes_parse(*, rakor: Rakor, data: str | bytes) -> dict[str, Any]:
    """The drafts as data, without saving anything (``import_minutes --dry-run``)."""
    text = _checked(data)
    result = parse_minutes(text, lexicon=lexicon_from_db(), meeting_date=rakor.date)
    return result.as_dict()


def _checked(data: str | bytes) -> str:
    try:
        return check_minutes(data)
    except MinutesRejected as exc:
        raise InvalidInput.on("minutes", str(exc)) from None


def minutes_import(
    *, rakor: Rakor, actor: Actor, data: str | bytes, source_name: str = ""
) -> MinutesImport:
    """Read minutes into draft directives. Bad input (empty, over 200 KB, binary, another
    language) is refused with a message, and nothing is created."""
    _require_coordinator(actor, _("mengimpor notulen"))
    _require_open(rakor)
    text = _checked(data)
    lexicon = lexicon_from_db()
    result = parse_minutes(text, lexicon=lexicon, meeting_date=rakor.date)
    if len(result.drafts) > MAX_DRAFTS:
        raise InvalidInput.on(
            "minutes",
            _(
                "Notulen ini menghasilkan %(n)d draf arahan; paling banyak %(max)d sekali impor. "
                "Pisahkan notulen menjadi beberapa bagian."
            )
            % {"n": len(result.drafts), "max": MAX_DRAFTS},
        )
    organizations = {o.code: o for o in Organization.objects.filter(is_active=True)}
    types = {t.code: t for t in DirectiveType.objects.filter(is_active=True)}
    areas = {a.code: a for a in Area.objects.all()}
    with transaction.atomic():
        imported = MinutesImport.objects.create(
            rakor=rakor,
            text=text,
            source_name=source_name[:255],
            created_by=actor_user(actor),
            created_at=clock.now(),
        )
        for sequence, parsed in enumerate(result.drafts, start=1):
            draft = DraftDirective(
                minutes_import=imported,
                sequence=sequence,
                start=parsed.start,
                end=parsed.end,
                source_sentence=parsed.source_sentence,
                title=parsed.title[:255],
                text=parsed.text,
                speaker_name=parsed.speaker_name,
                speaker_office=parsed.speaker_office,
                directive_type=types.get(parsed.directive_type) or types.get("lainnya"),
                due=parsed.due,
                reasons={
                    "detection": parsed.detection_reasons,
                    "speaker": parsed.speaker_reason,
                    "type": parsed.type_reason,
                    "organizations": parsed.organization_reasons,
                    "areas": parsed.area_reasons,
                    "due": parsed.due_reason,
                },
            )
            _history(draft, actor, _("Draf dibaca dari notulen"))
            draft.save()
            draft.lead.set([organizations[c] for c in parsed.lead if c in organizations])
            draft.supporting.set(
                [organizations[c] for c in parsed.supporting if c in organizations]
            )
            draft.areas.set([areas[c] for c in parsed.areas if c in areas])
    return imported


def _pending(draft: DraftDirective | int) -> DraftDirective:
    draft_id = draft if isinstance(draft, int) else draft.pk
    locked = (
        DraftDirective.objects.select_for_update()
        .select_related("minutes_import__rakor")
        .filter(pk=draft_id)
        .first()
    )
    if locked is None:
        raise NotFound(_("Draf arahan tidak ditemukan."))
    if locked.status != DraftStatus.PENDING:
        raise TransitionNotAllowed(
            _("Draf ini sudah %(status)s.") % {"status": locked.get_status_display().lower()}
        )
    _require_open(locked.minutes_import.rakor)
    return locked


def draft_update(
    *,
    draft: DraftDirective | int,
    actor: Actor,
    title: str,
    text: str,
    directive_type: DirectiveType,
    lead: Sequence[Organization],
    supporting: Sequence[Organization] = (),
    areas: Sequence[Area] = (),
    due: date | None = None,
    speaker_name: str = "",
    speaker_office: str = "",
) -> DraftDirective:
    """The coordinator corrects a draft before accepting it."""
    _require_coordinator(actor, _("menyunting draf arahan"))
    if not str(title or "").strip():
        raise InvalidInput.on("title", _("Judul wajib diisi."))
    if not str(text or "").strip():
        raise InvalidInput.on("text", _("Isi arahan wajib diisi."))
    if not lead:
        raise InvalidInput.on("lead", _("Pilih paling sedikit satu OPD pengampu."))
    with transaction.atomic():
        locked = _pending(draft)
        locked.title = str(title).strip()[:255]
        locked.text = str(text).strip()
        locked.directive_type = directive_type
        locked.due = due
        locked.speaker_name = str(speaker_name or "").strip()[:200]
        locked.speaker_office = str(speaker_office or "").strip()[:200]
        _history(locked, actor, _("Draf disunting"))
        locked.save()
        locked.lead.set(lead)
        locked.supporting.set([o for o in supporting if o not in lead])
        locked.areas.set(areas)
    return locked


def draft_drop(*, draft: DraftDirective | int, actor: Actor) -> DraftDirective:
    _require_coordinator(actor, _("membuang draf arahan"))
    with transaction.atomic():
        locked = _pending(draft)
        locked.status = DraftStatus.DROPPED
        locked.decided_by = actor_user(actor)
        locked.decided_at = clock.now()
        _history(locked, actor, _("Draf dibuang"))
        locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


def draft_accept(
    *, draft: DraftDirective | int, actor: Actor, dispatch: bool = False
) -> DraftDirective:
    """Create the directive and its cases (``directive_create`` + ``directive_fan_out``).

    With ``dispatch`` the cases go out at once, due on the draft's date (or the type's
    default). All or nothing.
    """
    _require_coordinator(actor, _("menerima draf arahan"))
    with transaction.atomic():
        locked = _pending(draft)
        lead = list(locked.lead.all())
        if not lead:
            raise InvalidInput.on(
                "lead",
                _("Draf #%(n)d “%(title)s” belum punya OPD pengampu.")
                % {"n": locked.sequence, "title": locked.title},
            )
        if locked.directive_type is None:
            raise InvalidInput.on("directive_type", _("Pilih jenis arahan."))
        areas = list(locked.areas.all())
        directive = case_services.directive_create(
            rakor=locked.minutes_import.rakor,
            actor=actor,
            title=locked.title,
            text=locked.text,
            directive_type=locked.directive_type,
            speaker_name=locked.speaker_name,
            speaker_office=locked.speaker_office,
            areas=areas,
            source_sentence=locked.source_sentence,
        )
        case_services.directive_fan_out(
            directive=directive,
            actor=actor,
            lead=lead,
            supporting=list(locked.supporting.all()),
            area=areas[0] if len(areas) == 1 else None,
            dispatch=dispatch,
            due_at=locked.due if dispatch else None,
        )
        locked.status = DraftStatus.ACCEPTED
        locked.directive = directive
        locked.decided_by = actor_user(actor)
        locked.decided_at = clock.now()
        _history(locked, actor, _("Draf diterima"))
        locked.save(update_fields=["status", "directive", "decided_by", "decided_at"])
    return locked


def drafts_accept_rest(
    *, minutes_import: MinutesImport, actor: Actor, dispatch: bool = False
) -> list[DraftDirective]:
    """Accept every draft still pending, in order. All or nothing: one refused draft
    leaves no directive behind, and the error names it."""
    _require_coordinator(actor, _("menerima draf arahan"))
    with transaction.atomic():
        pending = list(
            minutes_import.drafts.filter(status=DraftStatus.PENDING).order_by("sequence")
        )
        return [draft_accept(draft=d, actor=actor, dispatch=dispatch) for d in pending]


# --- the carry-over agenda ------------------------------------------------------------------


def previous_meeting(rakor: Rakor) -> Rakor | None:
    """The meeting of the same series before this one, by date then number.

    Follows the series, not the calendar month: a meeting moved to another date still
    follows the one before it.
    """
    return (
        Rakor.objects.filter(series_id=rakor.series_id)
        .exclude(pk=rakor.pk)
        .filter(Q(date__lt=rakor.date) | Q(date=rakor.date, number__lt=rakor.number))
        .order_by("-date", "-number")
        .first()
    )


def _since(rakor: Rakor | None) -> datetime | None:
    if rakor is None:
        return None
    return datetime.combine(rakor.date, time(0, 0), tzinfo=WIB)


def _describe(event: CaseEvent) -> str:
    label = dict(CaseStatus.choices)
    day = event.created_at.astimezone(WIB).strftime("%d-%m-%Y")
    if event.kind == EventKind.TRANSITION:
        text = _("%(day)s: %(from)s → %(to)s") % {
            "day": day,
            "from": label.get(event.from_status, event.from_status),
            "to": label.get(event.to_status, event.to_status),
        }
    elif event.kind == EventKind.PROGRESS:
        progress = event.data.get("progress")
        text = _("%(day)s: kemajuan %(p)s%%") % {
            "day": day,
            "p": progress[1] if isinstance(progress, list) else "?",
        }
    elif event.kind == EventKind.ESCALATED:
        text = _("%(day)s: eskalasi tingkat %(level)s") % {
            "day": day,
            "level": event.data.get("level", "?"),
        }
    else:
        text = f"{day}: {event.get_kind_display()}"
    if event.reason:
        text += f" — {event.reason[:200]}"
    return text


def agenda_build(*, rakor: Rakor, actor: Actor) -> list[AgendaItem]:
    """Build (or rebuild) the "Tindak lanjut Rakor sebelumnya" section of ``rakor``.

    Takes every case of the series' earlier meetings that is open, overdue, escalated to the
    agenda level, or changed since the previous meeting, with what changed since then.
    Items that already carry a decision are kept as they are; the rest are replaced. A
    fixed number of queries, whatever the number of cases.
    """
    _require_coordinator(actor, _("menyusun agenda rakor"))
    _require_open(rakor)
    now = clock.now()
    previous = previous_meeting(rakor)
    since = _since(previous)
    earlier = Case.objects.filter(directive__rakor__series_id=rakor.series_id).filter(
        Q(directive__rakor__date__lt=rakor.date)
        | Q(directive__rakor__date=rakor.date, directive__rakor__number__lt=rakor.number)
    )
    escalated = Escalation.objects.filter(on_agenda=True)
    if since is not None:
        escalated = escalated.filter(escalated_at__gte=since)
    wanted = Q(status__in=OPEN_STATES) | Q(pk__in=escalated.values("case_id"))
    if since is not None:
        wanted |= Q(updated_at__gte=since)
    cases = list(
        earlier.filter(wanted)
        .exclude(status=CaseStatus.DRAFT)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )
    ids = [c.pk for c in cases]
    escalated_ids = set(escalated.filter(case_id__in=ids).values_list("case_id", flat=True))
    events: dict[int, list[str]] = {}
    if since is not None:
        for event in CaseEvent.objects.filter(case_id__in=ids, created_at__gte=since).order_by(
            "case_id", "sequence"
        ):
            events.setdefault(event.case_id, []).append(_describe(event))
    items = []
    for case in cases:
        reasons = []
        if case.status in OPEN_STATES:
            reasons.append(AgendaReason.OPEN)
        if case.status in CLOCK_STATES and case.due_at and case.due_at < now:
            reasons.append(AgendaReason.OVERDUE)
        if case.pk in escalated_ids:
            reasons.append(AgendaReason.ESCALATED)
        if events.get(case.pk):
            reasons.append(AgendaReason.CHANGED)
        items.append(
            AgendaItem(
                rakor=rakor,
                case=case,
                organization=case.organization,
                previous_rakor=previous,
                reasons=[str(r) for r in reasons],
                changes=events.get(case.pk, []),
                status_then=case.status,
                due_then=case.due_at,
                built_at=now,
            )
        )
    with transaction.atomic():
        decided = set(
            AgendaItem.objects.filter(rakor=rakor, decisions__isnull=False).values_list(
                "case_id", flat=True
            )
        )
        AgendaItem.objects.filter(rakor=rakor).exclude(case_id__in=decided).delete()
        AgendaItem.objects.bulk_create([i for i in items if i.case_id not in decided])
    return list(AgendaItem.objects.filter(rakor=rakor))


def rakor_create_next(
    *,
    actor: Actor,
    series: RakorSeries,
    title: str,
    date: date,
    place: str,
    chair: str,
    **fields: Any,
) -> Rakor:
    """The next meeting of a series, with its carry-over section built at once."""
    with transaction.atomic():
        rakor = case_services.rakor_create(
            actor=actor, series=series, title=title, date=date, place=place, chair=chair, **fields
        )
        agenda_build(rakor=rakor, actor=actor)
    return rakor


def decision_record(
    *,
    item: AgendaItem | int,
    actor: Actor,
    kind: str,
    note: str,
    due: date | None = None,
    organization: Organization | None = None,
) -> MeetingDecision:
    """Record what the meeting decided about a case, and carry it out through the services.

    - extend: a new deadline (``cases.services.case_extend``);
    - close: verify a reported case, else cancel it with the note as reason;
    - escalate: refer to the leadership (``case_escalate``);
    - reassign: a declined case goes to ``organization`` (``case_reassign``); a case in any
      other open state is cancelled and a new case is made and dispatched for it;
    - keep: nothing changes on the case; the decision is recorded.
    """
    _require_coordinator(actor, _("mencatat keputusan rakor"))
    if kind not in DecisionKind.values:
        raise InvalidInput.on("kind", _("Keputusan tidak dikenal."))
    note = str(note or "").strip()
    if not note:
        raise InvalidInput.on("note", _("Catatan keputusan wajib diisi."))
    item_id = item if isinstance(item, int) else item.pk
    with transaction.atomic():
        locked = (
            AgendaItem.objects.select_for_update()
            .select_related("rakor", "case")
            .filter(pk=item_id)
            .first()
        )
        if locked is None:
            raise NotFound(_("Butir agenda tidak ditemukan."))
        _require_open(locked.rakor)
        case = locked.case
        new_case = None
        if kind == DecisionKind.EXTEND:
            if due is None:
                raise InvalidInput.on("due", _("Isi batas waktu baru."))
            case_services.case_extend(case=case, actor=actor, due_at=due, reason=note)
            outcome = _("Batas waktu diperpanjang sampai %(d)s") % {"d": due.strftime("%d-%m-%Y")}
        elif kind == DecisionKind.CLOSE:
            case.refresh_from_db()
            if case.status == CaseStatus.REPORTED:
                case_services.case_verify(case=case, actor=actor, note=note)
                outcome = _("Laporan diverifikasi; kasus selesai")
            elif case.status in OPEN_STATES:
                case_services.case_cancel(case=case, actor=actor, reason=note)
                outcome = _("Kasus ditutup (dibatalkan) oleh rakor")
            else:
                raise TransitionNotAllowed(
                    _("Kasus berstatus %(s)s sudah tertutup.") % {"s": case.get_status_display()}
                )
        elif kind == DecisionKind.ESCALATE:
            case_services.case_escalate(case=case, actor=actor, reason=note)
            outcome = _("Dieskalasi ke pimpinan; prioritas Segera")
        elif kind == DecisionKind.REASSIGN:
            if organization is None:
                raise InvalidInput.on("organization", _("Pilih OPD tujuan."))
            case.refresh_from_db()
            if case.status == CaseStatus.DECLINED:
                case_services.case_reassign(
                    case=case, actor=actor, reason=note, organization=organization, due_at=due
                )
                new_case = None
            elif case.status in OPEN_STATES:
                case_services.case_cancel(
                    case=case,
                    actor=actor,
                    reason=_("Dialihkan ke %(org)s oleh rakor: %(note)s")
                    % {"org": organization, "note": note},
                )
                new_case = case_services.case_create(
                    directive=case.directive,
                    organization=organization,
                    role=case.role,
                    actor=actor,
                    title=case.title,
                    instructions=case.instructions,
                    priority=case.priority,
                    area=case.area,
                )
                new_case = case_services.case_dispatch(case=new_case, actor=actor, due_at=due)
            else:
                raise TransitionNotAllowed(
                    _("Kasus berstatus %(s)s tidak dapat dialihkan.")
                    % {"s": case.get_status_display()}
                )
            outcome = _("Dialihkan ke %(org)s") % {"org": organization}
        else:
            outcome = _("Dilanjutkan tanpa perubahan")
        return MeetingDecision.objects.create(
            agenda_item=locked,
            kind=kind,
            note=note,
            due=due,
            organization=organization,
            outcome=outcome[:255],
            new_case=new_case,
            decided_by=actor_user(actor),
            decided_at=clock.now(),
        )


# --- the report ------------------------------------------------------------------------------


def report_request(*, rakor: Rakor, actor: Actor) -> RakorReport:
    """Queue the report of a Rakor's follow-up; the huey task makes the files after commit."""
    _require_coordinator(actor, _("membuat laporan rakor"))
    from .tasks import generate_report

    now = clock.now()
    report = RakorReport.objects.create(
        rakor=rakor,
        requested_by=actor_user(actor),
        requested_at=now,
        as_of=now,
        status=ReportStatus.QUEUED,
        message=_("Menunggu giliran"),
    )
    transaction.on_commit(lambda: generate_report(report.pk))
    return report
