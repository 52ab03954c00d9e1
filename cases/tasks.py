"""Background work (huey). Tasks take ids, re-read, and are idempotent (HOUSE_STYLE: tasks
are thin): a duplicate run, or a run from a second consumer, does nothing twice; a lost
periodic run is caught up by the next one, because the sweep works from what is due, not
from what happened since the last run."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import notifications, sweep

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/5"))
def sweep_periodic() -> dict:
    result = sweep.run_sweep()
    logger.info("sweep: %s", result.as_dict())
    return result.as_dict()


@db_task()
def notify_events(event_ids: list[int]) -> int:
    """Create the in-app notifications of these events and queue their emails."""
    created = notifications.create_for_events(event_ids)
    for notification_id in created:
        send_notification_email(notification_id)
    return len(created)


@db_task(retries=3, retry_delay=120)
def send_notification_email(notification_id: int) -> bool:
    # Outside working hours this does nothing; the outbox below mails it in the morning.
    return notifications.send_email(notification_id)


@db_periodic_task(crontab(minute="*/5"))
def email_outbox() -> int:
    return notifications.send_due_emails()


@db_periodic_task(crontab(hour="16", minute="55"))  # 23:55 WIB (huey's crontab is UTC here)
def audit_root_daily():
    from . import audit

    root = audit.record_root()
    return {"day": root.day.isoformat(), "root": root.root, "chains": root.chains}
