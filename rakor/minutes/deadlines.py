"""Deadline phrases → a date, counted on the working-day calendar.

Every result says which phrase it read and how it counted. A date that is not a working
day moves to the working day before it ("paling lambat" means by then).
"""

from __future__ import annotations

import calendar as monthcal
import re
from dataclasses import dataclass
from datetime import date, timedelta

from cases.calendar import MAX_WORKING_DAYS, WorkingCalendar, national_holidays

# "segera" with no date: this many working days after the meeting.
SOON_WORKING_DAYS = 5

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "maret": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "agus": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
}
DAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
}
NUMBER_WORDS = {
    "satu": 1,
    "se": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "empat belas": 14,
    "lima belas": 15,
    "dua puluh": 20,
    "tiga puluh": 30,
}
# Holidays a directive may be due before: phrase → words in the holiday's Indonesian name.
FEASTS = {
    r"lebaran|idul\s*fitri|idulfitri|hari\s+raya": "idul fitri",
    r"idul\s*adha|iduladha|lebaran\s+haji": "idul adha",
    r"natal": "natal",
    r"tahun\s+baru|nataru": "tahun baru masehi",
    r"17\s+agustus|hut\s+ri|hari\s+kemerdekaan": "kemerdekaan",
    r"nyepi": "nyepi",
    r"waisak": "waisak",
}

BY = (
    r"(?:paling\s+lambat|selambat[\s-]*lambatnya|maks(?:imal)?|max|sebelum|sblm|sampai|"
    r"s\.?d\.?|hingga|batas(?:\s+waktu)?|tenggat|pada|tanggal|tgl\.?|per)"
)
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
DAY_NAMES = "jum'at|jumat|senin|selasa|rabu|kamis|sabtu|minggu|ahad"
NUM = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class DeadlineSuggestion:
    due: date
    phrase: str
    reason: str
    start: int
    end: int


def _number(token: str) -> int | None:
    token = token.lower().strip()
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


def _on_or_before(day: date, calendar: WorkingCalendar) -> date:
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _last_working_day_of_month(year: int, month: int, calendar: WorkingCalendar) -> date:
    last = date(year, month, monthcal.monthrange(year, month)[1])
    return _on_or_before(last, calendar)


def _end_of_week(day: date, weeks_ahead: int, calendar: WorkingCalendar) -> date:
    friday = day + timedelta(days=(4 - day.weekday()) + 7 * weeks_ahead)
    return _on_or_before(friday, calendar)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _feast(meeting: date, words: str) -> tuple[date, str] | None:
    for year in (meeting.year, meeting.year + 1):
        for day, name in sorted(national_holidays(year).items()):
            lowered = name.lower()
            if day >= meeting and words in lowered and not lowered.startswith("cuti bersama"):
                return day, name
    return None


def _patterns():
    return [
        (
            "date",
            re.compile(
                rf"(?:{BY}\s+)?(?:(?:hari\s+)?(?:{DAY_NAMES}),?\s+)?(?:tanggal\s+|tgl\.?\s*)?"
                rf"(\d{{1,2}})\s+({MONTH_NAMES})\.?(?:\s+(\d{{4}}))?(?![\w])",
                re.I,
            ),
        ),
        (
            "numeric",
            re.compile(
                rf"{BY}\s+(?:tanggal\s+|tgl\.?\s*)?(\d{{1,2}})[/\-.](\d{{1,2}})(?:[/\-.](\d{{2,4}}))?(?![\w/])",
                re.I,
            ),
        ),
        (
            "feast",
            re.compile(
                r"(?:sebelum|sblm|menjelang|jelang|paling\s+lambat|sampai|hingga)\s+(?:hari\s+raya\s+)?("
                + "|".join(FEASTS)
                + r")",
                re.I,
            ),
        ),
        (
            "within",
            re.compile(
                rf"(?:dalam(?:\s+waktu)?|maks(?:imal)?|max|paling\s+lama|selama|waktu)\s+{NUM}\s*"
                r"(hari\s+kerja|hari|minggu|pekan|bulan)",
                re.I,
            ),
        ),
        ("bare_span", re.compile(rf"(?<![\w]){NUM}\s+(hari\s+kerja|minggu|pekan)(?![\w])", re.I)),
        (
            "next_week_day",
            re.compile(rf"(?:hari\s+|hr\s+)?({DAY_NAMES})\s+(?:minggu|pekan)\s+(depan|ini)", re.I),
        ),
        ("week", re.compile(r"(?:minggu|pekan)\s+(ini|depan)", re.I)),
        (
            "month_end",
            re.compile(rf"akhir\s+(bulan\s+ini|bulan\s+depan|bulan|tahun|(?:{MONTH_NAMES}))", re.I),
        ),
        ("month", re.compile(r"bulan\s+(ini|depan)", re.I)),
        (
            "next_meeting",
            re.compile(
                r"(?:sebelum|pada|dalam)\s+(?:rakor|rapat)\s+(?:berikutnya|bulan\s+depan|selanjutnya)",
                re.I,
            ),
        ),
        ("tomorrow", re.compile(r"(?<![\w])(besok|hari\s+ini|lusa)(?![\w])", re.I)),
        ("weekday", re.compile(rf"(?:hari\s+|hr\s+)({DAY_NAMES})(?![\w])", re.I)),
        (
            "soon",
            re.compile(
                r"(?<![\w])(segera|secepatnya|sesegera\s+mungkin|secepat\s+mungkin|asap)(?![\w])",
                re.I,
            ),
        ),
    ]


PATTERNS = _patterns()


def _resolve(kind: str, match: re.Match[str], meeting: date, cal: WorkingCalendar):
    """(due, explanation) for one matched phrase, or None when it does not make a date."""
    g = match.groups()
    if kind == "date":
        day, month, year = int(g[0]), MONTHS[g[1].lower().rstrip(".")], g[2]
        if year:
            when = _safe_date(int(year), month, day)
        else:
            when = _safe_date(meeting.year, month, day)
            if when is not None and when < meeting:
                when = _safe_date(meeting.year + 1, month, day)
        if when is None:
            return None
        return when, "tanggal yang disebut"
    if kind == "numeric":
        day, month = int(g[0]), int(g[1])
        year = int(g[2]) if g[2] else meeting.year
        if year < 100:
            year += 2000
        when = _safe_date(year, month, day) if 1 <= month <= 12 else None
        if when is None:
            return None
        if not g[2] and when < meeting:
            when = _safe_date(year + 1, month, day)
        return when, "tanggal yang disebut"
    if kind == "feast":
        key = next(
            (words for pattern, words in FEASTS.items() if re.fullmatch(pattern, g[0], re.I)), None
        )
        found = _feast(meeting, key) if key else None
        if found is None:
            return None
        feast_day, name = found
        return feast_day - timedelta(
            days=1
        ), f"hari kerja terakhir sebelum {name} ({feast_day:%d-%m-%Y})"
    if kind in ("within", "bare_span"):
        count = _number(g[0])
        unit = g[1].lower()
        if not count:
            return None
        if unit.startswith("hari") and "kerja" in unit:
            days = count
            how = f"{count} hari kerja setelah rakor"
        elif unit.startswith("hari"):
            target = meeting + timedelta(days=count)
            return target, f"{count} hari kalender setelah rakor"
        elif unit in ("minggu", "pekan"):
            days = count * 5
            how = f"{count} minggu = {days} hari kerja setelah rakor"
        else:
            days = count * 20
            how = f"{count} bulan ≈ {days} hari kerja setelah rakor"
        if days > MAX_WORKING_DAYS:
            return None
        return cal.add_working_days(meeting, days), how
    if kind == "next_week_day":
        weekday = DAYS[g[0].lower()]
        ahead = 1 if g[1].lower() == "depan" else 0
        monday = meeting - timedelta(days=meeting.weekday()) + timedelta(days=7 * ahead)
        return monday + timedelta(days=weekday), f"hari {g[0]} minggu {g[1].lower()}"
    if kind == "week":
        ahead = 1 if g[0].lower() == "depan" else 0
        return _end_of_week(meeting, ahead, cal), f"hari kerja terakhir minggu {g[0].lower()}"
    if kind == "month_end":
        what = g[0].lower()
        if what.startswith("tahun"):
            return _last_working_day_of_month(
                meeting.year, 12, cal
            ), "hari kerja terakhir tahun ini"
        if "depan" in what:
            month = meeting.month % 12 + 1
            year = meeting.year + (1 if meeting.month == 12 else 0)
            return _last_working_day_of_month(year, month, cal), "hari kerja terakhir bulan depan"
        if what.startswith("bulan"):
            return _last_working_day_of_month(
                meeting.year, meeting.month, cal
            ), "hari kerja terakhir bulan ini"
        month = MONTHS[what]
        year = meeting.year if month >= meeting.month else meeting.year + 1
        return _last_working_day_of_month(year, month, cal), f"hari kerja terakhir bulan {g[0]}"
    if kind == "month":
        if g[0].lower() == "ini":
            return _last_working_day_of_month(
                meeting.year, meeting.month, cal
            ), "hari kerja terakhir bulan ini"
        month = meeting.month % 12 + 1
        year = meeting.year + (1 if meeting.month == 12 else 0)
        return _last_working_day_of_month(year, month, cal), "hari kerja terakhir bulan depan"
    if kind == "next_meeting":
        month = meeting.month % 12 + 1
        year = meeting.year + (1 if meeting.month == 12 else 0)
        day = min(meeting.day, monthcal.monthrange(year, month)[1])
        return date(year, month, day) - timedelta(
            days=1
        ), "sebelum rakor bulan berikutnya (perkiraan: sebulan setelah rakor ini)"
    if kind == "tomorrow":
        word = g[0].lower()
        if word.startswith("hari"):
            return meeting, "hari rakor itu sendiri"
        return cal.add_working_days(
            meeting, 2 if word == "lusa" else 1
        ), f"{word}: hari kerja berikutnya"
    if kind == "weekday":
        weekday = DAYS[g[0].lower()]
        delta = (weekday - meeting.weekday()) % 7 or 7
        return meeting + timedelta(days=delta), f"hari {g[0]} berikutnya setelah rakor"
    if kind == "soon":
        return cal.add_working_days(
            meeting, SOON_WORKING_DAYS
        ), f"“{g[0]}” dibaca {SOON_WORKING_DAYS} hari kerja setelah rakor"
    return None


def find_deadline(
    text: str, *, meeting: date, calendar: WorkingCalendar | None = None
) -> DeadlineSuggestion | None:
    """The first deadline phrase by precedence (a date beats "segera"), or None."""
    cal = calendar or WorkingCalendar(work_week=5)
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            try:
                resolved = _resolve(kind, match, meeting, cal)
            except (ValueError, OverflowError, KeyError):
                resolved = None
            if resolved is None:
                continue
            due, how = resolved
            if due.year > meeting.year + 5:
                continue
            working = _on_or_before(due, cal) if due >= meeting else due
            if working < meeting:
                continue
            reason = f"Frasa “{match.group(0).strip()}”: {how}"
            if working != due:
                reason += f"; {due:%d-%m-%Y} bukan hari kerja, dimajukan ke {working:%d-%m-%Y}"
            else:
                reason += f" → {working:%d-%m-%Y}"
            return DeadlineSuggestion(
                working, match.group(0).strip(), reason, match.start(), match.end()
            )
    return None
