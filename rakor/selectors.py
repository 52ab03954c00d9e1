"""Reads of the Rakor cycle. Who may read: the roles that see every case (coordinators,
auditors, the leadership); OPD members do not see the meeting's working papers."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.db.models import Prefetch, QuerySet

from cases.errors import NotFound
from cases.models import Rakor

from .models import AgendaItem, DraftDirective, MeetingDecision, MinutesImport, RakorReport


def may_read(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.sees_everything)


def meetings() -> QuerySet[Rakor]:
    return Rakor.objects.select_related("series").order_by("-date", "-number")


def meeting(rakor_id: Any) -> Rakor:
    try:
        return Rakor.objects.select_related("series").get(pk=int(rakor_id))
    except (Rakor.DoesNotExist, TypeError, ValueError):
        raise NotFound("Rakor tidak ditemukan.") from None


def minutes_import(import_id: Any) -> MinutesImport:
    try:
        return MinutesImport.objects.select_related("rakor").get(pk=int(import_id))
    except (MinutesImport.DoesNotExist, TypeError, ValueError):
        raise NotFound("Impor notulen tidak ditemukan.") from None


def drafts_of(imported: MinutesImport) -> list[DraftDirective]:
    return list(
        imported.drafts.select_related("directive_type", "directive")
        .prefetch_related("lead", "supporting", "areas")
        .order_by("sequence")
    )


def highlighted(text: str, drafts: list[DraftDirective]) -> list[tuple[str, DraftDirective | None]]:
    """The minutes cut into pieces: plain text, and each draft's source sentence."""
    pieces: list[tuple[str, DraftDirective | None]] = []
    cursor = 0
    for draft in sorted(drafts, key=lambda d: d.start):
        start, end = max(draft.start, cursor), min(draft.end, len(text))
        if start >= end:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], None))
        pieces.append((text[start:end], draft))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], None))
    return pieces


def agenda(rakor: Rakor) -> list[tuple[Any, list[AgendaItem]]]:
    """The carry-over section grouped by organization; a fixed number of queries."""
    items = (
        AgendaItem.objects.filter(rakor=rakor)
        .select_related(
            "organization",
            "case__directive__rakor",
            "case__directive__directive_type",
            "case__organization",
        )
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=MeetingDecision.objects.select_related("decided_by", "organization"),
            )
        )
        .order_by("organization__name", "case_id")
    )
    return [(org, list(group)) for org, group in groupby(items, key=lambda i: i.organization)]


def agenda_item(item_id: Any) -> AgendaItem:
    try:
        return AgendaItem.objects.select_related("rakor").get(pk=int(item_id))
    except (AgendaItem.DoesNotExist, TypeError, ValueError):
        raise NotFound("Butir agenda tidak ditemukan.") from None


def reports_of(rakor: Rakor) -> QuerySet[RakorReport]:
    return rakor.reports.select_related("requested_by").order_by("-requested_at")


def report(report_id: Any) -> RakorReport:
    try:
        return RakorReport.objects.select_related("rakor").get(pk=int(report_id))
    except (RakorReport.DoesNotExist, TypeError, ValueError):
        raise NotFound("Laporan tidak ditemukan.") from None
