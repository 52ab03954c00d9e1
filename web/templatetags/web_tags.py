from django import template
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
