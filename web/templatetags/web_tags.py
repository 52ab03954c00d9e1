from django import template
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import CLOCK_STATES

register = template.Library()


@register.filter
def is_overdue(case, now) -> bool:
    return case.status in CLOCK_STATES and case.due_at is not None and case.due_at < now


@register.simple_tag
def status_class(status: str) -> str:
    return f"status status-{status.replace('_', '-')}"


@register.filter
def days_left_label(days) -> str:
    """'3 hari kerja lagi', 'hari ini', 'terlambat 2 hari kerja'."""
    if days is None:
        return "—"
    if days > 0:
        return ngettext("%(n)d hari kerja lagi", "%(n)d hari kerja lagi", days) % {"n": days}
    if days == 0:
        return _("hari ini")
    return ngettext("terlambat %(n)d hari kerja", "terlambat %(n)d hari kerja", -days) % {
        "n": -days
    }


@register.filter
def event_status_label(value: str) -> str:
    from cases.models import CaseStatus

    try:
        return CaseStatus(value).label
    except ValueError:
        return value


@register.filter
def urlencode_dict(params) -> str:
    """A dict of query parameters as a query string (values are escaped by urlencode)."""
    from urllib.parse import urlencode

    return urlencode(params or {})


@register.simple_tag
def unread_notifications(user) -> int:
    """The user's unread notifications, for the bell in the top bar (one COUNT query)."""
    from cases.selectors import unread_notification_count

    if user is None or not user.is_authenticated:
        return 0
    return unread_notification_count(user)


@register.simple_tag
def meeting_options(meetings, selected) -> str:
    """The ``<option>``s of the filter bar's Rakor list, made in one pass.

    Ten years of a province's meetings are a thousand options; a template loop with a date
    filter per option spent more on them than the dashboard's ten counts took (profiled at
    a million cases, docs/benchmarks.md). Same text as before: ``d M Y · title`` (the month
    in the interface's language, the title cut at 40 characters)."""
    selected_pk = getattr(selected, "pk", None)
    months: dict[tuple[int, int], str] = {}

    def label(meeting) -> str:
        day = meeting.date
        month = months.get((day.year, day.month))
        if month is None:
            month = months[(day.year, day.month)] = date_format(day.replace(day=1), "M Y")
        return f"{day.day:02d} {month} · {Truncator(meeting.title).chars(40)}"

    selected_attr = mark_safe(" selected")  # a constant
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (meeting.pk, selected_attr if meeting.pk == selected_pk else "", label(meeting))
            for meeting in meetings
        ),
    )
