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
