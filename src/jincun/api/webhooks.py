"""Webhooks to brands: signed notices of parcel state changes, retried until the brand answers.

This module sends (sign, attempt once, back off); `outbox` queues notices and `tasks` runs the sends.

Signature (header `X-Jincun-Signature: t=<unix seconds>,v1=<hex>`): HMAC-SHA256 with the endpoint secret over
`"<t>.<raw body>"`, as Stripe does, so a receiver can refuse replays older than a few minutes
(`verify_signature`). Each attempt is recorded on the `WebhookDelivery` row; a failed attempt schedules the
next one `BACKOFF_BASE · 2^(attempts-1)` later (capped), so an endpoint that is down loses nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from jincun.api.models import DeliveryStatus, WebhookDelivery

SIGNATURE_HEADER = "X-Jincun-Signature"
BACKOFF_BASE = dt.timedelta(seconds=30)
BACKOFF_CAP = dt.timedelta(hours=6)
MAX_ATTEMPTS = 12  # ≈ 1.5 days of retries with the schedule above
TIMEOUT_SECONDS = 10
TOLERANCE_SECONDS = 300


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The header value for `body` sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify_signature(secret: str, body: bytes, header: str, now: int | None = None) -> bool:
    """What a brand's receiver should do: recompute, compare in constant time, refuse stale timestamps."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError):
        return False
    now = int(time.time()) if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = sign(secret, body, timestamp).split("v1=", 1)[1]
    return hmac.compare_digest(expected, given)


def backoff(attempts: int) -> dt.timedelta:
    """Wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min, … capped at 6 h."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


@dataclass
class Answer:
    status_code: int | None
    body: str = ""
    error: str = ""


def http_post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """The real transport (stdlib only). Tests pass their own `transport` or run a local server."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (brand URL)
            return Answer(response.status, response.read(500).decode("utf-8", "replace"))
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, exc.read(500).decode("utf-8", "replace"), f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return Answer(None, "", f"{type(exc).__name__}: {exc}"[:300])


Transport = Callable[[str, bytes, dict[str, str]], Answer]


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


LEASE = dt.timedelta(seconds=TIMEOUT_SECONDS * 6)


def attempt(delivery_id: int, transport: Transport | None = None, now: dt.datetime | None = None) -> str:
    """Send one due delivery once and record the outcome; returns the row's status afterwards.

    The HTTP call happens outside any transaction (SQLite holds one writer; a slow brand must not stall
    scanning). Two workers never send the same notice at once: each first claims the row by moving its
    `next_attempt_at` forward with a conditional UPDATE, and only the one that changed the row sends.
    """
    transport = transport or http_post
    now = now or timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    if not claimed:
        return delivery.status
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Jincun-Webhooks/1",
        "X-Jincun-Event": delivery.event_type,
        "X-Jincun-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, body, int(now.timestamp())),
    }
    answer = transport(delivery.endpoint.url, body, headers)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status_code = answer.status_code
    delivery.last_response = (answer.body or "")[:500]
    delivery.last_error = (answer.error or "")[:300]
    if answer.status_code is not None and 200 <= answer.status_code < 300:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.status = DeliveryStatus.PENDING
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "last_status_code",
            "last_response",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return delivery.status


def due(now: dt.datetime | None = None):
    """Pending deliveries whose next attempt time has come (the periodic sweep's work list)."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).order_by(
        "next_attempt_at", "pk"
    )


def retry_due(now: dt.datetime | None = None, transport: Transport | None = None, limit: int = 500) -> int:
    """Attempt every due delivery once; idempotent, safe to run from cron or a worker loop."""
    ids = list(due(now).values_list("pk", flat=True)[:limit])
    for pk in ids:
        attempt(pk, transport=transport, now=now)
    return len(ids)
