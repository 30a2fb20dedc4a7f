"""Background jobs of the API app: sending webhooks, and the sweep that retries the due ones."""

from django_tasks import task

from jincun.api import webhooks
from jincun.api.models import DeliveryStatus


@task()
def send_webhook(delivery_id: int) -> str:
    """Try one delivery now; after a failure, queue the next try for when its backoff ends."""
    status = webhooks.attempt(delivery_id)
    if status == DeliveryStatus.PENDING:
        next_at = (
            webhooks.WebhookDelivery.objects.filter(pk=delivery_id)
            .values_list("next_attempt_at", flat=True)
            .first()
        )
        if next_at is not None and send_webhook.get_backend().supports_defer:
            webhooks.enqueue_send(delivery_id, run_after=next_at)
    return status


@task()
def retry_due_webhooks() -> int:
    """The periodic sweep (`jincun webhooks-retry`, e.g. from cron every minute): catches anything a worker
    dropped; idempotent."""
    return webhooks.retry_due()
