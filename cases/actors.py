"""Who acts: a person (a ``User``) or a named system rule (``SystemActor``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class SystemActor:
    """A rule of the system acting on its own, named in the record (e.g. the escalation sweep)."""

    name: str
    is_authenticated = True
    is_active = True
    is_system = True
    pk = None


Actor = Union["User", SystemActor]

AUTO_RESUME = SystemActor("Sistem: lanjut otomatis setelah masa tunda")


def actor_label(actor: Actor) -> str:
    if isinstance(actor, SystemActor):
        return actor.name
    full_name = actor.get_full_name()
    return f"{full_name} ({actor.username})" if full_name else actor.username


def actor_user(actor: Actor) -> User | None:
    return None if isinstance(actor, SystemActor) else actor
