"""Row locks, in one place. Always lock cases in ascending id order to avoid deadlocks."""

from __future__ import annotations

from collections.abc import Iterable

from .errors import NotFound
from .models import Case


def lock_case(case_id: int) -> Case:
    """Lock one case for the rest of the current transaction and return its fresh row."""
    try:
        return (
            Case.objects.select_for_update()
            .select_related("directive__directive_type", "directive__rakor", "organization")
            .get(pk=case_id)
        )
    except Case.DoesNotExist as exc:
        raise NotFound("Kasus tidak ditemukan.") from exc


def lock_cases(case_ids: Iterable[int]) -> list[Case]:
    return list(
        Case.objects.select_for_update().filter(pk__in=sorted(set(case_ids))).order_by("pk")
    )
