"""Compute a day's runs (nothing stored): the trunk hub → town nodes, then village runs town node → stations,
plus the China Post handovers at the hub. `services/plans.py` stores the result; `compare.py` reuses it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_noop

from jincun.network.choices import Mode
from jincun.network.models import Hub, Station
from jincun.routing import solver
from jincun.routing.choices import RunKind, StopKind
from jincun.routing.demand import KG_PER_PARCEL, LITRES_PER_PARCEL, NO_AGREEMENT, Delivery, deliveries_for
from jincun.routing.distance import Point, build_matrix
from jincun.routing.models import MailRouteStop, Vehicle, VillagePolicy
from jincun.routing.notes import TRUNK, note
from jincun.routing.outbound import Forecast, Pickup
from jincun.routing.policy import days_carried, is_due
from jincun.routing.two_way import TwoWayLoads, season_fleet_for, season_summary, split_pickup, two_way_loads

NODE_SERVICE_S, NODE_SERVICE_PER_PARCEL_S = 20 * 60, 2
STATION_SERVICE_S, STATION_SERVICE_PER_PARCEL_S = 5 * 60, 10
SORT_AT_NODE_S = 30 * 60  # after the trunk unloads, the node sorts by village before village runs leave


@dataclass(frozen=True)
class FleetVehicle:
    """A vehicle as the planner sees it (a DB row, or a copy for one brand in the comparison)."""

    code: str
    kind: str
    hub_id: int | None
    node_id: int | None
    capacity_parcels: int
    capacity_kg: int
    capacity_litres: int
    cost_per_km_fen: int
    cost_per_hour_fen: int
    start_s: int
    end_s: int
    fixed_start: bool
    vehicle_id: int | None = None
    fixed_cost_fen: int = 0  # per day used: a season hire
    season: bool = False

    @classmethod
    def from_row(cls, v: Vehicle) -> FleetVehicle:
        start = v.departs_at or v.works_from
        return cls(
            v.code, v.kind, v.hub_id, v.town_node_id, v.capacity_parcels, v.capacity_kg, v.capacity_litres,
            v.cost_per_km_fen, v.cost_per_hour_fen, _secs(start), _secs(v.works_until), v.departs_at is not None,
            v.id,
        )  # fmt: skip


@dataclass
class PlannedStop:
    kind: str
    name: str
    place_id: int
    lat: float | None
    lon: float | None
    eta_s: int
    by_brand: dict[str, int]
    locked: bool = False
    pickup: Pickup | None = None  # outbound collected here
    onboard: tuple[int, float, float] = (0, 0.0, 0.0)  # pieces, kg, litres on board as the vehicle leaves

    @property
    def parcels(self) -> int:
        return sum(self.by_brand.values())

    @property
    def pickup_boxes(self) -> int:
        return self.pickup.boxes if self.pickup else 0


@dataclass
class PlannedRun:
    kind: str
    vehicle: FleetVehicle | None
    depot_name: str
    hub_id: int | None
    node_id: int | None
    start_s: int
    end_s: int
    metres: int
    cost_fen: int
    stops: list[PlannedStop] = field(default_factory=list)
    peak: tuple[int, float, float] = (0, 0.0, 0.0)

    @property
    def parcels(self) -> int:
        return sum(s.parcels for s in self.stops)

    @property
    def pickup_boxes(self) -> int:
        return sum(s.pickup_boxes for s in self.stops)

    @property
    def pickup_kg(self) -> float:
        return sum(s.pickup.kg for s in self.stops if s.pickup)


@dataclass
class DayPlan:
    day: dt.date
    runs: list[PlannedRun] = field(default_factory=list)
    unserved: list[dict] = field(default_factory=list)
    deferred: list[dict] = field(default_factory=list)
    source: str = "forecast"
    distance_source: str = ""
    approximate: bool = True
    feasible: bool = True
    problems: list[str] = field(default_factory=list)
    outbound_source: str = "none"
    season: dict = field(default_factory=dict)  # season vehicles used, and how many more the day needs

    def total(self, kind: str | None = None) -> dict:
        runs = [r for r in self.runs if r.vehicle and (kind is None or r.kind == kind)]
        return {
            "runs": len(runs),
            "km": round(sum(r.metres for r in runs) / 1000, 1),
            "hours": round(sum(r.end_s - r.start_s for r in runs) / 3600, 2),
            "cost_fen": sum(r.cost_fen for r in runs),
            "parcels": sum(r.parcels for r in self.runs if r.kind != RunKind.VILLAGE),
            "pickups": sum(r.pickup_boxes for r in self.runs if r.kind == RunKind.VILLAGE),
        }


def _secs(t: dt.time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def fleet_for(hub: Hub) -> list[FleetVehicle]:
    rows = Vehicle.objects.filter(active=True).filter(hub=hub) | Vehicle.objects.filter(
        active=True, town_node__hub=hub
    )
    return [FleetVehicle.from_row(v) for v in rows.order_by("code")]


def _unserved(plan: DayPlan, kind: str, name: str, d_or_parcels, reason: str, **ids):
    by_brand = d_or_parcels if isinstance(d_or_parcels, dict) else d_or_parcels.by_brand
    plan.unserved.append({"kind": kind, "name": name, "parcels": sum(by_brand.values()), "by_brand": by_brand,
                          "reason": reason, **ids})  # fmt: skip


def _add(into: dict[str, int], by_brand: dict[str, int], times: int = 1):
    for b, n in by_brand.items():
        into[b] = into.get(b, 0) + n * times


def compute_day(
    hub: Hub,
    day: dt.date,
    *,
    time_limit: float = 10.0,
    seed: int = 1,
    iterations: int | None = None,
    brands: set[str] | None = None,
    fleet: list[FleetVehicle] | None = None,
    locks: dict[str, str] | None = None,
    postal_by_road: bool = False,
    policy_for_all: VillagePolicy | None = None,
    osrm_url: str | None = None,
    two_way: bool = True,
    outbound_forecast: Forecast | None = None,
) -> DayPlan:
    """Plan `day` for `hub`'s network. `locks` maps "S<station id>" / "N<node id>" to a vehicle code;
    `policy_for_all` (unsaved) replaces every village's frequency policy, for what-if figures. With `two_way`
    the runs also collect outbound (see `outbound.py`; `outbound_forecast` overrides the registered forecast)
    and the season's hired vehicles join the fleet on their dates.

    Never raises for a short day: whatever no run carries is in `unserved` with the reason."""
    plan = DayPlan(day=day)
    deliveries, plan.source = deliveries_for(hub, day, brands)
    if fleet is None:
        fleet = fleet_for(hub) + (season_fleet_for(hub, day) if two_way else [])
    locks = locks or {}
    stations, proxies, handovers = _route_deliveries(
        plan, hub, day, deliveries, postal_by_road, policy_for_all
    )
    up = two_way_loads(plan, hub, day, stations, outbound_forecast) if two_way else TwoWayLoads()
    nodes = {n.id: n for n in hub.town_nodes.select_related("town").order_by("code")}
    node_load: dict[int, dict[str, int]] = {}
    for st, by_brand in stations.values():
        if by_brand:
            _add(node_load.setdefault(st.town_node_id, {}), by_brand)
    for node_id, by_brand in proxies.items():
        _add(node_load.setdefault(node_id, {}), by_brand)

    wanted = set(node_load) | set(up.nodes) | {st.town_node_id for st, _ in stations.values()}
    wanted |= {cp.town_node_id for cp, _ in up.points.values()}
    node_list = [nodes[i] for i in sorted(wanted) if i in nodes]
    station_list = [st for st, _ in stations.values()]
    point_list = [cp for cp, _ in up.points.values()]
    places = [hub, *node_list, *station_list, *point_list]
    missing = [p for p in places if not p.has_point]
    if any(p is hub for p in missing):
        plan.feasible = False
        plan.problems.append(gettext_noop("共配中心无坐标，无法规划"))
        return plan
    points = [Point(p.lat or 0, p.lon or 0, "county" if p in (hub, *node_list) else "village",
                    p.location_approximate) for p in places]  # fmt: skip
    matrix = build_matrix(points, hub.county.code, osrm_url)
    plan.distance_source, plan.approximate = matrix.source, matrix.approximate
    index = {("H", hub.id): 0}
    index.update({("N", n.id): 1 + i for i, n in enumerate(node_list)})
    index.update({("S", s.id): 1 + len(node_list) + i for i, s in enumerate(station_list)})
    index.update({("C", c.id): 1 + len(node_list) + len(station_list) + i for i, c in enumerate(point_list)})

    # Trunk: hub → town nodes, bringing each node's outbound back to the hub.
    trunk_demands = []
    trunk_fleet = [v for v in fleet if v.hub_id == hub.id]
    node_parts: dict[str, Pickup | None] = {}
    for n in node_list:
        by_brand = node_load.get(n.id, {})
        pickup = up.nodes.get(n.id)
        if not n.has_point:
            _unserved(
                plan, StopKind.NODE, n.name, by_brand, gettext_noop("镇级节点无坐标"), town_node_id=n.id
            )
            continue
        if not by_brand and pickup is None:
            continue
        parcels = sum(by_brand.values())
        # A node's outbound larger than a truck goes in several calls (keys N<id>, N<id>.2, …); the first
        # also drops the inbound.
        for k, part in enumerate(split_pickup(pickup, trunk_fleet), start=1):
            key = f"N{n.id}" if k == 1 else f"N{n.id}.{k}"
            node_parts[key] = part
            drop = parcels if k == 1 else 0
            trunk_demands.append(solver.Demand(
                key=key, index=index[("N", n.id)], parcels=drop, kg=drop * KG_PER_PARCEL,
                litres=drop * LITRES_PER_PARCEL, tw_early=5 * 3600, tw_late=22 * 3600,
                service_s=NODE_SERVICE_S + NODE_SERVICE_PER_PARCEL_S * (drop + _boxes(part)),
                locked_to=locks.get(f"N{n.id}") if k == 1 else None, **_pickup_args(part),
            ))  # fmt: skip
    trunk = solver.solve(
        solver.Problem([solver.SiteIn(f"H{hub.id}", 0)], trunk_demands, [_vin(v, f"H{hub.id}") for v in trunk_fleet],
                       matrix.metres, matrix.seconds),
        time_limit=time_limit * 0.2, seed=seed, iterations=iterations,
    )  # fmt: skip
    _merge_problems(plan, trunk)
    arrival: dict[int, int] = {}
    by_code = {v.code: v for v in fleet}
    for r in trunk.routes:
        run = PlannedRun(RunKind.TRUNK, by_code[r.vehicle], hub.name, hub.id, None, r.start_s, r.end_s, r.metres,
                         r.cost_fen, peak=r.peak)  # fmt: skip
        for visit in r.visits:
            n = nodes[_node_id(visit.key)]
            first = "." not in visit.key
            if first:
                arrival[n.id] = visit.leave_s
            run.stops.append(PlannedStop(StopKind.NODE, n.name, n.id, n.lat, n.lon, visit.arrive_s,
                                         node_load.get(n.id, {}) if first else {}, bool(locks.get(visit.key)),
                                         node_parts.get(visit.key), visit.onboard))  # fmt: skip
        plan.runs.append(run)
    for key, reason in trunk.unserved:
        n = nodes[_node_id(key)]
        _unserved(plan, StopKind.NODE, n.name, node_load.get(n.id, {}) if "." not in key else {}, note(TRUNK, reason=reason),
                  town_node_id=n.id, **_up(node_parts.get(key)))  # fmt: skip

    # Village runs: town node → stations (and collection points), leaving once the trunk has unloaded and the
    # node has sorted; a node the trunk had nothing to bring sends its vans out at their usual time.
    village_demands, village_fleet = [], []
    for st, by_brand in stations.values():
        pickup = up.stations.get(st.id)
        if by_brand and st.town_node_id not in arrival:
            _unserved(
                plan,
                StopKind.STATION,
                st.name,
                by_brand,
                gettext_noop("干线未送达镇级节点"),
                station_id=st.id,
            )
            by_brand = {}
            stations[st.id] = (st, by_brand)
            if pickup is None:
                continue
        parcels = sum(by_brand.values())
        village_demands.append(solver.Demand(
            key=f"S{st.id}", index=index[("S", st.id)], parcels=parcels, kg=parcels * KG_PER_PARCEL,
            litres=parcels * LITRES_PER_PARCEL, tw_early=_secs(st.opens_at), tw_late=_secs(st.closes_at),
            service_s=STATION_SERVICE_S + STATION_SERVICE_PER_PARCEL_S * (parcels + _boxes(pickup)),
            depot=f"N{st.town_node_id}", locked_to=locks.get(f"S{st.id}"), **_pickup_args(pickup),
        ))  # fmt: skip
    for cp, pickup in up.points.values():
        if not cp.has_point:
            _unserved(plan, StopKind.COLLECTION, cp.name, {}, gettext_noop("收集点无坐标"), **_up(pickup))
            continue
        village_demands.append(solver.Demand(
            key=f"C{cp.id}", index=index[("C", cp.id)], parcels=0, tw_early=_secs(cp.opens_at),
            tw_late=_secs(cp.closes_at), service_s=STATION_SERVICE_S + STATION_SERVICE_PER_PARCEL_S * pickup.boxes,
            depot=f"N{cp.town_node_id}", **_pickup_args(pickup),
        ))  # fmt: skip
    depot_ids = {n.id for n in node_list}
    for v in fleet:
        if v.node_id in arrival:
            ready = arrival[v.node_id] + SORT_AT_NODE_S
            village_fleet.append(replace(_vin(v, f"N{v.node_id}"), start_s=max(v.start_s, ready)))
        elif v.node_id in depot_ids:  # nothing came (or could come) on the trunk: the vans still collect
            village_fleet.append(_vin(v, f"N{v.node_id}"))
    depots = [solver.SiteIn(f"N{n.id}", index[("N", n.id)]) for n in node_list]
    village = solver.solve(
        solver.Problem(depots, village_demands, village_fleet, matrix.metres, matrix.seconds),
        time_limit=time_limit * 0.8, seed=seed, iterations=iterations,
    )  # fmt: skip
    _merge_problems(plan, village)
    station_by_key = {f"S{st.id}": (st, b) for st, b in stations.values()}
    for r in village.routes:
        node = nodes[int(r.depot[1:])]
        run = PlannedRun(RunKind.VILLAGE, by_code[r.vehicle], node.name, None, node.id, r.start_s, r.end_s,
                         r.metres, r.cost_fen, peak=r.peak)  # fmt: skip
        for visit in r.visits:
            if visit.key.startswith("C"):
                cp, pickup = up.points[int(visit.key[1:])]
                run.stops.append(PlannedStop(StopKind.COLLECTION, cp.name, cp.id, cp.lat, cp.lon, visit.arrive_s,
                                             {}, False, pickup, visit.onboard))  # fmt: skip
                continue
            st, by_brand = station_by_key[visit.key]
            run.stops.append(PlannedStop(StopKind.STATION, st.name, st.id, st.lat, st.lon, visit.arrive_s,
                                         by_brand, bool(locks.get(visit.key)), up.stations.get(st.id),
                                         visit.onboard))  # fmt: skip
        plan.runs.append(run)
    for key, reason in village.unserved:
        if key.startswith("C"):
            cp, pickup = up.points[int(key[1:])]
            _unserved(plan, StopKind.COLLECTION, cp.name, {}, reason, **_up(pickup))
            continue
        st, by_brand = station_by_key[key]
        _unserved(plan, StopKind.STATION, st.name, by_brand, reason, station_id=st.id,
                  **_up(up.stations.get(st.id)))  # fmt: skip
    plan.runs.extend(_handover_runs(hub, handovers))
    if two_way:
        plan.season = season_summary(plan, fleet)
    return plan


def _node_id(key: str) -> int:
    return int(key[1:].split(".")[0])


def _boxes(pickup: Pickup | None) -> int:
    return pickup.boxes if pickup else 0


def _up(pickup: Pickup | None) -> dict:
    return {"pickup_boxes": pickup.boxes, "pickup_kg": round(pickup.kg, 1)} if pickup else {}


def _pickup_args(pickup: Pickup | None) -> dict:
    if pickup is None:
        return {}
    return {"pickup_parcels": pickup.boxes, "pickup_kg": pickup.kg, "pickup_litres": pickup.litres}


def _vin(v: FleetVehicle, depot: str) -> solver.VehicleIn:
    return solver.VehicleIn(v.code, depot, v.capacity_parcels, v.capacity_kg, v.capacity_litres, v.cost_per_km_fen,
                            v.cost_per_hour_fen, v.start_s, v.end_s, v.fixed_start, v.kind, v.fixed_cost_fen)  # fmt: skip


def _merge_problems(plan: DayPlan, result: solver.Result):
    plan.feasible = plan.feasible and result.feasible
    plan.problems.extend(result.problems)


def _route_deliveries(plan, hub, day, deliveries: list[Delivery], postal_by_road: bool, policy_for_all=None):
    """Sort deliveries by destination: stations (village runs), node service centers, mail route handovers.
    Villages not due today under their frequency policy go to `plan.deferred`."""
    policies = {
        p.village_id: p
        for p in VillagePolicy.objects.filter(village_id__in={d.village.code for d in deliveries})
    }
    station_ids = {d.station_id for d in deliveries if d.station_id}
    station_rows = {s.id: s for s in Station.objects.filter(id__in=station_ids).select_related("town_node")}
    mail_stops = {
        ms.village_id: ms
        for ms in MailRouteStop.objects.filter(route__hub=hub).select_related("route").order_by("route__code")
        if ms.route.runs_on(day)
    }
    stations: dict[int, tuple[Station, dict]] = {}
    proxies: dict[int, dict] = {}
    handovers: dict[int, list] = {}
    for d in deliveries:
        policy = (
            _staggered(policy_for_all, d.village.code) if policy_for_all else policies.get(d.village.code)
        )
        wait = d.oldest_wait_days if plan.source == "parcels" else None
        if not is_due(policy, day, wait):
            plan.deferred.append({"village": d.village.name, "code": d.village.code, "parcels": d.parcels})
            continue
        times = days_carried(policy) if plan.source == "forecast" else 1
        by_brand = {b: n * times for b, n in d.by_brand.items()}
        if d.mode == NO_AGREEMENT:
            _unserved(
                plan, StopKind.STATION, d.village.name, by_brand, gettext_noop("该村该品牌无有效合作协议")
            )
        elif d.mode == Mode.PROXY:
            _add(proxies.setdefault(d.town_node_id, {}), by_brand)
        elif d.mode == Mode.POSTAL and not postal_by_road:
            ms = mail_stops.get(d.village.code)
            if ms is None:
                _unserved(
                    plan,
                    StopKind.HANDOVER,
                    d.village.name,
                    by_brand,
                    gettext_noop("无邮路覆盖该村（或邮路今日不运行）"),
                )
            else:
                handovers.setdefault(ms.route_id, []).append((ms, by_brand))
        else:
            st = station_rows.get(d.station_id)
            if st is None:
                _unserved(plan, StopKind.STATION, d.village.name, by_brand, gettext_noop("协议未指定站点"))
            elif not st.in_service_on(day):
                _unserved(
                    plan,
                    StopKind.STATION,
                    st.name,
                    by_brand,
                    gettext_noop("站点当日未营业"),
                    station_id=st.id,
                )
            elif not st.has_point:
                _unserved(
                    plan, StopKind.STATION, st.name, by_brand, gettext_noop("站点无坐标"), station_id=st.id
                )
            else:
                _add(stations.setdefault(st.id, (st, {}))[1], by_brand)
    return stations, proxies, handovers


def _staggered(policy: VillagePolicy, code: str) -> VillagePolicy:
    """A what-if policy for one village, its phase spread by village code so that each day carries about the
    same share of villages (as a county would schedule them)."""
    every = days_carried(policy)
    phase = int(code[-3:]) % every if code[-3:].isdigit() else 0
    return VillagePolicy(frequency=policy.frequency, wait_days=policy.wait_days, parity=phase)


def _handover_runs(hub: Hub, handovers: dict[int, list]) -> list[PlannedRun]:
    """One run per mail route: the list China Post signs at the hub. No km: the route runs anyway."""
    runs = []
    for items in handovers.values():
        route = items[0][0].route
        start = _secs(route.handover_by)
        run = PlannedRun(RunKind.HANDOVER, None, hub.name, hub.id, None, start, start, 0, 0)
        run.depot_name = f"{hub.name} → {route.name}"
        for ms, by_brand in sorted(items, key=lambda x: x[0].order):
            run.stops.append(PlannedStop(StopKind.HANDOVER, ms.village.name, route.id, None, None,
                                         _secs(ms.arrives_at), by_brand))  # fmt: skip
        runs.append(run)
    return runs
