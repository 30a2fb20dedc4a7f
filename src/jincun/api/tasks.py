"""Background jobs of the API app: sending one webhook delivery, retried after its backoff."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from jincun.api import webhooks
from jincun.api.models import DeliveryStatus, WebhookDelivery


@task()
def send_webhook(delivery_id: int) -> str:
    """Try one delivery now; after a failure, queue the next try for when its backoff ends."""
    status = webhooks.attempt(delivery_id)
    if status == DeliveryStatus.PENDING:
        next_at = (
            WebhookDelivery.objects.filter(pk=delivery_id).values_list("next_attempt_at", flat=True).first()
        )
        if next_at is not None and send_webhook.get_backend().supports_defer:
            enqueue_send(delivery_id, run_after=next_at)
    return status


def enqueue_send(delivery_id: int, run_after: dt.datetime | None = None) -> None:
    """Hand a delivery to the job queue (deferred to `run_after` when the backend can defer)."""
    job = send_webhook
    if run_after is not None and job.get_backend().supports_defer:
        job = job.using(run_after=run_after)
    job.enqueue(delivery_id)


@task()
def evening_chain() -> dict:
    """Tonight's evening chain (`jincun.api.evening`), then queue tomorrow's; once per day whatever runs it."""
    from django.db import transaction

    from jincun.api.evening import run_evening

    transaction.on_commit(ensure_evening_chain)
    return run_evening()


def ensure_evening_chain() -> bool:
    """Queue the next evening's chain (20:00 Asia/Shanghai) unless one waits already."""
    from jincun.core.periodic import ensure_queued
    from jincun.routing.tasks import next_evening

    return ensure_queued(evening_chain, run_after=next_evening())
