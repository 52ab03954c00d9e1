"""huey tasks of the API: webhook delivery. Thin: ids in, re-read, idempotent."""

from huey.contrib.djhuey import db_task

from . import webhooks


@db_task(
    retries=webhooks.RETRIES,
    retry_delay=webhooks.RETRY_DELAY,
    retry_backoff=webhooks.RETRY_BACKOFF,
)
def deliver_webhook(delivery_id: int) -> str:
    """Send one webhook delivery; a failure raises so huey retries with backoff."""
    return webhooks.attempt_delivery(delivery_id)
