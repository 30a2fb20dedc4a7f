"""What the day's runs must carry: parcels per village, brand and destination.

Two sources, tried in order:
1. Parcels (`jincun.parcels`), when that app has a `Parcel` model: inbound parcels waiting on the way to a
   village (states manifested … at_town), counted per village and brand. A parcel manifested by its brand but
   not yet scanned in at the hub is one expected by that day: tomorrow's plan carries the manifests in today.
2. A forecast, documented here so its figures can be checked: each 村委会 receives `BASE_VILLAGE` parcels a
   day and each 居委会 (town-seat community) `BASE_COMMUNITY`, times a weekday factor, times a fixed per-village
   factor in [0.6, 1.6] derived from the village code (a stand-in for population, which the bundled data lacks).
   The day's parcels are split across the brands that have a valid agreement for the village in proportion to
   `BRAND_SHARE` (rough national market shares). 1.2 kg and 6 litres per parcel.

Destinations follow the agreement's mode: 快快合作 / 快商合作 → the station (a village run), 村委代办 → the
town node's service center (the trunk delivers, no village run), 邮快合作 → China Post's mail route (we plan
only the handover at the hub).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from jincun.network.choices import Mode, UnitType
from jincun.network.models import AdminArea, Agreement, Hub
from jincun.parcels.choices import Direction
from jincun.parcels.models import Parcel, ScanEvent

BASE_VILLAGE = 12
BASE_COMMUNITY = 40
WEEKDAY_FACTOR = {1: 1.15, 2: 1.10, 3: 1.0, 4: 0.95, 5: 0.95, 6: 0.90, 7: 0.95}
BRAND_SHARE = {"ZTO": 0.22, "YTO": 0.17, "YUNDA": 0.16, "STO": 0.12, "JT": 0.12, "POST": 0.08, "JD": 0.06,
               "EMS": 0.03, "SF": 0.03, "DBKD": 0.01}  # fmt: skip
KG_PER_PARCEL = 1.2
LITRES_PER_PARCEL = 6.0
NO_AGREEMENT = "none"
WAITING_STATES = ("manifested", "at_hub", "sorted", "to_town", "at_town")


@dataclass
class Delivery:
    """Parcels for one village, one destination and mode, counted per brand code."""

    village: AdminArea
    mode: str
    station_id: int | None = None
    town_node_id: int | None = None
    by_brand: dict[str, int] = field(default_factory=dict)
    oldest_wait_days: int = 0

    @property
    def parcels(self) -> int:
        return sum(self.by_brand.values())

    @property
    def kg(self) -> float:
        return self.parcels * KG_PER_PARCEL

    @property
    def litres(self) -> float:
        return self.parcels * LITRES_PER_PARCEL


def village_factor(code: str) -> float:
    return 0.6 + int(hashlib.sha256(code.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def forecast_parcels(village: AdminArea, day: dt.date) -> float:
    base = BASE_COMMUNITY if village.unit_type == UnitType.RESIDENTS_COMMITTEE else BASE_VILLAGE
    return base * WEEKDAY_FACTOR[day.isoweekday()] * village_factor(village.code)


def _agreements(hub: Hub, day: dt.date):
    qs = Agreement.objects.valid_on(day).filter(
        Q(village__code__startswith=hub.county.code[:6]) | Q(town__code__startswith=hub.county.code[:6])
    )
    return qs.select_related("brand", "village", "town", "station", "town_node")


def _targets(hub: Hub, day: dt.date) -> dict[tuple, dict]:
    """(village code, mode, station id, node id) → {"village", "brands": set} for every valid agreement."""
    targets: dict[tuple, dict] = {}
    town_villages: dict[str, list[AdminArea]] = {}
    for a in _agreements(hub, day):
        if a.village_id:
            villages = [a.village]
        else:
            if a.town_id not in town_villages:
                town_villages[a.town_id] = list(AdminArea.objects.villages().filter(parent_id=a.town_id))
            villages = town_villages[a.town_id]
        station_id = a.station_id if a.mode in (Mode.JOINT, Mode.ECOMMERCE, Mode.POSTAL) else None
        node_id = a.town_node_id if a.mode == Mode.PROXY else None
        for v in villages:
            key = (v.code, a.mode, station_id, node_id)
            targets.setdefault(key, {"village": v, "brands": set()})["brands"].add(a.brand.code)
    return targets


def deliveries_for(hub: Hub, day: dt.date, brands: set[str] | None = None) -> tuple[list[Delivery], str]:
    """The deliveries the runs on `day` must make, and where the figures came from ("parcels"/"forecast")."""
    targets = _targets(hub, day)
    counted = _count_parcels(day)
    source = "parcels" if counted is not None else "forecast"
    village_brands: dict[str, list[str]] = defaultdict(list)
    for key, t in targets.items():
        village_brands[key[0]].extend(t["brands"])
    out = []
    for (code, mode, station_id, node_id), t in sorted(targets.items(), key=lambda kv: str(kv[0])):
        d = Delivery(village=t["village"], mode=mode, station_id=station_id, town_node_id=node_id)
        if counted is not None:
            for brand in sorted(t["brands"]):
                n, wait = counted.get((code, brand), (0, 0))
                if n:
                    d.by_brand[brand] = n
                    d.oldest_wait_days = max(d.oldest_wait_days, wait)
        else:
            total = forecast_parcels(t["village"], day)
            norm = sum(BRAND_SHARE.get(b, 0.02) for b in village_brands[code])
            for brand in sorted(t["brands"]):
                n = round(total * BRAND_SHARE.get(brand, 0.02) / norm)
                if n:
                    d.by_brand[brand] = n
        if brands:
            d.by_brand = {b: n for b, n in d.by_brand.items() if b in brands}
        if d.parcels:
            out.append(d)
    if counted is not None:
        out += _without_agreement(counted, targets, brands)
    return out, source


def _without_agreement(counted: dict, targets: dict, brands: set[str] | None) -> list[Delivery]:
    """Waiting parcels whose village and brand have no valid agreement: mode NO_AGREEMENT, so the plan
    lists them as unserved instead of dropping them."""
    covered = {(key[0], b) for key, t in targets.items() for b in t["brands"]}
    missing: dict[str, dict[str, int]] = defaultdict(dict)
    for (code, brand), (n, _) in counted.items():
        if (code, brand) not in covered and (not brands or brand in brands):
            missing[code][brand] = n
    villages = AdminArea.objects.in_bulk(list(missing))
    return [
        Delivery(village=villages[code], mode=NO_AGREEMENT, by_brand=by_brand)
        for code, by_brand in sorted(missing.items())
        if code in villages
    ]


def arrived_at_hub_on(day: dt.date):
    """A past day's demand, from history: the inbound parcels scanned in at the hub that day (they have
    since moved on, so the waiting states of today say nothing about that day)."""
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    arrived = ScanEvent.objects.filter(
        event_type="at_hub", at__gte=starts, at__lt=starts + dt.timedelta(days=1)
    ).values("parcel_id")
    return Parcel.objects.filter(direction=Direction.INBOUND, village__isnull=False, pk__in=arrived)


def _count_parcels(day: dt.date):
    """{(village code, brand code): (count, oldest wait in days)} of inbound parcels waiting to go out to the
    villages that had arrived by the end of `day`, or None when no parcel has been recorded yet (a new county
    plans from the forecast)."""
    if not Parcel.objects.exists():
        return None
    day_ends = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    if day < timezone.localdate():
        qs = arrived_at_hub_on(day)
    else:
        qs = Parcel.objects.filter(
            direction=Direction.INBOUND,
            state__in=WAITING_STATES,
            village__isnull=False,
            created_at__lt=day_ends,
        )
    counts: dict[tuple, list] = defaultdict(lambda: [0, 0])
    for village, brand, created in qs.values_list("village_id", "brand__code", "created_at"):
        c = counts[(village, brand)]
        c[0] += 1
        c[1] = max(c[1], (day - timezone.localdate(created)).days)
    return {k: tuple(v) for k, v in counts.items()}
