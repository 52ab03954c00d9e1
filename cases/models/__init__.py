from .areas import Area, AreaAlias, AreaLevel
from .case import CLOCK_STATES, OPEN_STATES, TRANSITION_LABELS, Case, CaseRole, CaseStatus, Priority
from .escalation import AuditRoot, Escalation, EscalationRule, LocalClosure, Notification
from .meetings import Directive, DirectiveType, Rakor, RakorMode, RakorSeries, RakorStatus
from .organizations import (
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    OrganizationName,
)
from .records import (
    CaseEvent,
    EventKind,
    Evidence,
    EvidenceKind,
    ExtensionRequest,
    Hold,
    ProgressUpdate,
    RequestStatus,
)

__all__ = [
    "CLOCK_STATES",
    "OPEN_STATES",
    "TRANSITION_LABELS",
    "Area",
    "AreaAlias",
    "AreaLevel",
    "AuditRoot",
    "Case",
    "CaseEvent",
    "CaseRole",
    "CaseStatus",
    "Directive",
    "DirectiveType",
    "Escalation",
    "EscalationRule",
    "EventKind",
    "Evidence",
    "EvidenceKind",
    "ExtensionRequest",
    "Hold",
    "LocalClosure",
    "Membership",
    "MembershipRole",
    "Notification",
    "Organization",
    "OrganizationKind",
    "OrganizationName",
    "Priority",
    "ProgressUpdate",
    "Rakor",
    "RakorMode",
    "RakorSeries",
    "RakorStatus",
    "RequestStatus",
]
