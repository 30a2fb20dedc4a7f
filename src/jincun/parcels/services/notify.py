"""The SMS outbox: rows written in the service's transaction, handed to the gateway after commit."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jincun.parcels import sms
from jincun.parcels.choices import SmsStatus
from jincun.parcels.models import SmsMessage


def enqueue_sms(parcel, template: str, phone: str, **values) -> SmsMessage:
    message = SmsMessage.objects.create(
        parcel=parcel, phone=phone, template=template, text=sms.render(template, phone, **values)[:500]
    )
    transaction.on_commit(lambda: send_queued([message.pk]))
    return message


def send_queued(ids=None, limit: int = 500) -> int:
    """Send queued messages (the given ones, or the oldest `limit`); failures stay visible with the error."""
    qs = SmsMessage.objects.filter(status=SmsStatus.QUEUED).order_by("id")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    gw, sent = sms.gateway(), 0
    for message in qs[:limit]:
        try:
            gw.send(message.phone, message.text)
        except Exception as exc:  # a gateway failure must not lose the message
            message.status, message.error = SmsStatus.FAILED, str(exc)[:200]
        else:
            message.status, message.sent_at, sent = SmsStatus.SENT, timezone.now(), sent + 1
        message.gateway = getattr(gw, "name", type(gw).__name__)[:16]
        message.save(update_fields=["status", "error", "sent_at", "gateway"])
    return sent
