"""Who hears about what, and when.

Every CaseEvent is handed, after its transaction commits, to the ``notify_events`` huey task,
which creates one in-app ``Notification`` per recipient. The notification's key,
``event:<event id>:<user id>``, is unique: a retried or duplicated task creates nothing
twice. Email goes out only inside working hours (07:00–16:00 WIB on a working day of the
city's calendar): a notification made at 16:30 on a Friday carries ``send_after`` = Monday
07:00, and the outbox sends it then. Sending claims the row first (a conditional UPDATE),
so two consumers never mail the same notification; a claim older than ``CLAIM_TIMEOUT`` is
taken over (the first consumer died).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, time, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from accounts.models import GlobalRole, User

from . import clock
from .calendar import WIB, WorkingCalendar
from .models import CaseEvent, EscalationRule, EventKind, Membership, MembershipRole, Notification

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=10)
_muted: ContextVar[bool] = ContextVar("tlr_notifications_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No notifications for events written inside (the demo loader's back-dated history)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notify_after_commit(event_ids: Iterable[int]) -> None:
    ids = [i for i in event_ids if i]
    if _muted.get() or not ids:
        return
    from .tasks import notify_events

    transaction.on_commit(partial(notify_events, ids))


# --- when -------------------------------------------------------------------------------


def _hours() -> tuple[time, time]:
    start, end = settings.TLR["NOTIFY_HOURS"]
    return time.fromisoformat(start), time.fromisoformat(end)


def in_send_window(at: datetime, calendar: WorkingCalendar | None = None) -> bool:
    calendar = calendar or WorkingCalendar.for_organization(None)
    start, end = _hours()
    local = at.astimezone(WIB)
    return calendar.is_working_day(local.date()) and start <= local.time() < end


def send_window_start(at: datetime, calendar: WorkingCalendar | None = None) -> datetime:
    """``at`` itself inside working hours, else the start of the next working morning."""
    calendar = calendar or WorkingCalendar.for_organization(None)
    if in_send_window(at, calendar):
        return at
    start, _end = _hours()
    local = at.astimezone(WIB)
    day = local.date()
    if local.time() >= start:
        day += timedelta(days=1)
    return datetime.combine(calendar.next_working_day(day), start, tzinfo=WIB)


# --- who --------------------------------------------------------------------------------

TITLES = {
    "dispatch": "Kasus baru untuk {org}: {title}",
    "reassign": "Kasus didisposisikan ulang ke {org}: {title}",
    "accept": "",
    "decline": "Kasus ditolak (bukan kewenangan) oleh {org}: {title}",
    "hold": "Kasus ditunda: {title}",
    "resume": "Kasus dilanjutkan: {title}",
    "report": "Laporan selesai menunggu verifikasi: {title}",
    "verify": "Kasus diverifikasi selesai: {title}",
    "verify_ongoing": "Kasus diverifikasi selesai berkelanjutan: {title}",
    "send_back": "Laporan dikembalikan untuk diperbaiki: {title}",
    "reopen": "Kasus dibuka kembali: {title}",
    "cancel": "Kasus dibatalkan: {title}",
    EventKind.HOLD_REQUESTED: "Permohonan penundaan menunggu keputusan: {title}",
    EventKind.HOLD_DECIDED: "Permohonan penundaan ditolak: {title}",
    EventKind.EXTENSION_REQUESTED: "Permohonan perpanjangan menunggu keputusan: {title}",
    EventKind.EXTENSION_DECIDED: "Keputusan permohonan perpanjangan: {title}",
    EventKind.REMINDED: "Pengingat H-{days}: batas waktu {due} — {title}",
    EventKind.ESCALATED: "Eskalasi tingkat {level}: terlambat — {title}",
}

# A reminder sent by a coordinator from the verification queue (services.case_remind).
MANUAL_REMINDER = "Pengingat dari koordinator: batas waktu {due} — {title}"

# Who hears of each transition: the case's organization, or the coordinators.
TO_ORGANIZATION = {
    "dispatch",
    "reassign",
    "hold",
    "resume",
    "verify",
    "verify_ongoing",
    "send_back",
    "reopen",
    "cancel",
}
TO_COORDINATORS = {"report", "decline"}


class _Audience:
    """Recipients looked up once per batch of events, not once per event."""

    def __init__(self, events: list[CaseEvent]):
        org_ids = {event.case.organization_id for event in events}
        self.members: dict[int, list[User]] = defaultdict(list)
        self.heads: dict[int, list[User]] = defaultdict(list)
        memberships = Membership.objects.filter(
            organization_id__in=org_ids, is_active=True, user__is_active=True
        ).select_related("user")
        for membership in memberships:
            self.members[membership.organization_id].append(membership.user)
            if membership.role == MembershipRole.HEAD:
                self.heads[membership.organization_id].append(membership.user)
        active = User.objects.filter(is_active=True)
        self.coordinators = list(active.filter(role__in=[GlobalRole.COORDINATOR]))
        self.leadership = list(active.filter(role=GlobalRole.LEADERSHIP))
        self.rules = {rule.pk: rule for rule in EscalationRule.objects.all()}

    def for_event(self, event: CaseEvent) -> list[User]:
        org = event.case.organization_id
        if event.kind == EventKind.TRANSITION:
            if event.transition in TO_ORGANIZATION:
                return self.members[org]
            if event.transition in TO_COORDINATORS:
                return self.coordinators
            return []
        if event.kind == EventKind.REMINDED:
            return self.members[org]
        if event.kind == EventKind.ESCALATED:
            rule = self.rules.get(event.data.get("rule_id"))
            if rule is None:
                return self.coordinators
            people = []
            if rule.notify_org_head:
                people += self.heads[org]
            if rule.notify_coordinators:
                people += self.coordinators
            if rule.notify_leadership:
                people += self.leadership
            return people
        if event.kind == EventKind.HOLD_REQUESTED:
            return self.heads[org]
        if event.kind == EventKind.EXTENSION_REQUESTED:
            return self.coordinators
        if event.kind in (EventKind.HOLD_DECIDED, EventKind.EXTENSION_DECIDED):
            return self.members[org]
        return []


def _title(event: CaseEvent) -> str:
    case = event.case
    template = TITLES.get(event.transition or event.kind, "")
    if event.kind == EventKind.REMINDED and event.data.get("manual"):
        template = MANUAL_REMINDER
    if not template:
        return ""
    due = case.due_at.astimezone(WIB).strftime("%d-%m-%Y") if case.due_at else "-"
    text = template.format(
        org=case.organization.short_name,
        title=case.title,
        days=event.data.get("days_before", ""),
        level=event.data.get("level", ""),
        due=due,
    )
    return text[:255]


def create_for_events(event_ids: Iterable[int]) -> list[int]:
    """Create the in-app notifications for these events; returns the new ones' ids."""
    events = list(
        CaseEvent.objects.filter(pk__in=list(event_ids))
        .select_related("case__organization")
        .order_by("pk")
    )
    if not events:
        return []
    audience = _Audience(events)
    calendar = WorkingCalendar.for_organization(None)
    now = clock.now()
    wanted: list[Notification] = []
    for event in events:
        title = _title(event)
        if not title:
            continue
        seen: set[int] = set()
        for user in audience.for_event(event):
            if user.pk in seen or user.pk == event.actor_id:
                continue
            seen.add(user.pk)
            wanted.append(
                Notification(
                    recipient=user,
                    case=event.case,
                    kind=event.transition or event.kind,
                    key=f"event:{event.pk}:{user.pk}",
                    title=title,
                    body=event.reason,
                    created_at=now,
                    send_after=send_window_start(now, calendar),
                )
            )
    keys = [n.key for n in wanted]
    existing = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    Notification.objects.bulk_create(
        [n for n in wanted if n.key not in existing], ignore_conflicts=True
    )
    return list(
        Notification.objects.filter(key__in=set(keys) - existing).values_list("pk", flat=True)
    )


# --- email ------------------------------------------------------------------------------


def _claim(notification_id: int, now: datetime) -> bool:
    stale = now - CLAIM_TIMEOUT
    claimed = Notification.objects.filter(
        Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stale),
        pk=notification_id,
        emailed_at__isnull=True,
    ).update(email_claimed_at=now)
    return claimed == 1


def send_email(notification_id: int, *, now: datetime | None = None) -> bool:
    """Email one notification if it is due and nobody else is sending it. Idempotent."""
    now = now or clock.now()
    notification = (
        Notification.objects.select_related("recipient", "case")
        .filter(pk=notification_id, emailed_at__isnull=True, send_after__lte=now)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    if not in_send_window(now):
        return False
    if not _claim(notification.pk, now):
        return False
    link = f"{settings.TLR.get('SITE_URL', '')}/kasus/{notification.case_id}/"
    try:
        send_mail(
            subject=f"[Tindak Lanjut Rakor] {notification.title}",
            message=f"{notification.title}\n\n{notification.body}\n\n{link}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.recipient.email],
        )
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(email_claimed_at=None)
        raise
    Notification.objects.filter(pk=notification.pk).update(emailed_at=now)
    return True


def send_due_emails(*, now: datetime | None = None, limit: int = 500) -> int:
    """The outbox: every notification whose time has come and that was not mailed yet."""
    now = now or clock.now()
    if not in_send_window(now):
        return 0
    due = (
        Notification.objects.filter(emailed_at__isnull=True, send_after__lte=now)
        .exclude(recipient__email="")
        .order_by("send_after", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for notification_id in list(due) if send_email(notification_id, now=now))
