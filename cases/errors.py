"""Domain errors. Interfaces map them to HTTP: 400, 403, 404, 409, 412.

Messages are user-facing and go through gettext (Bahasa Indonesia by default).
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status_code = 400
    code = "invalid"

    def __init__(self, message: Any, *, field_errors: dict[str, list[Any]] | None = None):
        super().__init__(str(message))
        self.message = message
        self.field_errors = field_errors or {}

    def __str__(self) -> str:
        return str(self.message)


class InvalidInput(DomainError):
    """The input is wrong or incomplete (a missing reason, a date in the past, no evidence)."""

    status_code = 400
    code = "invalid"

    @classmethod
    def on(cls, field: str, message: Any) -> InvalidInput:
        return cls(message, field_errors={field: [message]})


class ActionForbidden(DomainError):
    """The actor may not do this to this case."""

    status_code = 403
    code = "permission_denied"


class NotFound(DomainError):
    """The object does not exist, or the user may not see it (the two look the same)."""

    status_code = 404
    code = "not_found"


class TransitionNotAllowed(DomainError):
    """The case's current state does not allow this transition."""

    status_code = 409
    code = "transition_not_allowed"


class ConcurrentChange(DomainError):
    """Somebody else changed the case at the same moment; nothing was saved."""

    status_code = 409
    code = "concurrent_change"


class StaleVersion(DomainError):
    """The client's copy is older than the stored case (If-Match mismatch)."""

    status_code = 412
    code = "precondition_failed"
