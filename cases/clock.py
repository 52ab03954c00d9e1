"""The services' clock.

Every timestamp a service writes comes from ``now()``. Tests and the demo loader run
services under ``frozen(at)`` to make a back-dated, but otherwise genuine, history.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_frozen: ContextVar[datetime | None] = ContextVar("tlr_clock", default=None)


def now() -> datetime:
    value = _frozen.get()
    return value if value is not None else timezone.now()


@contextmanager
def frozen(at: datetime) -> Iterator[datetime]:
    if timezone.is_naive(at):
        raise ValueError("frozen() needs an aware datetime")
    token = _frozen.set(at)
    try:
        yield at
    finally:
        _frozen.reset(token)
