"""Who may open the coordinator's and the auditor's pages, and small parsing helpers that
turn anything a user can type into a clear message instead of a 500."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from cases.calendar import WIB
from cases.errors import ActionForbidden, NotFound
from cases.permissions import actor_is_coordinator


def sees_everything(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.sees_everything)


def _guard(check: Callable[[Any], bool], message: str):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied(message)
            try:
                return view(request, *args, **kwargs)
            except NotFound as exc:
                raise Http404(str(exc)) from exc
            except ActionForbidden as exc:
                raise PermissionDenied(str(exc)) from exc

        return wrapped

    return decorator


def reader_required(view):
    """Coordinators, admins, auditors and the leadership: the roles that see every case."""
    return _guard(sees_everything, _("Halaman ini untuk koordinator, auditor, dan pimpinan."))(view)


def coordinator_required(view):
    """Coordinators and admins (Bakesbangpol): the only ones who write here."""
    return _guard(
        actor_is_coordinator, _("Hanya koordinator Bakesbangpol yang dapat melakukan ini.")
    )(view)


def parse_int(value: Any) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


# Dates outside these years are typing errors; they would also overflow the conversion of a
# WIB midnight to UTC at the edges of the calendar (year 1, year 9999).
YEARS = range(1900, 3000)


def parse_date(value: Any) -> date | None:
    text = str(value or "").strip()[:40]
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return day if day.year in YEARS else None
    return None


def parse_moment(value: Any) -> datetime | None:
    """A moment typed as a date (the end of that day, WIB) or a date and time (WIB)."""
    text = str(value or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            moment = datetime.strptime(text[:40], fmt).replace(tzinfo=WIB)
        except ValueError:
            continue
        return moment if moment.year in YEARS else None
    day = parse_date(text)
    if day is None:
        return None
    return datetime.combine(day, time(23, 59, 59, 999999), tzinfo=WIB)
