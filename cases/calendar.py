"""Working days (hari kerja) in WIB.

A 5-day office works Monday to Friday, except national holidays and cuti bersama (the
``holidays`` package: country ID, categories public + government) and the local closures an
admin adds. A 7-day organization (Satpol PP, Damkar, the 112 line) works every day, except a
closure entered for that organization itself.

Conventions, chosen so the two functions invert each other:
- ``add_working_days(start, n)`` is the n-th working day strictly after ``start``'s date;
  n = 0 gives ``start``'s date itself.
- ``working_days_between(a, b)`` counts the working days d with a < d <= b (negative when
  b is before a).
So ``working_days_between(a, add_working_days(a, n)) == n`` for every n >= 0, and
``add_working_days(a, working_days_between(a, b)) == b`` for every working day b after a.

A deadline falls at the end of the working day (``settings.TLR["DEADLINE_TIME"]``, 16:00 WIB)
on its last working day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.db.models import Max, Q

WIB = ZoneInfo("Asia/Jakarta")
# Bounds of the arithmetic: a deadline further than this is a typing error, not a plan.
MAX_WORKING_DAYS = 2000


@lru_cache(maxsize=64)
def national_holidays(year: int) -> dict[date, str]:
    return dict(
        holidays.country_holidays(
            "ID", years=year, categories=("public", "government"), language="id"
        )
    )


def local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return value.astimezone(WIB).date()
    return value


def deadline_time() -> time:
    hours, minutes = settings.TLR["DEADLINE_TIME"].split(":")
    return time(int(hours), int(minutes))


def end_of_working_day(day: date) -> datetime:
    return datetime.combine(day, deadline_time(), tzinfo=WIB)


def calendar_version() -> str:
    """Identifies the calendar: the holidays package and the revision of local closures."""
    from .models import LocalClosure

    revision = LocalClosure.history.aggregate(rev=Max("history_id"))["rev"] or 0
    return f"holidays-{holidays.__version__}/local-{revision}"


@dataclass
class WorkingCalendar:
    work_week: int = 5
    closures: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def for_organization(cls, organization) -> WorkingCalendar:
        from .models import LocalClosure

        if organization is None:
            return cls(work_week=5, closures=cls._closures(LocalClosure, Q(organization=None)))
        if organization.work_week == 7:
            # A 7-day organization does not close for the city's closures, only for its own.
            scope = Q(organization_id=organization.pk)
        else:
            scope = Q(organization=None) | Q(organization_id=organization.pk)
        return cls(work_week=organization.work_week, closures=cls._closures(LocalClosure, scope))

    @staticmethod
    def _closures(model, scope: Q) -> frozenset[date]:
        return frozenset(model.objects.filter(scope).values_list("date", flat=True))

    def is_working_day(self, day: date) -> bool:
        if day in self.closures:
            return False
        if self.work_week == 7:
            return True
        return day.weekday() < 5 and day not in national_holidays(day.year)

    def add_working_days(self, start: date | datetime, n: int) -> date:
        if n < 0:
            raise ValueError("n must be >= 0")
        if n > MAX_WORKING_DAYS:
            raise ValueError(f"n must be <= {MAX_WORKING_DAYS}")
        day = local_date(start)
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, a: date | datetime, b: date | datetime) -> int:
        start, end = local_date(a), local_date(b)
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def working_day_before(self, day: date, k: int) -> date:
        """The k-th working day before ``day`` (so that working_days_between(it, day) == k
        when ``day`` is a working day)."""
        if k < 0:
            raise ValueError("k must be >= 0")
        remaining = k
        while remaining:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


class CalendarBook:
    """Every organization's calendar from a single query of the local closures.

    For work over many cases (the sweep): ``for_organization`` then costs no query.
    """

    def __init__(self) -> None:
        from .models import LocalClosure

        city: set[date] = set()
        own: dict[int, set[date]] = {}
        for day, organization_id in LocalClosure.objects.values_list("date", "organization_id"):
            if organization_id is None:
                city.add(day)
            else:
                own.setdefault(organization_id, set()).add(day)
        self._city = frozenset(city)
        self._own = {key: frozenset(days) for key, days in own.items()}
        self._made: dict[tuple[int | None, int], WorkingCalendar] = {}

    def get(self, organization_id: int | None, work_week: int = 5) -> WorkingCalendar:
        key = (organization_id, work_week)
        calendar = self._made.get(key)
        if calendar is None:
            own = self._own.get(organization_id, frozenset())
            closures = own if work_week == 7 else self._city | own
            calendar = self._made[key] = WorkingCalendar(work_week=work_week, closures=closures)
        return calendar


def add_working_days(start: date | datetime, n: int, organization=None) -> date:
    return WorkingCalendar.for_organization(organization).add_working_days(start, n)


def working_days_between(a: date | datetime, b: date | datetime, organization=None) -> int:
    return WorkingCalendar.for_organization(organization).working_days_between(a, b)
