"""Reads the compliance pages, the dashboard and the regulator exports share."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from jincun.compliance.choices import OPEN_COMPLAINT, CaseStatus
from jincun.compliance.models import Complaint, Inspection, NoFeeCase, StationFlag
from jincun.compliance.services.standing import standings
from jincun.network.models import Station
from jincun.parcels.models import Consent, ScanEvent


def station_standings(qs=None, now=None) -> list:
    """Every station with its standing, those falling short first, then by code."""
    qs = qs if qs is not None else Station.objects.all()
    stations = list(qs.select_related("village__parent", "town_node").order_by("code"))
    table = standings(stations, now)
    order = {"not_met": 0, "warning": 1, "met": 2}
    return sorted(table.values(), key=lambda s: (order[s.standing], s.station.code))


def open_flags():
    return (
        StationFlag.objects.filter(cleared_at__isnull=True).select_related("station").order_by("-raised_at")
    )


def overdue_fixes(today=None):
    """Inspections with failed items whose fix deadline has passed and that are not marked fixed."""
    today = today or timezone.localdate()
    return (
        Inspection.objects.filter(fixed_at__isnull=True, fix_by__lt=today, items__passed=False)
        .distinct()
        .select_related("station")
        .order_by("fix_by")
    )


def open_complaints():
    return (
        Complaint.objects.filter(status__in=OPEN_COMPLAINT)
        .select_related("brand", "station")
        .order_by("due_on")
    )


def open_fee_cases():
    return NoFeeCase.objects.filter(status=CaseStatus.OPEN).select_related("station").order_by("due_on")


def consent_gaps():
    """Parcels shelved at a village station (an accepted `at_station` event) with no consent record that
    agreed to station pickup, given at or before shelving: for this parcel, or standing for the recipient
    at that station or village. Should be empty: the shelving service refuses without consent."""
    shelved = ScanEvent.objects.filter(
        event_type="at_station", result="applied", parcel__station__isnull=False
    )
    own = Consent.objects.filter(
        parcel_id=OuterRef("parcel_id"), preference="station", given_at__lte=OuterRef("at")
    )
    standing = Consent.objects.filter(
        parcel__isnull=True,
        preference="station",
        recipient_phone=OuterRef("parcel__recipient_phone"),
        given_at__lte=OuterRef("at"),
    ).filter(
        Q(station_id=OuterRef("parcel__station_id")) | Q(village_id=OuterRef("parcel__station__village_id"))
    )
    return (
        shelved.annotate(has_own=Exists(own), has_standing=Exists(standing))
        .filter(has_own=False, has_standing=False)
        .exclude(parcel__recipient_phone="")
        .select_related("parcel__station", "parcel__brand")
        .order_by("-at")
    )


def dashboard_counts(now=None) -> dict:
    """The figures the dashboard shows: overdue fixes, escalated complaints, open no-fee cases, flags."""
    today = timezone.localdate(now)
    return {
        "overdue_fixes": overdue_fixes(today).count(),
        "open_complaints": open_complaints().count(),
        "overdue_complaints": open_complaints().filter(due_on__lt=today).count(),
        "open_fee_cases": open_fee_cases().count(),
        "video_offline": open_flags().filter(kind="video_offline").count(),
        "filing_overdue": open_flags().filter(kind="filing_overdue").count(),
    }


def complaint_figures(start, end, towns=(), county_prefix: str = "", now=None) -> dict:
    """What the leadership dashboard shows of complaints (用户投诉) and no-fee cases (收费举报), no personal data:
    per town (the station's, else the parcel's village's; "" when neither is known) those open now, the open
    complaints past their reply deadline, and those received in [start, end]; and per day of [start, end] how
    many came in. `towns` (codes) narrows to those towns."""
    tz = timezone.get_current_timezone()
    today = timezone.localdate(now)
    lo = timezone.make_aware(dt.datetime.combine(start, dt.time()))
    hi = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    town = Coalesce("station__village__parent_id", "parcel__village__parent_id")
    sources = {
        "complaints": (Complaint.objects.annotate(town=town), Q(status__in=OPEN_COMPLAINT), "received_at"),
        "cases": (NoFeeCase.objects.annotate(town=town), Q(status=CaseStatus.OPEN), "reported_at"),
    }  # fmt: skip
    per_town: dict[str, dict] = {}
    daily: dict[dt.date, dict] = {}
    blank = {"open_complaints": 0, "overdue_complaints": 0, "open_cases": 0, "received_complaints": 0,
             "received_cases": 0}  # fmt: skip
    for kind, (qs, open_q, at) in sources.items():
        if county_prefix:
            qs = qs.filter(Q(town__startswith=county_prefix) | Q(town__isnull=True))
        if towns:
            qs = qs.filter(town__in=list(towns))
        for row in qs.filter(open_q).values("town").annotate(n=Count("id")):
            per_town.setdefault(row["town"] or "", dict(blank))[f"open_{kind}"] = row["n"]
        if kind == "complaints":
            overdue = qs.filter(open_q, due_on__lt=today).values("town").annotate(n=Count("id"))
            for row in overdue:
                per_town.setdefault(row["town"] or "", dict(blank))["overdue_complaints"] = row["n"]
        received = qs.filter(**{f"{at}__gte": lo, f"{at}__lt": hi})
        for row in received.values("town").annotate(n=Count("id")):
            per_town.setdefault(row["town"] or "", dict(blank))[f"received_{kind}"] = row["n"]
        by_day = received.annotate(day=TruncDate(at, tzinfo=tz)).values("day").annotate(n=Count("id"))
        for row in by_day:
            daily.setdefault(row["day"], {"complaints": 0, "cases": 0})[kind] = row["n"]
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return {
        "towns": per_town,
        "daily": [{"day": d.isoformat(), **daily.get(d, {"complaints": 0, "cases": 0})} for d in days],
        "open_complaints": sum(t["open_complaints"] for t in per_town.values()),
        "overdue_complaints": sum(t["overdue_complaints"] for t in per_town.values()),
        "open_cases": sum(t["open_cases"] for t in per_town.values()),
    }
