"""Reads of the network registry that several callers share (API, pages, exports, CLI)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from jincun.network import standard
from jincun.network.models import AdminArea, Agreement, Station


def stations(
    *,
    county: AdminArea | None = None,
    town: str | None = None,
    village: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    mode: str | None = None,
    meets_standard: bool | None = None,
    text: str | None = None,
    day: dt.date | None = None,
    agreements: QuerySet | None = None,
) -> QuerySet[Station]:
    """Stations filtered as the station list page and `GET /api/v1/stations` both offer them — one spelling.

    `town` is a 9- or 12-digit code. `mode` keeps stations that run in that cooperation mode on `day` (default
    today, Asia/Shanghai): an agreement in that mode through the station is valid that day. `agreements` narrows
    which agreements count (a brand user's page passes only its brand's). `meets_standard` is
    `network.standard`; `text` matches name, code or village name.
    """
    qs = Station.objects.select_related("village", "village__parent", "town_node").order_by("code")
    if county is not None:
        qs = qs.filter(village__code__startswith=county.code[:6])
    if town:
        qs = qs.filter(village__parent_id=town[:9] + "000")
    if village:
        qs = qs.filter(village_id=village)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if mode:
        counted = Agreement.objects.all() if agreements is None else agreements
        in_mode = counted.valid_on(day or timezone.localdate()).filter(mode=mode)
        qs = qs.filter(pk__in=in_mode.values("station_id"))
    if meets_standard is not None:
        qs = qs.filter(standard.q()) if meets_standard else qs.exclude(standard.q())
    if text and text.strip():
        text = text.strip()
        qs = qs.filter(Q(name__icontains=text) | Q(code__icontains=text) | Q(village__name__icontains=text))
    return qs


def station_rows(town_code: str | None = None):
    """Stations as dicts in the import columns, so an export can be edited and imported again."""
    for s in stations(town=town_code):
        yield {
            "code": s.code, "name": s.name, "village_code": s.village_id, "village_name": s.village.name,
            "town_code": s.village.parent_id[:9],
            "kind": s.kind, "keeper_name": s.keeper_name, "keeper_phone": s.keeper_phone,
            "opens_at": f"{s.opens_at:%H:%M}", "closes_at": f"{s.closes_at:%H:%M}", "hours_note": s.hours_note,
            "shelves": s.shelves, "layers": s.layers, "cameras": s.cameras, "video_platform": s.video_platform,
            "filing_number": s.filing_number, "filed_on": _iso(s.filed_on), "status": s.status,
            "opened_on": _iso(s.opened_on), "suspended_on": _iso(s.suspended_on), "closed_on": _iso(s.closed_on),
            "lat": "" if s.lat is None else s.lat, "lon": "" if s.lon is None else s.lon, "address": s.address,
        }  # fmt: skip


def _iso(day) -> str:
    return day.isoformat() if day else ""


@dataclass
class ServiceSpan:
    """One agreement serving the village: which brand, which mode, through what, and when it was recorded."""

    agreement_id: int
    brand_code: str
    brand_name: str
    mode: str
    via: str
    valid_from: dt.date
    valid_to: dt.date | None
    serves_from: dt.date | None  # when service could start: agreement begun and station open
    serves_to: dt.date | None
    recorded_at: dt.datetime | None
    recorded_by: str
    changes: int
    town_wide: bool = False


@dataclass
class RemovedAgreement:
    """An agreement deleted from the registry (a data-entry mistake, usually): its last state, who removed it."""

    agreement_id: int
    brand_code: str
    mode: str
    valid_from: dt.date
    valid_to: dt.date | None
    removed_at: dt.datetime
    removed_by: str


@dataclass
class VillageService:
    village: AdminArea
    day: dt.date
    since: dt.date | None  # start of the unbroken served period that contains `day` (None: not served)
    first_served: dt.date | None
    spans: list[ServiceSpan] = field(default_factory=list)
    removed: list[RemovedAgreement] = field(default_factory=list)  # deleted from the registry; not counted

    @property
    def current(self) -> list[ServiceSpan]:
        return [s for s in self.spans if _covers(s, self.day)]


def served_since(village: AdminArea, day: dt.date | None = None) -> VillageService:
    """Since when is this village served, by whom, by which mode — from its agreements (naming the village
    or its whole town) and their history (who recorded each agreement, how often it changed)."""
    day = day or timezone.localdate()
    agreements = (
        Agreement.objects.filter(Q(village=village) | Q(town_id=village.parent_id))
        .select_related("brand", "station", "town_node")
        .order_by("valid_from", "brand__code")
    )
    records: dict[int, list] = {}
    for h in (
        Agreement.history.filter(id__in=[a.pk for a in agreements])
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        records.setdefault(h.id, []).append(h)
    spans = []
    for a in agreements:
        history = records.get(a.pk, [])
        first = history[0] if history else None
        start, end = a.valid_from, a.valid_to
        if a.station is not None:
            opened, closed = a.station.opened_on, a.station.closed_on
            start = max(start, opened) if opened else None
            last_open = closed - dt.timedelta(days=1) if closed else None
            end = min(d for d in (end, last_open) if d) if (end or last_open) else None
        via = a.station.name if a.station else (a.town_node.service_center_name if a.town_node else "")
        spans.append(
            ServiceSpan(
                agreement_id=a.pk,
                brand_code=a.brand.code,
                brand_name=a.brand.name,
                mode=a.mode,
                via=via,
                valid_from=a.valid_from,
                valid_to=a.valid_to,
                serves_from=start,
                serves_to=end
                if start is None or end is None or end >= start
                else start - dt.timedelta(days=1),
                recorded_at=first.history_date if first else None,
                recorded_by=str(first.history_user) if first and first.history_user else "",
                changes=max(len(history) - 1, 0),
                town_wide=a.village_id is None,
            )  # fmt: skip
        )
    return VillageService(village, day, _since(spans, day), _first(spans), spans, _removed(village))


def _removed(village: AdminArea) -> list[RemovedAgreement]:
    deleted = (
        Agreement.history.filter(Q(village_id=village.code) | Q(town_id=village.parent_id), history_type="-")
        .select_related("brand", "history_user")
        .order_by("history_date")
    )
    return [
        RemovedAgreement(
            h.id,
            h.brand.code,
            h.mode,
            h.valid_from,
            h.valid_to,
            h.history_date,
            str(h.history_user) if h.history_user else "",
        )  # fmt: skip
        for h in deleted
    ]


def _covers(span: ServiceSpan, day: dt.date) -> bool:
    return (
        span.serves_from is not None
        and span.serves_from <= day
        and (span.serves_to is None or day <= span.serves_to)
    )


def _first(spans: list[ServiceSpan]) -> dt.date | None:
    starts = [
        s.serves_from
        for s in spans
        if s.serves_from and (s.serves_to is None or s.serves_to >= s.serves_from)
    ]
    return min(starts) if starts else None


def _since(spans: list[ServiceSpan], day: dt.date) -> dt.date | None:
    """Walk back from `day` over overlapping or touching service periods to where the run began."""
    periods = sorted(
        (s.serves_from, s.serves_to or dt.date.max)
        for s in spans
        if s.serves_from and (s.serves_to is None or s.serves_to >= s.serves_from)
    )
    if not any(start <= day <= end for start, end in periods):
        return None
    since = day
    changed = True
    while changed:
        changed = False
        for start, end in periods:
            if start < since and end >= since - dt.timedelta(days=1):
                since, changed = start, True
    return since
