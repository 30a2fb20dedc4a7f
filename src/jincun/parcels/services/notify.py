"""The SMS outbox: rows written in the service's transaction, handed to the gateway after commit."""

from __future__ import annotations

import threading

from django.db import connection, transaction
from django.utils import timezone

from jincun.core.bulk import insert_rows
from jincun.parcels import sms
from jincun.parcels.choices import SmsStatus
from jincun.parcels.models import SmsMessage

_local = threading.local()


def enqueue_sms(parcel, template: str, phone: str, **values) -> SmsMessage:
    return enqueue_sms_many([(parcel, template, phone, values)])[0]


def enqueue_sms_many(messages) -> list[SmsMessage]:
    """Outbox rows for a batch of (parcel, template, phone, values) in one bulk insert; sent after commit."""
    rows = [
        SmsMessage(
            parcel_id=getattr(parcel, "pk", None),  # the id only: the relation is not read here
            phone=phone,
            template=template,
            text=sms.render(template, phone, **values)[:500],
        )
        for parcel, template, phone, values in messages
    ]
    if not rows:
        return rows
    insert_rows(rows)
    if getattr(_local, "pending", None) is None:
        _local.pending = []
    if rows[0].pk is None:  # a backend without RETURNING: the newest queued rows are ours
        ids = list(SmsMessage.objects.order_by("-id").values_list("id", flat=True)[: len(rows)])
        _local.pending.extend(sorted(ids))
    else:
        _local.pending.extend(r.pk for r in rows)
    transaction.on_commit(_flush)  # the first callback after commit sends them all; the rest find none
    return rows


def _flush() -> None:
    """One send per committed transaction, whatever the number of messages it queued."""
    ids, _local.pending = getattr(_local, "pending", None) or [], None
    for start in range(0, len(ids), 500):
        send_queued(ids[start : start + 500])


def send_queued(ids=None, limit: int = 500) -> int:
    """Send queued messages (the given ones, or the oldest `limit`); failures stay visible with the error."""
    qs = SmsMessage.objects.filter(status=SmsStatus.QUEUED).order_by("id")
    if ids is not None:
        qs = qs.filter(pk__in=ids[:limit])
    gw = sms.gateway()
    with transaction.atomic():
        return _send(qs[:limit].values_list("pk", "phone", "text"), gw)


def _send(messages, gw) -> int:
    """Each (id, phone, text) to the gateway in turn, then every outcome stored in one executemany."""
    sent, rows, name = 0, [], getattr(gw, "name", type(gw).__name__)[:16]
    adapt = connection.ops.adapt_datetimefield_value
    for pk, phone, text in messages:
        try:
            gw.send(phone, text)
        except Exception as exc:  # a gateway failure must not lose the message
            rows.append((SmsStatus.FAILED, str(exc)[:200], None, name, pk))
        else:
            rows.append((SmsStatus.SENT, "", adapt(timezone.now()), name, pk))
            sent += 1
    if rows:
        with connection.cursor() as cur:
            cur.executemany(
                f"UPDATE {SmsMessage._meta.db_table} SET status = %s, error = %s, sent_at = %s, gateway = %s "
                "WHERE id = %s",
                rows,
            )
    return sent
