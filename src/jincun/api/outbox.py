"""The webhook outbox: what is queued for a brand, and when it goes out.

A parcel state change (the parcels app's `parcel_state_changed` signal, connected in `ApiConfig.ready`) becomes
one `WebhookDelivery` per active endpoint of the parcel's brand, created inside the transaction that made the
change and handed to the send job (`tasks.send_webhook`) only after it commits. The sending itself — signing,
one attempt, backoff — is `webhooks`; this module sits above both so the import graph has no cycle:
`outbox → tasks → webhooks → models`.
"""

from __future__ import annotations

import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from jincun.api.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from jincun.api.tasks import enqueue_send
from jincun.parcels.notices import notice_payload

_brands_with_endpoints: tuple[float, frozenset[int]] | None = None
BRANDS_CACHE_SECONDS = 10.0


def forget_endpoints(**kwargs) -> None:
    """Drop the cached set of brands with endpoints (connected to endpoint saves and deletes)."""
    global _brands_with_endpoints
    _brands_with_endpoints = None


def _has_endpoints(brand_id: int) -> bool:
    """Scan ingest sends a signal per state change; most brands have no endpoint, so one cached query for
    the set of brands that do keeps the hot path free of a query per event. Another process's new endpoint
    is seen within `BRANDS_CACHE_SECONDS`."""
    global _brands_with_endpoints
    now = time.monotonic()
    if _brands_with_endpoints is None or now - _brands_with_endpoints[0] > BRANDS_CACHE_SECONDS:
        brands = WebhookEndpoint.objects.filter(active=True).values_list("brand_id", flat=True).distinct()
        _brands_with_endpoints = (now, frozenset(brands))
    return brand_id in _brands_with_endpoints[1]


def queue_notice(brand_id: int, event_key: str, payload: dict, waybill: str = "") -> list[WebhookDelivery]:
    """Create one delivery per active endpoint of the brand (once per `event_key`) and send after commit.

    Call inside the transaction that made the change: if it rolls back, no notice exists.
    """
    created = []
    if not _has_endpoints(brand_id):
        return created
    for endpoint in WebhookEndpoint.objects.filter(brand_id=brand_id, active=True):
        try:
            with transaction.atomic():
                delivery = WebhookDelivery.objects.create(
                    endpoint=endpoint,
                    event_key=event_key,
                    event_type=payload.get("type", "parcel.state_changed"),
                    waybill=waybill,
                    payload=payload,
                    next_attempt_at=timezone.now(),
                )
        except IntegrityError:
            continue
        created.append(delivery)
    for delivery in created:
        transaction.on_commit(lambda pk=delivery.pk: enqueue_send(pk))
    return created


def resend(delivery: WebhookDelivery) -> None:
    """Put a failed (or pending) delivery back in the queue now, from the delivery log page."""
    if delivery.status == DeliveryStatus.DELIVERED:
        return
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: enqueue_send(delivery.pk))


def on_state_changed(sender, parcel, event, old_state, new_state, **kwargs):
    """Queue a notice inside the caller's transaction; it is sent only after that transaction commits. The
    payload is built only for a brand with an endpoint (one signal per state change of a batch)."""
    if not _has_endpoints(parcel.brand_id):
        return
    queue_notice(
        parcel.brand_id,
        f"event:{event.pk}",
        notice_payload(parcel, event, old_state, new_state),
        waybill=parcel.waybill,
    )


def on_states_changed(sender, changes, **kwargs):
    """A scan batch's changes: the same notice per change as `on_state_changed`, built only for the brands
    that have an endpoint (most have none, and a batch carries up to thousands of changes)."""
    wanted: dict[int, bool] = {}
    for parcel, event, old_state, new_state in changes:
        brand_id = parcel.brand_id
        if brand_id not in wanted:
            wanted[brand_id] = _has_endpoints(brand_id)
        if wanted[brand_id]:
            on_state_changed(sender, parcel, event, old_state, new_state)
