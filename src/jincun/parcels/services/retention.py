"""Retention at stations and service centers: remind after the agreement's days, then overdue for return.

Idempotent: run it as often as you like; each parcel gets one reminder and moves to overdue once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jincun.parcels.choices import ProblemReason, State
from jincun.parcels.models import Parcel
from jincun.parcels.services.notify import enqueue_sms, enqueue_sms_many
from jincun.parcels.services.problems import open_problem
from jincun.parcels.services.routing import Targets, agreement_for

DEFAULT_REMIND, DEFAULT_RETURN = 3, 7


@dataclass
class RetentionReport:
    checked: int = 0
    reminded: int = 0
    overdue: int = 0


def retention_days(parcel, day) -> tuple[int, int]:
    agreement = agreement_for(parcel.brand_id, parcel.village, day) if parcel.village_id else None
    return _days_of(agreement)


def _days_of(agreement) -> tuple[int, int]:
    if agreement is None:
        return DEFAULT_REMIND, DEFAULT_RETURN
    return agreement.remind_after_days, agreement.return_after_days


@transaction.atomic
def run_retention(now=None) -> RetentionReport:
    """One pass over the shelves: the agreements read in bulk (`Targets`), reminders and their SMS rows
    written in bulk; each overdue parcel opens its problem."""
    now = now or timezone.now()
    report = RetentionReport()
    waiting = list(
        Parcel.objects.filter(
            state__in=[State.AT_STATION, State.AT_SERVICE_CENTER], shelved_at__isnull=False
        ).select_related("brand", "village", "station")
    )
    day = timezone.localdate(now)
    targets = Targets([(p.brand_id, p.village) for p in waiting], day)
    cache: dict = {}
    reminded, sms = [], []
    for parcel in waiting:
        report.checked += 1
        key = (parcel.brand_id, parcel.village_id)
        if key not in cache:
            cache[key] = _days_of(
                targets.agreement(parcel.brand_id, parcel.village) if parcel.village_id else None
            )
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
                values = {"station": parcel.station.name, "code": parcel.pickup_code, "days": days}
                sms.append((parcel, "remind", parcel.recipient_phone, values))
            reminded.append(parcel.pk)
            report.reminded += 1
    enqueue_sms_many(sms)
    for start in range(0, len(reminded), 500):
        Parcel.objects.filter(pk__in=reminded[start : start + 500]).update(reminders_sent=1)
    return report
