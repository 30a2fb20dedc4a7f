"""The two-way parts of a day's plan: the outbound loads per place, the season's hired vehicles, and what
the plan says when the standing fleet cannot carry the day."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from jincun.network.models import Hub, Station
from jincun.routing import notes
from jincun.routing.choices import RunKind
from jincun.routing.demand import KG_PER_PARCEL
from jincun.routing.models import CollectionPoint, SeasonVehicle
from jincun.routing.outbound import (
    Forecast,
    Pickup,
    node_pickups,
    point_pickups,
    station_pickups,
    unrecorded_share,
)

# Reasons that mean "not enough room" (a short fleet, or one stop larger than any vehicle: it needs a split).
CAPACITY_REASONS = ("运力不足", "超过任何一辆车的容量")


@dataclass
class TwoWayLoads:
    stations: dict[int, Pickup] = field(default_factory=dict)
    points: dict[int, tuple[CollectionPoint, Pickup]] = field(default_factory=dict)
    nodes: dict[int, Pickup] = field(default_factory=dict)


def two_way_loads(plan, hub: Hub, day: dt.date, stations: dict, forecast: Forecast | None) -> TwoWayLoads:
    """Outbound loads for `day`. Stations that have pickups but nothing to deliver join `stations` (the
    planner's {station id: (station, by_brand)}) with an empty delivery: a pickup-only stop."""
    rows = [
        s for s in Station.objects.in_service_on(day).filter(town_node__hub=hub).select_related("village")
        if s.has_point
    ]  # fmt: skip
    loads = TwoWayLoads()
    loads.stations, plan.outbound_source = station_pickups(rows, day, forecast)
    by_id = {s.id: s for s in rows}
    for station_id in loads.stations:
        if station_id not in stations:
            stations[station_id] = (by_id[station_id], {})
    loads.points = point_pickups(hub, day)
    # What the node holds by the trunk's morning call that is not recorded as parcels: yesterday's forecast
    # station loads (taken as today's) and yesterday's collection-point loads.
    carried: dict[int, Pickup] = {}
    unrecorded = [unrecorded_share(p) for p in loads.stations.values()]
    unrecorded += [p for _, p in point_pickups(hub, day - dt.timedelta(days=1)).values()]
    for p in unrecorded:
        node = carried.setdefault(p.town_node_id, Pickup(f"N{p.town_node_id}", p.town_node_id))
        for product, boxes in p.by_product.items():
            node.add_boxes(product, boxes)
    loads.nodes = {k: v for k, v in node_pickups(hub, day, carried).items() if v.boxes}
    return loads


def season_fleet_for(hub: Hub, day: dt.date) -> list:
    """The season vehicles hired on `day` for `hub`'s network, one planner vehicle per unit of `count`."""
    from jincun.routing.planning import FleetVehicle, _secs

    rows = SeasonVehicle.objects.filter(hired_from__lte=day, hired_until__gte=day)
    rows = rows.filter(hub=hub) | rows.filter(town_node__hub=hub)
    out = []
    for v in rows.order_by("code"):
        for i in range(v.count):
            out.append(FleetVehicle(
                f"{v.code}-{i + 1}" if v.count > 1 else v.code, v.kind, v.hub_id, v.town_node_id,
                v.capacity_parcels, v.capacity_kg, v.capacity_litres, v.cost_per_km_fen, 0, _secs(v.works_from),
                _secs(v.works_until), False, None, v.cost_per_day_fen, True,
            ))  # fmt: skip
    return out


def season_summary(plan, fleet: list) -> dict:
    """Season vehicles the day used, and how many more it would need for what is left for want of capacity
    (sized on the season vehicle spec, else the largest standing vehicle of that depot kind)."""
    used = defaultdict(int)
    for run in plan.runs:
        if run.vehicle is not None and run.vehicle.season:
            used[run.kind] += 1
    short = [u for u in plan.unserved if any(r in u["reason"] for r in CAPACITY_REASONS)]
    more = 0
    if short:
        spec = _spec([v for v in fleet if v.season and v.node_id]) or _spec([v for v in fleet if v.node_id])
        if spec:
            pieces = sum(u["parcels"] + u.get("pickup_boxes", 0) for u in short)
            kg = sum(u["parcels"] * KG_PER_PARCEL + u.get("pickup_kg", 0) for u in short)
            more = max(
                1, math.ceil(pieces / max(spec.capacity_parcels, 1)), math.ceil(kg / max(spec.capacity_kg, 1))
            )
    standing_short = bool(used) or bool(short)
    note = ""
    if standing_short:
        note = (
            notes.note(notes.SEASON_MORE, used=sum(used.values()), more=more)
            if more
            else notes.note(notes.SEASON_USED, used=sum(used.values()))
        )
    return {"used": sum(used.values()), "used_by_kind": dict(used), "needed_more": more,
            "standing_short": standing_short, "note": note}  # fmt: skip


def _spec(vehicles: list):
    return max(vehicles, key=lambda v: v.capacity_parcels, default=None)


def village_pickup_runs(plan) -> list:
    return [r for r in plan.runs if r.kind == RunKind.VILLAGE and r.pickup_boxes]


# What-if season hires for the two-way comparison, when a county has none on record (ASSUMPTION: rates of a
# hired 4.2 m box van and an 8 t truck in Shandong, 2024 listings; edit as data in SeasonVehicle for real use).
SEASON_VAN = {"capacity_parcels": 400, "capacity_kg": 2000, "capacity_litres": 10000, "cost_per_day_fen": 40_000,
              "cost_per_km_fen": 150}  # fmt: skip
SEASON_TRUCK = {"capacity_parcels": 1500, "capacity_kg": 8000, "capacity_litres": 40000, "cost_per_day_fen": 80_000,
                "cost_per_km_fen": 350}  # fmt: skip
# Vans make one loop a day (no second trip is planned) and stops are whole loads: twice the day's load.
SEASON_HEADROOM = 2.0


def season_fleet_sized(hub: Hub, day: dt.date, forecast: Forecast | None) -> list:
    """Season vehicles (not stored) sized to `day`'s outbound: per town node, vans for its stations' and
    collection points' pickups with `SEASON_HEADROOM`; at the hub, trucks for the county's total."""
    from jincun.routing.planning import FleetVehicle

    rows = [s for s in Station.objects.in_service_on(day).filter(town_node__hub=hub).select_related("village")
            if s.has_point]  # fmt: skip
    pickups, _ = station_pickups(rows, day, forecast)
    per_node: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for p in [*pickups.values(), *(p for _, p in point_pickups(hub, day).values())]:
        load = per_node[p.town_node_id]
        load[0], load[1], load[2] = load[0] + p.boxes, load[1] + p.kg, load[2] + p.litres
    out = []

    def need(load, spec) -> int:
        return math.ceil(SEASON_HEADROOM * max(load[0] / spec["capacity_parcels"], load[1] / spec["capacity_kg"],
                                               load[2] / spec["capacity_litres"]))  # fmt: skip

    def make(code, spec, hub_id, node_id, start, end):
        return FleetVehicle(code, "van", hub_id, node_id, spec["capacity_parcels"], spec["capacity_kg"],
                            spec["capacity_litres"], spec["cost_per_km_fen"], 0, start, end, False, None,
                            spec["cost_per_day_fen"], True)  # fmt: skip

    for node_id, load in sorted(per_node.items()):
        for i in range(need(load, SEASON_VAN)):
            out.append(
                make(f"SEASON-N{node_id}-{i + 1}", SEASON_VAN, None, node_id, 7 * 3600 + 1800, 18 * 3600)
            )
    total = [sum(x) for x in zip(*per_node.values(), strict=True)] if per_node else [0, 0, 0]
    for i in range(need(total, SEASON_TRUCK)):
        out.append(make(f"SEASON-T{i + 1:02d}", SEASON_TRUCK, hub.id, None, 6 * 3600, 16 * 3600))
    return out


def split_pickup(pickup: Pickup | None, vehicles: list, fill: float = 0.8) -> list[Pickup | None]:
    """`pickup` in parts that each fill at most `fill` of the largest vehicle in every dimension (boxes are
    shared out evenly, product by product); [pickup] when it fits, [None] when there is none."""
    if pickup is None or not vehicles:
        return [pickup]
    big = max(vehicles, key=lambda v: v.capacity_kg)
    ratio = max(
        pickup.boxes / big.capacity_parcels, pickup.kg / big.capacity_kg, pickup.litres / big.capacity_litres
    )
    parts = math.ceil(ratio / fill) if ratio > fill else 1
    if parts == 1:
        return [pickup]
    out = []
    for k in range(parts):
        part = Pickup(pickup.key, pickup.town_node_id)
        for product, boxes in sorted(pickup.by_product.items()):
            n = boxes // parts + (1 if k < boxes % parts else 0)
            if n:
                share = n / boxes
                kg, litres = _product_load(pickup, product)
                part.add(product, n, kg * share, litres * share)
        out.append(part)
    out[0].parcel_ids = list(pickup.parcel_ids)  # recorded parcels are listed on the first call's list
    return out


def _product_load(pickup: Pickup, product: str) -> tuple[float, float]:
    """kg and litres of one product in `pickup`, in proportion to the boxes (a pickup keeps totals only)."""
    share = pickup.by_product[product] / pickup.boxes if pickup.boxes else 0
    return pickup.kg * share, pickup.litres * share
