"""A thin, Django-free wrapper over PyVRP for our runs: capacitated, time windows, service times, multiple
depots, a heterogeneous fleet, optional stops with prizes (so a short day returns what is left and why),
locked stops, and two-way loads: each stop has a delivery (inbound parcels dropped) and a pickup (outbound
boxes collected), and PyVRP checks the load on board on every leg of the loop in every dimension (pieces,
weight, volume), so a loop that picks up more than it has dropped off must still fit. Season vehicles carry a
fixed cost per day (PyVRP's `fixed_cost`), so they are used only when the standing fleet is short.

Units inside: metres, seconds since local midnight, capacity [parcels, hectograms, litres] (load × LOAD_SCALE
and time × TIME_SCALE when stops are optional), costs in milli-fen (fen/km = milli-fen/m). Results come back in fen, km and hours.

How restrictions are enforced (PyVRP has no "client X only on vehicle Y" constraint):
- A stop tied to a depot (`Demand.depot`) is solved in that depot's sub-problem; stops without one share a
  single multi-depot model. Village parcels are sorted into their town node's cage, so only that node's
  vehicles carry them and the decomposition loses nothing.
- A locked stop (`Demand.locked_to`) is required, and every edge into it costs `FORBIDDEN` except in the
  routing profile of the vehicle it is locked to. `solve` checks the result and reports any breach.
"""

from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext_noop
from pyvrp import Client, Depot, Location, ProblemData, VehicleType
from pyvrp import solve as pyvrp_solve
from pyvrp.exceptions import PenaltyBoundWarning
from pyvrp.stop import MaxIterations, MaxRuntime, MultipleCriteria, NoImprovement

from jincun.routing.notes import LOCK_MISSED, note

INFEASIBLE_COST = np.iinfo(np.int64).max  # what PyVRP's cost evaluator reports for an infeasible best
FORBIDDEN = 10**9  # metres / seconds on an edge a vehicle may not use: far costlier than any prize
PRIZE_PER_STOP = 10**8  # milli-fen (1,000 yuan): serving a village beats any detour to reach it
PRIZE_PER_PARCEL = 10**5
# PyVRP caps its penalty per unit of excess load (PenaltyParams.max_penalty, 1e5); counting load in
# thousandths lets an overload cost more than a stop's prize, so a short fleet drops stops, not feasibility.
LOAD_SCALE = 1000
# Likewise its time-warp penalty is per unit of time: counting time in 1/20 s lets lateness of a minute or so
# outweigh a prize, so the solver drops a stop rather than arrive after the station closes.
TIME_SCALE = 20
SPEED_FACTORS = {"van": 1.0, "tricycle": 0.7, "mail": 1.0}


@dataclass
class SiteIn:
    """A depot: the hub or a town node."""

    key: str
    index: int  # row in the matrix


@dataclass
class Demand:
    key: str
    index: int  # row in the matrix
    parcels: int
    kg: float = 0.0
    litres: float = 0.0
    tw_early: int = 0
    tw_late: int = 24 * 3600
    service_s: int = 300
    depot: str | None = None
    locked_to: str | None = None
    pickup_parcels: int = 0  # outbound boxes collected here
    pickup_kg: float = 0.0
    pickup_litres: float = 0.0


@dataclass
class VehicleIn:
    key: str
    depot: str
    capacity_parcels: int
    capacity_kg: int
    capacity_litres: int
    cost_per_km_fen: int
    cost_per_hour_fen: int
    start_s: int
    end_s: int
    fixed_start: bool = False
    kind: str = "van"
    fixed_cost_fen: int = 0  # per day used (season hire); 0 for the standing fleet


@dataclass
class Visit:
    key: str
    arrive_s: int
    leave_s: int
    onboard: tuple[int, float, float] = (0, 0.0, 0.0)  # pieces, kg, litres on board after this stop


@dataclass
class RouteOut:
    vehicle: str
    depot: str
    visits: list[Visit]
    metres: int
    start_s: int
    end_s: int
    parcels: int
    kg: float
    cost_fen: int
    pickup_parcels: int = 0
    pickup_kg: float = 0.0
    peak: tuple[int, float, float] = (0, 0.0, 0.0)  # most on board on any leg

    @property
    def km(self) -> float:
        return self.metres / 1000

    @property
    def hours(self) -> float:
        return (self.end_s - self.start_s) / 3600


@dataclass
class Result:
    routes: list[RouteOut] = field(default_factory=list)
    unserved: list[tuple[str, str]] = field(default_factory=list)  # (demand key, reason)
    feasible: bool = True
    problems: list[str] = field(default_factory=list)

    @property
    def metres(self) -> int:
        return sum(r.metres for r in self.routes)

    @property
    def cost_fen(self) -> int:
        return sum(r.cost_fen for r in self.routes)

    @property
    def hours(self) -> float:
        return sum(r.hours for r in self.routes)


@dataclass
class Problem:
    depots: list[SiteIn]
    demands: list[Demand]
    vehicles: list[VehicleIn]
    metres: np.ndarray
    seconds: np.ndarray


def stopping(time_limit: float, iterations: int | None = None, no_improvement: int | None = None):
    """Stop at the time limit, or earlier after `iterations` (deterministic) or `no_improvement` iterations."""
    criteria = [MaxRuntime(max(time_limit, 0.01))]
    if iterations:
        criteria.append(MaxIterations(iterations))
    if no_improvement:
        criteria.append(NoImprovement(no_improvement))
    return MultipleCriteria(criteria) if len(criteria) > 1 else criteria[0]


class _GiveUpIfInfeasible:
    """Stops the required-stops attempt once `seconds` pass (or, when set, `iterations` — deterministic)
    without any feasible solution, so the optional-stops attempt gets the rest of the budget."""

    def __init__(self, seconds: float, iterations: int | None = None):
        self.deadline = time.perf_counter() + seconds
        self.iterations, self.calls = iterations, 0
        self.gave_up = False

    def __call__(self, best_cost: int) -> bool:
        self.calls += 1
        late = self.calls > self.iterations if self.iterations else time.perf_counter() > self.deadline
        if best_cost >= INFEASIBLE_COST and late:
            self.gave_up = True
        return self.gave_up


def solve(
    problem: Problem,
    time_limit: float = 10.0,
    seed: int = 1,
    iterations: int | None = None,
    no_improvement: int | None = 5000,
) -> Result:
    """Plan routes for `problem`. Never raises for a short fleet: what cannot be carried is in `unserved`."""
    result = Result()
    parts: dict[str | None, list[Demand]] = {}
    for d in problem.demands:
        parts.setdefault(d.depot, []).append(d)
    total = max(len(problem.demands), 1)
    # Each part gets its share of what is left of the budget, so one part's set-up time is taken from the
    # parts after it and the whole solve holds to `time_limit` (a fixed share per part overran it).
    started, left_demands = time.perf_counter(), total
    for depot_key, demands in sorted(parts.items(), key=lambda kv: kv[0] or ""):
        depots = [s for s in problem.depots if depot_key is None or s.key == depot_key]
        names = {s.key for s in depots}
        vehicles = [v for v in problem.vehicles if v.depot in names]
        left = max(0.01, time_limit - (time.perf_counter() - started))
        share = left * len(demands) / max(left_demands, 1)
        left_demands -= len(demands)
        its = max(1, iterations * len(demands) // total) if iterations else None
        _solve_part(problem, depots, demands, vehicles, share, seed, its, no_improvement, result)
    return result


def _solve_part(problem, depots, demands, vehicles, time_limit, seed, iterations, no_improvement, result):
    servable = []
    for d in demands:
        reason = _obvious_reason(problem, d, vehicles)
        if reason:
            result.unserved.append((d.key, reason))
        else:
            servable.append(d)
    if not servable:
        return
    rows = [s.index for s in depots] + [d.index for d in servable]
    metres = problem.metres[np.ix_(rows, rows)]
    seconds = problem.seconds[np.ix_(rows, rows)]
    n_dep = len(depots)
    depot_pos = {s.key: i for i, s in enumerate(depots)}
    locked_cols = {}
    for i, d in enumerate(servable):
        if d.locked_to:
            locked_cols.setdefault(d.locked_to, []).append(n_dep + i)
    all_locked = [c for cols in locked_cols.values() for c in cols]

    # Identical vehicles (same depot, capacity, costs, hours, kind, no lock) share one vehicle type: PyVRP
    # searches a homogeneous type better than many single-vehicle ones.
    groups: dict[tuple, list[VehicleIn]] = {}
    for v in vehicles:
        lock = v.key if v.key in locked_cols else None
        key = (v.depot, tuple(_capacity(v)), v.cost_per_km_fen, v.cost_per_hour_fen, v.start_s, v.end_s, v.fixed_start,
               v.kind, lock, v.fixed_cost_fen)  # fmt: skip
        groups.setdefault(key, []).append(v)
    # First try every stop as required when the fleet clearly has room: the plain CVRPTW PyVRP is tuned for.
    # If that finds nothing feasible within a quarter of the budget (or the fleet is short), stops become
    # optional with prizes (see top) for the rest of the budget.
    attempts = [True, False] if _fits_easily(servable, vehicles) and vehicles else [False]
    deadline = time.perf_counter() + time_limit
    for required_all in attempts:
        scale, tscale = (1, 1) if required_all else (LOAD_SCALE, TIME_SCALE)
        profiles: dict[tuple, int] = {}
        dist_mats, dur_mats = [], []

        def profile_for(
            v: VehicleIn, profiles=profiles, dist_mats=dist_mats, dur_mats=dur_mats, tscale=tscale
        ):
            key = (SPEED_FACTORS.get(v.kind, 1.0), v.key if v.key in locked_cols else None)
            if key not in profiles:
                dist = metres.copy()
                dur = np.rint(seconds * tscale / key[0]).astype(np.int64)
                forbidden = [c for c in all_locked if c not in locked_cols.get(key[1], [])]
                dist[:, forbidden] = FORBIDDEN
                dur[:, forbidden] = FORBIDDEN
                np.fill_diagonal(dist, 0)
                np.fill_diagonal(dur, 0)
                profiles[key] = len(dist_mats)
                dist_mats.append(dist)
                dur_mats.append(dur)
            return profiles[key]

        vtypes, members = [], []
        for group in groups.values():
            v = group[0]
            vtypes.append(
                VehicleType(
                    num_available=len(group),
                    capacity=_capacity(v, scale),
                    start_depot=depot_pos[v.depot],
                    end_depot=depot_pos[v.depot],
                    tw_early=v.start_s * tscale,
                    tw_late=v.end_s * tscale,
                    start_late=(v.start_s if v.fixed_start else v.end_s) * tscale,
                    unit_distance_cost=v.cost_per_km_fen,
                    unit_duration_cost=round(v.cost_per_hour_fen * 1000 / 3600 / tscale),
                    fixed_cost=v.fixed_cost_fen * 1000,
                    profile=profile_for(v),
                    name=v.key,
                )
            )
            members.append(list(group))
        locations = [Location(0, 0) for _ in rows]
        pv_depots = [Depot(location=i, name=s.key) for i, s in enumerate(depots)]
        clients = [
            Client(
                location=n_dep + i,
                delivery=_load(d, scale),
                pickup=_pickup(d, scale),
                service_duration=d.service_s * tscale,
                tw_early=d.tw_early * tscale,
                tw_late=d.tw_late * tscale,
                prize=0
                if required_all
                else PRIZE_PER_STOP + PRIZE_PER_PARCEL * (d.parcels + d.pickup_parcels),
                required=required_all or bool(d.locked_to),
                name=d.key,
            )
            for i, d in enumerate(servable)
        ]
        data = ProblemData(locations, clients, pv_depots, vtypes, dist_mats, dur_mats)
        stop = stopping(max(deadline - time.perf_counter(), 0.01), iterations, no_improvement)
        if required_all and len(attempts) > 1:
            patience = max(1, iterations // 4) if iterations else None
            stop = MultipleCriteria([stop, _GiveUpIfInfeasible(time_limit * 0.25, patience)])
        with warnings.catch_warnings():
            # A short fleet makes PyVRP's penalties hit their cap; we report that day ourselves.
            warnings.simplefilter("ignore", PenaltyBoundWarning)
            best = pyvrp_solve(data, stop, seed=seed, collect_stats=False, display=False).best
        if best.is_feasible() or not required_all:
            break
    _read_solution(best, servable, members, depots, metres, result, n_dep, tscale)


def _load(d: Demand, scale: int = 1) -> list[int]:
    return [d.parcels * scale, math.ceil(d.kg * 10) * scale, math.ceil(d.litres) * scale]


def _pickup(d: Demand, scale: int = 1) -> list[int]:
    return [d.pickup_parcels * scale, math.ceil(d.pickup_kg * 10) * scale, math.ceil(d.pickup_litres) * scale]


def _capacity(v: VehicleIn, scale: int = 1) -> list[int]:
    return [v.capacity_parcels * scale, v.capacity_kg * 10 * scale, v.capacity_litres * scale]


def _fits_easily(demands: list[Demand], vehicles: list[VehicleIn]) -> bool:
    """Total load (the larger of what is dropped and what is collected) under 90% of the fleet's capacity in
    every dimension: worth trying all stops as required."""
    drop = [sum(x) for x in zip(*(_load(d) for d in demands), strict=True)]
    collect = [sum(x) for x in zip(*(_pickup(d) for d in demands), strict=True)]
    need = [max(a, b) for a, b in zip(drop, collect, strict=True)]
    have = [sum(x) for x in zip(*(_capacity(v) for v in vehicles), strict=True)]
    return all(n <= 0.9 * h for n, h in zip(need, have, strict=True))


def _obvious_reason(problem: Problem, d: Demand, vehicles: list[VehicleIn]) -> str | None:
    """A reason no vehicle could ever carry `d`, found before solving; None if one might."""
    if d.locked_to and d.locked_to not in {v.key for v in vehicles}:
        return gettext_noop("锁定的车辆不可用")
    if not vehicles:
        return gettext_noop("该节点无可用车辆")
    load = [max(a, b) for a, b in zip(_load(d), _pickup(d), strict=True)]
    if not any(all(a <= b for a, b in zip(load, _capacity(v), strict=True)) for v in vehicles):
        return gettext_noop("件量、重量或体积超过任何一辆车的容量")
    depot_rows = {s.key: s.index for s in problem.depots}
    for v in vehicles:
        factor = SPEED_FACTORS.get(v.kind, 1.0)
        there = problem.seconds[depot_rows[v.depot], d.index] / factor
        back = problem.seconds[d.index, depot_rows[v.depot]] / factor
        arrive = max(v.start_s + there, d.tw_early)
        if arrive <= d.tw_late and arrive + d.service_s + back <= v.end_s:
            return None
    return gettext_noop("营业时间或车辆工作时间内无法送达")


def _read_solution(best, servable, members, depots, metres, result, n_dep, tscale):
    vehicles = [v for group in members for v in group]
    served = set()
    if not best.is_feasible():
        result.feasible = False
        result.problems.append(gettext_noop("求解结果不可行（超载或超时），请增加时限或车辆"))
    for route in best.routes():
        v = members[route.vehicle_type()].pop(0)  # routes of one type go to its vehicles in code order
        visits, idxs, parcels, kg = [], [], 0, 0.0
        clients = [servable[act.idx] for act in route.schedule() if act.is_client()]
        onboard = [
            sum(d.parcels for d in clients),
            sum(d.kg for d in clients),
            sum(d.litres for d in clients),
        ]
        peak = tuple(onboard)
        for act in route.schedule():
            if not act.is_client():
                continue
            d = servable[act.idx]
            served.add(act.idx)
            idxs.append(act.idx)
            onboard = [onboard[0] - d.parcels + d.pickup_parcels, onboard[1] - d.kg + d.pickup_kg,
                       onboard[2] - d.litres + d.pickup_litres]  # fmt: skip
            peak = tuple(max(a, b) for a, b in zip(peak, onboard, strict=True))
            visits.append(Visit(d.key, act.start_time // tscale, act.end_time // tscale,
                                (onboard[0], round(onboard[1], 1), round(onboard[2], 1))))  # fmt: skip
            parcels += d.parcels
            kg += d.kg
            if d.locked_to and d.locked_to != v.key:
                result.feasible = False
                result.problems.append(note(LOCK_MISSED, key=d.key))
        start, end = route.start_time() // tscale, route.end_time() // tscale
        home = next(i for i, s in enumerate(depots) if s.key == v.depot)
        order = [home] + [n_dep + i for i in idxs] + [home]
        dist = int(sum(metres[a, b] for a, b in zip(order, order[1:], strict=False)))
        cost = (
            round(dist / 1000 * v.cost_per_km_fen + (end - start) / 3600 * v.cost_per_hour_fen)
            + v.fixed_cost_fen
        )
        result.routes.append(RouteOut(v.key, v.depot, visits, dist, start, end, parcels, kg, cost,
                                      sum(d.pickup_parcels for d in clients), sum(d.pickup_kg for d in clients),
                                      (peak[0], round(peak[1], 1), round(peak[2], 1))))  # fmt: skip
    for i, d in enumerate(servable):
        if i not in served:
            result.unserved.append((d.key, _capacity_reason(servable, vehicles)))


def _capacity_reason(servable: list[Demand], vehicles: list[VehicleIn]) -> str:
    if sum(x.parcels for x in servable) > sum(v.capacity_parcels for v in vehicles):
        return gettext_noop("运力不足：当日件量超过车辆总容量")
    if sum(x.kg for x in servable) > sum(v.capacity_kg for v in vehicles):
        return gettext_noop("运力不足：当日重量超过车辆总载重")
    if sum(x.pickup_parcels for x in servable) > sum(v.capacity_parcels for v in vehicles):
        return gettext_noop("运力不足：当日揽收件数超过车辆总容量")
    if sum(x.pickup_kg for x in servable) > sum(v.capacity_kg for v in vehicles):
        return gettext_noop("运力不足：当日揽收重量超过车辆总载重")
    if sum(max(x.litres, x.pickup_litres) for x in servable) > sum(v.capacity_litres for v in vehicles):
        return gettext_noop("运力不足：当日体积超过车辆总容积")
    return gettext_noop("运力不足：车辆工作时间内排不下")
