"""Compliance records for the demo, through the public services: what a county running Jincun for a month
would have. Video heartbeats (a few cameras silent), the operator's self-inspections with some failed items
(some fixes overdue), a regulator visit, complaints on their clocks (one past due), no-fee reports on real
signed parcels, a stub destruction; then the sweep raises the flags. Invented, seeded, repeatable.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from jincun.compliance.checklist import checklist_for
from jincun.compliance.services import cases, complaints, inspections, stubs
from jincun.compliance.services.video import device_for, record_heartbeat
from jincun.compliance.tasks import DEMO_DEVICE, run_sweep
from jincun.core.models import User
from jincun.network.choices import StationStatus
from jincun.network.models import Station
from jincun.parcels.models import Parcel

COMPLAINTS = [
    ("delay", "快件在县里放了三天才到村"),
    ("service", "站点说要等人齐了再取"),
    ("loss", "显示已签收但没有收到"),
    ("fee", "站点说取件要收一块钱"),
    ("damage", "苹果箱子压坏了"),
]


@transaction.atomic
def install_demo_compliance(seed: int = 2020, now: dt.datetime | None = None) -> dict:
    rng = random.Random(seed)
    now = now or timezone.now()
    operator = User.objects.filter(role="hub_operator").order_by("pk").first()
    regulator = User.objects.filter(role="regulator").order_by("pk").first()
    stations = list(Station.objects.filter(status=StationStatus.ACTIVE).order_by("code"))
    counts = {"heartbeats": 0, "inspections": 0, "complaints": 0, "fee_cases": 0}
    for station in stations:
        if station.video_connected and rng.random() > 0.06:  # a few cameras have gone quiet
            record_heartbeat(device_for(station, DEMO_DEVICE), now - dt.timedelta(minutes=rng.randint(1, 20)))
            counts["heartbeats"] += 1
        if rng.random() < 0.8:
            items = {i.code for i in checklist_for(station.kind)}
            failed = {i for i in items if rng.random() < 0.02}
            at = now - dt.timedelta(days=rng.randint(3, 28), hours=rng.randint(0, 6))
            fix_by = timezone.localdate(at) + dt.timedelta(days=rng.choice((7, 14))) if failed else None
            who = regulator if regulator and rng.random() < 0.2 else operator
            done = inspections.record_inspection(station, who, items - failed, fix_by=fix_by, at=at)
            if failed and rng.random() < 0.6:  # most stations fix what was found
                inspections.record_fix(done, "已整改", at=at + dt.timedelta(days=rng.randint(1, 6)))
            counts["inspections"] += 1
    for n, (category, text) in enumerate(COMPLAINTS):
        parcel = Parcel.objects.filter(state="signed").order_by("pk")[n * 7 : n * 7 + 1].first()
        at = now - dt.timedelta(days=(1, 3, 5, 9, 12)[n], hours=2)
        c = complaints.receive_complaint(
            channel=("web", "phone", "api", "phone", "web")[n],
            category=category,
            text=text,
            contact_phone=f"139{rng.randint(10_000_000, 99_999_999)}",
            waybill=parcel.waybill if parcel else "",
            at=at,
        )
        if n >= 3:
            complaints.assign_complaint(c, "station" if c.station else "operator", station=c.station, at=at)
        if n == 4:
            complaints.reply_complaint(c, "已联系品牌按保价赔付", at=at + dt.timedelta(days=2))
        counts["complaints"] += 1
    for parcel in Parcel.objects.filter(state="signed", station__isnull=False).order_by("-pk")[:2]:
        cases.report_fee(
            parcel.recipient_phone[-4:], parcel.waybill, 100, "取件时被收1元", at=now - dt.timedelta(days=2)
        )
        counts["fee_cases"] += 1
    if operator:
        stubs.record_destruction(
            operator, place="县共配中心", batch="上月纸质运单存根", count=1200, method="碎纸机粉碎",
            witness="县邮政管理局 监销员", on=timezone.localdate(now) - dt.timedelta(days=1),
        )  # fmt: skip
    counts |= run_sweep(now)
    return counts
