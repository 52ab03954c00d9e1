from django import template

from cases.models import CLOCK_STATES

register = template.Library()


@register.filter
def is_overdue(case, now) -> bool:
    return case.status in CLOCK_STATES and case.due_at is not None and case.due_at < now


@register.simple_tag
def status_class(status: str) -> str:
    return f"status status-{status.replace('_', '-')}"
