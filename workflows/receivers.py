"""The workflows layer listens to the domain; it holds no business rule of the case."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from cases.signals import case_changed

from .sync import sync_case_tasks


@receiver(case_changed, dispatch_uid="workflows.sync_case_tasks")
def follow_case_status(sender: Any, *, case: Any, event: Any, actor: Any, **kwargs: Any) -> None:
    sync_case_tasks(case=case, actor=actor, event=event)
