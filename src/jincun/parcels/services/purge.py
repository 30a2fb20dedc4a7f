"""Retention of personal data: signed parcels lose the recipient's name, phone and address after a
configurable period (`JINCUN_PURGE_AFTER_DAYS`, default 180 — our default, the references do not fix one;
confirm with the local 邮政管理局). Counts, villages, states and the scan history stay for the statistics.

Idempotent: a parcel already purged has nothing left to clear, and a run that clears nothing logs nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from jincun.parcels.choices import State
from jincun.parcels.models import Consent, Parcel, PurgeLog, SmsMessage

PURGED_FIELDS = "recipient_name, recipient_phone, address; 短信号码与内容; 单件同意记录的电话"


def purge_after_days() -> int:
    return int(settings.JINCUN.get("PURGE_AFTER_DAYS", 180))


@transaction.atomic
def purge_personal_data(
    now: dt.datetime | None = None, days: int | None = None, trigger="job"
) -> PurgeLog | None:
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=purge_after_days() if days is None else days)
    due = Parcel.objects.filter(state=State.SIGNED, state_at__lt=cutoff).filter(
        ~Q(recipient_name="") | ~Q(recipient_phone="") | ~Q(address="")
    )
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return None
    span = Parcel.objects.filter(pk__in=ids).aggregate(first=Min("pk"), last=Max("pk"))
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        Parcel.objects.filter(pk__in=chunk).update(recipient_name="", recipient_phone="", address="")
        SmsMessage.objects.filter(parcel_id__in=chunk).update(phone="", text="")
        Consent.objects.filter(parcel_id__in=chunk).update(recipient_phone="")
    return PurgeLog.objects.create(
        run_at=now,
        cutoff=cutoff,
        parcels=len(ids),
        fields=PURGED_FIELDS,
        first_parcel_id=span["first"],
        last_parcel_id=span["last"],
        trigger=trigger,
    )
