"""Working days in WIB. The tables are written by hand from the 2026 calendar:
holidays 1 Jan, 16 Jan, 17 Feb, 19 Mar, 21–22 Mar, 3 Apr, 5 Apr, 1 May, 14 May, 27 May,
31 May, 1 Jun, 16 Jun, 17 Aug, 25 Aug, 25 Dec; cuti bersama 16 Feb, 18 Mar, 20 Mar,
23–24 Mar, 15 May, 28 May, 24 Dec."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.calendar import (
    WIB,
    WorkingCalendar,
    add_working_days,
    calendar_version,
    national_holidays,
    working_days_between,
)
from cases.models import LocalClosure
from tests.factories import OrganizationFactory

FIVE = WorkingCalendar(work_week=5)
SEVEN = WorkingCalendar(work_week=7)

ADD_TABLE = [
    # (start, n, expected)                       why
    (date(2026, 1, 28), 10, date(2026, 2, 11)),  # the Rakor: 10 plain working days
    (date(2026, 2, 13), 2, date(2026, 2, 19)),  # Imlek: 16 cuti, 17 holiday
    (date(2026, 3, 13), 5, date(2026, 3, 27)),  # Nyepi + Lebaran: 18–24 Mar closed
    (date(2026, 3, 16), 3, date(2026, 3, 26)),
    (date(2026, 3, 17), 1, date(2026, 3, 25)),
    (date(2026, 3, 21), 1, date(2026, 3, 25)),  # from a Saturday inside Lebaran
    (date(2026, 5, 13), 2, date(2026, 5, 19)),  # Kenaikan 14 + cuti 15 May
    (date(2026, 5, 26), 1, date(2026, 5, 29)),  # Idul Adha 27 + cuti 28 May
    (date(2026, 5, 29), 1, date(2026, 6, 2)),  # Waisak Sun 31, Pancasila Mon 1 Jun
    (date(2026, 12, 22), 3, date(2026, 12, 29)),  # cuti 24 + Natal 25 Dec
    (date(2026, 12, 23), 1, date(2026, 12, 28)),
    (date(2026, 12, 31), 1, date(2027, 1, 4)),  # New Year 2027 on a Friday
    (date(2026, 3, 19), 0, date(2026, 3, 19)),  # n = 0: the start itself
]


@pytest.mark.parametrize(("start", "n", "expected"), ADD_TABLE)
def test_add_working_days_five_day_office(start, n, expected):
    assert FIVE.add_working_days(start, n) == expected


BETWEEN_TABLE = [
    (date(2026, 3, 16), date(2026, 3, 27), 4),  # 17, 25, 26, 27
    (date(2026, 3, 17), date(2026, 3, 24), 0),  # all closed
    (date(2026, 12, 23), date(2026, 12, 31), 4),  # 28, 29, 30, 31
    (date(2026, 2, 13), date(2026, 2, 18), 1),
    (date(2026, 2, 18), date(2026, 2, 13), -1),
    (date(2026, 6, 5), date(2026, 6, 5), 0),
]


@pytest.mark.parametrize(("a", "b", "expected"), BETWEEN_TABLE)
def test_working_days_between_five_day_office(a, b, expected):
    assert FIVE.working_days_between(a, b) == expected


def test_seven_day_organization_counts_every_day_even_lebaran():
    assert SEVEN.add_working_days(date(2026, 3, 19), 3) == date(2026, 3, 22)
    assert SEVEN.working_days_between(date(2026, 3, 17), date(2026, 3, 24)) == 7


def test_holidays_come_in_indonesian_with_cuti_bersama():
    days = national_holidays(2026)
    assert days[date(2026, 3, 23)] == "Cuti Bersama Hari Raya Idul Fitri"
    assert days[date(2026, 12, 25)] == "Hari Raya Natal"
    assert date(2026, 12, 24) in days


def test_datetime_start_uses_the_wib_date():
    # 23:30 UTC on 1 Feb is already Monday 2 Feb in WIB
    start = datetime(2026, 2, 1, 23, 30, tzinfo=WIB) - timedelta(hours=7)
    assert start.astimezone(WIB).date() == date(2026, 2, 1)
    late = datetime(2026, 2, 2, 6, 30, tzinfo=WIB)
    assert FIVE.add_working_days(late, 1) == date(2026, 2, 3)


def test_working_day_before():
    assert FIVE.working_day_before(date(2026, 3, 26), 2) == date(2026, 3, 17)
    assert FIVE.working_day_before(date(2026, 2, 5), 3) == date(2026, 2, 2)


def test_negative_and_huge_counts_are_refused():
    with pytest.raises(ValueError):
        FIVE.add_working_days(date(2026, 1, 1), -1)
    with pytest.raises(ValueError):
        FIVE.add_working_days(date(2026, 1, 1), 100_000)


# --- local closures and the calendar version ---------------------------------------------------


def test_local_closure_applies_to_the_city_and_its_own_organization(db):
    office = OrganizationFactory(code="dinas-x", work_week=5)
    satpol = OrganizationFactory(code="satpol-x", work_week=7)
    LocalClosure.objects.create(date=date(2026, 7, 6), name="Libur lokal")
    LocalClosure.objects.create(date=date(2026, 7, 8), name="Apel khusus", organization=satpol)
    # Fri 3 Jul + 1 → Mon 6 is closed for the city → Tue 7
    assert add_working_days(date(2026, 7, 3), 1, office) == date(2026, 7, 7)
    # a 7-day organization ignores the city's closure but not its own
    assert add_working_days(date(2026, 7, 5), 1, satpol) == date(2026, 7, 6)
    assert working_days_between(date(2026, 7, 7), date(2026, 7, 9), satpol) == 1


def test_calendar_version_changes_when_a_closure_is_added(db):
    before = calendar_version()
    LocalClosure.objects.create(date=date(2026, 7, 6), name="Libur lokal")
    after = calendar_version()
    assert before != after
    assert after.startswith("holidays-0.109/local-")


def test_a_deadline_keeps_the_calendar_it_was_computed_with(world):
    case = world.case(state="assigned")
    version = case.due_calendar_version
    due = case.due_at
    LocalClosure.objects.create(date=date(2026, 2, 3), name="Libur lokal baru")
    case.refresh_from_db()
    assert (case.due_at, case.due_calendar_version) == (due, version)


# --- the two functions invert each other --------------------------------------------------------

starts = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
calendars = st.sampled_from([FIVE, SEVEN, WorkingCalendar(5, frozenset({date(2026, 7, 6)}))])


@settings(max_examples=300, deadline=None)
@given(start=starts, n=st.integers(min_value=0, max_value=250), calendar=calendars)
def test_between_inverts_add(start, n, calendar):
    assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n


@settings(max_examples=300, deadline=None)
@given(start=starts, offset=st.integers(min_value=1, max_value=400), calendar=calendars)
def test_add_inverts_between_on_working_days(start, offset, calendar):
    end = calendar.next_working_day(start + timedelta(days=offset))
    assert calendar.add_working_days(start, calendar.working_days_between(start, end)) == end
