"""Signals the domain sends for the interface layers (e.g. workflows keeps its tasks in step).

``case_changed`` is sent inside the service's transaction, after the case is saved and its
CaseEvent written, so a receiver's writes commit or roll back with the change itself.
Receivers must not hold business rules of the case: those live in cases.services.
"""

from django.dispatch import Signal

# sender=Case, case=Case, event=CaseEvent, actor=User | SystemActor
case_changed = Signal()

# sender=Case, event_ids=list[int]: events written without a transition of an existing case
# through the services' per-case path — the sweep's reminders and escalations (in bulk) and
# the creation of a case. Sent inside the writing transaction, like case_changed.
case_events_recorded = Signal()
