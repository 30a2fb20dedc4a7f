"""Retention at stations and service centers: remind after the agreement's days, then overdue for return.

Idempotent: run it as often as you like; each parcel gets one reminder and moves to overdue once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jincun.parcels.choices import ProblemReason, State
from jincun.parcels.models import Parcel
from jincun.parcels.services.notify import enqueue_sms
from jincun.parcels.services.problems import open_problem
from jincun.parcels.services.routing import agreement_for

DEFAULT_REMIND, DEFAULT_RETURN = 3, 7


@dataclass
class RetentionReport:
    checked: int = 0
    reminded: int = 0
    overdue: int = 0


def retention_days(parcel, day) -> tuple[int, int]:
    agreement = agreement_for(parcel.brand_id, parcel.village, day) if parcel.village_id else None
    if agreement is None:
        return DEFAULT_REMIND, DEFAULT_RETURN
    return agreement.remind_after_days, agreement.return_after_days


@transaction.atomic
def run_retention(now=None) -> RetentionReport:
    now = now or timezone.now()
    report = RetentionReport()
    waiting = Parcel.objects.filter(
        state__in=[State.AT_STATION, State.AT_SERVICE_CENTER], shelved_at__isnull=False
    ).select_related("brand", "village", "station")
    cache: dict = {}
    for parcel in waiting:
        report.checked += 1
        key = (parcel.brand_id, parcel.village_id)
        if key not in cache:
            cache[key] = retention_days(parcel, timezone.localdate(now))
        remind, give_back = cache[key]
        days = (now - parcel.shelved_at).days
        if days >= give_back:
            open_problem(parcel, ProblemReason.OVERDUE, None, note=f"滞留{days}天", at=now)
            if parcel.recipient_phone and parcel.station_id:
                enqueue_sms(
                    parcel,
                    "return_notice",
                    parcel.recipient_phone,
                    station=parcel.station.name,
                    code=parcel.pickup_code,
                )
            report.overdue += 1
        elif days >= remind and parcel.reminders_sent == 0:
            if parcel.recipient_phone and parcel.station_id:
                enqueue_sms(
                    parcel,
                    "remind",
                    parcel.recipient_phone,
                    station=parcel.station.name,
                    code=parcel.pickup_code,
                    days=days,
                )
            Parcel.objects.filter(pk=parcel.pk).update(reminders_sent=1)
            report.reminded += 1
    return report
