"""Who may do what to a case: the one place the rules live.

A rule names capacities. An actor holds a capacity towards a case:
- ``coordinator``: global role coordinator or admin (Bakesbangpol);
- ``org_member``: an active membership (officer or head) in the case's organization;
- ``org_head``: an active head membership in the case's organization;
- ``system``: a named system rule (``SystemActor``).
Auditors and the leadership hold none: they read, and fire nothing.
"""

from __future__ import annotations

from typing import Any

from accounts.models import GlobalRole

from .actors import SystemActor

COORDINATOR = "coordinator"
ORG_MEMBER = "org_member"
ORG_HEAD = "org_head"
SYSTEM = "system"

TRANSITION_RULES: dict[str, frozenset[str]] = {
    "dispatch": frozenset({COORDINATOR}),
    "accept": frozenset({ORG_MEMBER}),
    "decline": frozenset({ORG_MEMBER}),
    "reassign": frozenset({COORDINATOR}),
    "hold": frozenset({ORG_HEAD, COORDINATOR}),
    "resume": frozenset({ORG_HEAD, COORDINATOR, SYSTEM}),
    "report": frozenset({ORG_MEMBER}),
    "verify": frozenset({COORDINATOR}),
    "verify_ongoing": frozenset({COORDINATOR}),
    "send_back": frozenset({COORDINATOR}),
    "reopen": frozenset({COORDINATOR}),
    "cancel": frozenset({COORDINATOR}),
}

# Transitions after which a person would ask "why?". ``report`` requires its summary.
REASON_REQUIRED = frozenset(
    {"decline", "reassign", "hold", "send_back", "reopen", "cancel", "report"}
)

# Work on an open case that is not a transition (progress, evidence).
WORK_RULE = frozenset({ORG_MEMBER})


def membership_roles(user: Any) -> dict[int, str]:
    """The user's active memberships as {organization_id: role}, cached on the user object."""
    cached = getattr(user, "_tlr_memberships", None)
    if cached is None:
        from .models import Membership

        cached = dict(
            Membership.objects.filter(user_id=user.pk, is_active=True).values_list(
                "organization_id", "role"
            )
        )
        user._tlr_memberships = cached
    return cached


def forget_memberships(user: Any) -> None:
    if hasattr(user, "_tlr_memberships"):
        del user._tlr_memberships


def capacities(*, actor: Any, organization_id: int) -> frozenset[str]:
    if isinstance(actor, SystemActor):
        return frozenset({SYSTEM})
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return frozenset()
    held: set[str] = set()
    if actor.role in (GlobalRole.COORDINATOR, GlobalRole.ADMIN):
        held.add(COORDINATOR)
    role = membership_roles(actor).get(organization_id)
    if role is not None:
        held.add(ORG_MEMBER)
    if role == "head":
        held.add(ORG_HEAD)
    return frozenset(held)


def actor_may_fire(*, actor: Any, case: Any, transition: str) -> bool:
    allowed = TRANSITION_RULES.get(transition, frozenset())
    return bool(allowed & capacities(actor=actor, organization_id=case.organization_id))


def actor_may_work_on(*, actor: Any, case: Any) -> bool:
    return bool(WORK_RULE & capacities(actor=actor, organization_id=case.organization_id))


def actor_is_coordinator(actor: Any) -> bool:
    return (
        not isinstance(actor, SystemActor)
        and actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.role in (GlobalRole.COORDINATOR, GlobalRole.ADMIN)
    )
