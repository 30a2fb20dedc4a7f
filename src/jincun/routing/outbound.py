"""What the day's runs must collect (上行): outbound boxes per station, per collection point, per town node.

For a run on `day`:
- **Station pickups** are the outbound parcels collected at the station and waiting there (state `collected`,
  collected before `day` began, from the events), each with its recorded weight or its product's box figures
  (`products.py`). While the day before is not over yet (the evening job plans tomorrow at 20:00), the rest of
  that day's expected collections is added: the forecast for the day minus what is already in.
- **The forecast** comes from a provider: `fn(stations, day) -> {station id: {product: boxes}}`. An app above
  routing (agri's farm-project forecast) registers one with `register_forecast(fn)`; a caller may pass one to
  `pickups_for(forecast=...)`. Without either, `recent_days` (the station's mean over the last 7 days).
  `seasonal_forecast` is a stand-in for a county with no history (see its docstring); it is used only when a
  caller asks for it (the two-way comparison).
- **Collection points** (packing houses, cooperatives) hand over their `boxes_per_day` on every day of their
  season; they are pickup-only stops.
- **Town node pickups** (the trunk's way back to the hub) are the outbound parcels at the node (`at_town`) or on
  their way to it (`to_town`), plus, for the loads the network does not record as parcels (forecast station
  loads and collection points), the same loads a day earlier, which the node holds by the trunk's morning call.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils import timezone

from jincun.network.models import Hub, Station
from jincun.parcels.choices import Direction, EventResult, State
from jincun.parcels.models import Parcel, ScanEvent
from jincun.routing.demand import forecast_parcels
from jincun.routing.models import CollectionPoint
from jincun.routing.products import PRODUCTS, box_load, parcel_product, product_of

LOCAL = ZoneInfo("Asia/Shanghai")
RECENT_DAYS = 7
Forecast = Callable[[list[Station], dt.date], dict[int, dict[str, float]]]
_registered: list[Forecast] = []


@dataclass
class Pickup:
    """Boxes to collect at one place on one day, with weight and volume."""

    key: str  # "S<station id>", "C<collection point id>" or "N<town node id>"
    town_node_id: int
    boxes: int = 0
    kg: float = 0.0
    litres: float = 0.0
    by_product: dict[str, int] = field(default_factory=dict)
    parcel_ids: list[int] = field(default_factory=list)  # the recorded parcels among the boxes

    def add(self, product: str, boxes: int, kg: float, litres: float, parcel_id: int | None = None):
        self.boxes += boxes
        self.kg += kg
        self.litres += litres
        self.by_product[product] = self.by_product.get(product, 0) + boxes
        if parcel_id is not None:
            self.parcel_ids.append(parcel_id)

    def add_boxes(self, product: str, boxes: int, kg_per_box: float | None = None):
        p = PRODUCTS.get(product, PRODUCTS["other"])
        kg = kg_per_box or p.kg_per_box
        self.add(p.code, boxes, boxes * kg, boxes * kg * p.litres_per_kg)


def register_forecast(fn: Forecast) -> None:
    """Called by an app above routing (in its AppConfig.ready) to supply expected collections."""
    if fn not in _registered:
        _registered.append(fn)


def unregister_forecast(fn: Forecast) -> None:
    if fn in _registered:
        _registered.remove(fn)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=LOCAL)


def recent_days(stations: list[Station], day: dt.date) -> dict[int, dict[str, float]]:
    """Each station's mean daily collections per product over the `RECENT_DAYS` days before `day`."""
    since, until = _day_start(day - dt.timedelta(days=RECENT_DAYS)), _day_start(day)
    rows = (
        ScanEvent.objects.filter(
            event_type=State.COLLECTED,
            result=EventResult.APPLIED,
            at__gte=since,
            at__lt=until,
            parcel__station__in=stations,
        )  # fmt: skip
        .values("parcel__station_id", product=parcel_product("parcel__"))
        .annotate(n=Count("id"))
    )
    out: dict[int, dict[str, float]] = defaultdict(dict)
    for r in rows:
        code = product_of(r["product"]).code
        out[r["parcel__station_id"]][code] = out[r["parcel__station_id"]].get(code, 0) + r["n"] / RECENT_DAYS
    return dict(out)


# Outbound against inbound at a village station, by month, from the anchors the simulator uses
# (docs/simulation.md): 10,000 inbound a day at scale 1; outside the seasons outbound is 5% of that
# (ASSUMPTION); in apple season (Oct–Nov) a gold project (10M a year, 80% in its 61-day season, 10% via
# stations) adds 13,115 a day; in cherry season (May–June) a silver project (5M) adds 6,557.
SEASON_RATIO = {10: 0.05 + 1.3115, 11: 0.05 + 1.3115, 5: 0.05 + 0.6557, 6: 0.05 + 0.6557}
BASE_RATIO = 0.05
SEASON_PRODUCT = {10: "apple", 11: "apple", 5: "cherry", 6: "cherry"}


def seasonal_forecast(stations: list[Station], day: dt.date) -> dict[int, dict[str, float]]:
    """A county with no collection history: each station collects its village's inbound forecast times the
    month's outbound ratio (`SEASON_RATIO`), the season's product beyond the base share."""
    ratio = SEASON_RATIO.get(day.month, BASE_RATIO)
    product = SEASON_PRODUCT.get(day.month)
    out = {}
    for st in stations:
        inbound = forecast_parcels(st.village, day)
        loads = {"other": inbound * BASE_RATIO}
        if product:
            loads[product] = inbound * (ratio - BASE_RATIO)
        out[st.id] = loads
    return out


def _forecast(forecast: Forecast | None) -> Forecast:
    if forecast is not None:
        return forecast
    return _registered[-1] if _registered else recent_days


def _waiting_at_stations(stations: list[Station], day: dt.date) -> dict[int, list[tuple]]:
    qs = Parcel.objects.filter(direction=Direction.OUTBOUND, state=State.COLLECTED, station__in=stations,
                               state_at__lt=_day_start(day)).order_by("id")  # fmt: skip
    out: dict[int, list[tuple]] = defaultdict(list)
    for row in qs.annotate(product=parcel_product()).values_list("id", "station_id", "product", "weight_g"):
        out[row[1]].append(row)
    return out


def _collected_on(stations: list[Station], day: dt.date) -> dict[int, int]:
    qs = ScanEvent.objects.filter(event_type=State.COLLECTED, result=EventResult.APPLIED, at__gte=_day_start(day),
                                  at__lt=_day_start(day + dt.timedelta(days=1)), parcel__station__in=stations)  # fmt: skip
    return dict(
        qs.values_list("parcel__station_id").annotate(n=Count("id")).values_list("parcel__station_id", "n")
    )


def station_pickups(stations: list[Station], day: dt.date, forecast: Forecast | None = None,
                    now: dt.datetime | None = None) -> tuple[dict[int, Pickup], str]:  # fmt: skip
    """{station id: Pickup} for the runs on `day`, and the source ("parcels", "parcels+forecast", "none")."""
    pickups: dict[int, Pickup] = {}
    for station_id, rows in _waiting_at_stations(stations, day).items():
        st = next(s for s in stations if s.id == station_id)
        p = pickups.setdefault(station_id, Pickup(f"S{station_id}", st.town_node_id))
        for pid, _, tag, weight in rows:
            kg, litres = box_load(tag, weight)
            p.add(product_of(tag).code, 1, kg, litres, pid)
    recorded = bool(pickups)
    source = "parcels" if recorded else "none"
    now = now or timezone.now()
    eve = day - dt.timedelta(days=1)
    # The day before is not over (or the caller passed its own forecast, e.g. a what-if on a past day): add
    # the rest of its expected collections.
    if forecast is not None or now < _day_start(day):
        expected = _forecast(forecast)(stations, eve)
        done = _collected_on(stations, eve)
        for st in stations:
            loads = expected.get(st.id) or {}
            total = sum(loads.values())
            rest = max(0.0, total - done.get(st.id, 0))
            if total <= 0 or rest < 0.5:
                continue
            p = pickups.setdefault(st.id, Pickup(f"S{st.id}", st.town_node_id))
            for product, boxes in sorted(loads.items()):
                n = round(rest * boxes / total)
                if n:
                    p.add_boxes(product, n)
                    source = "parcels+forecast" if recorded else "forecast"
    return {k: v for k, v in pickups.items() if v.boxes}, source


def point_pickups(hub: Hub, day: dt.date) -> dict[int, tuple[CollectionPoint, Pickup]]:
    points = CollectionPoint.objects.filter(town_node__hub=hub, active=True, season_from__lte=day,
                                            season_until__gte=day).order_by("code")  # fmt: skip
    out = {}
    for cp in points:
        p = Pickup(f"C{cp.id}", cp.town_node_id)
        p.add_boxes(product_of(cp.product).code, cp.boxes_per_day, cp.kg_per_box)
        out[cp.id] = (cp, p)
    return out


def node_pickups(hub: Hub, day: dt.date, carried_yesterday: dict[int, Pickup]) -> dict[int, Pickup]:
    """{town node id: Pickup} for the trunk: outbound parcels at or bound for the node, plus the unrecorded
    loads (`carried_yesterday`, per node) its village runs brought in the day before."""
    qs = Parcel.objects.filter(direction=Direction.OUTBOUND, state__in=(State.AT_TOWN, State.TO_TOWN),
                               town_node__hub=hub, state_at__lt=_day_start(day)).order_by("id")  # fmt: skip
    out: dict[int, Pickup] = {}
    rows = qs.annotate(product=parcel_product()).values_list("id", "town_node_id", "product", "weight_g")
    for pid, node_id, tag, weight in rows:
        kg, litres = box_load(tag, weight)
        out.setdefault(node_id, Pickup(f"N{node_id}", node_id)).add(product_of(tag).code, 1, kg, litres, pid)
    for node_id, extra in carried_yesterday.items():
        p = out.setdefault(node_id, Pickup(f"N{node_id}", node_id))
        for product, boxes in extra.by_product.items():
            p.add_boxes(product, boxes)
    return out


def unrecorded_share(p: Pickup) -> Pickup:
    """The boxes of `p` that are not recorded parcels (forecast or collection-point loads)."""
    rest = Pickup(p.key, p.town_node_id)
    recorded: dict[str, int] = defaultdict(int)
    if p.parcel_ids:
        products = Parcel.objects.filter(id__in=p.parcel_ids).annotate(product=parcel_product())
        for tag in products.values_list("product", flat=True):
            recorded[product_of(tag).code] += 1
    for product, boxes in p.by_product.items():
        left = boxes - recorded.get(product, 0)
        if left > 0:
            rest.add_boxes(product, left)
    return rest
