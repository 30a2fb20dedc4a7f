"""Two-way runs benchmark (issue 15). Prints figures and, in the same run, the baseline they are measured against.

Public VRPSPD instances (Dethloff, Salhi–Nagy, Montané–Galvão) ship with the LKH-3 distribution and on
university pages; neither PyVRP's wheel nor, as far as we found, any registry package or PyPI source
distribution carries them, so no gap to a best known value is printed. Instead:

(a) A generated VRPSPD instance (200 clients, one depot, one load dimension with delivery and pickup per
    client): our `solver.solve` against plain `pyvrp.solve` on the same budget and seed: cost ratio.
(b) A generated peak-season county day: 600 stations around 12 town nodes, each dropping inbound parcels
    (1.2 kg, 6 L) and collecting apple boxes (7.5 kg, 30 L), opening hours, a standing fleet per node plus season
    vans with a day's hire: our wrapper in the 60 s budget, against plain PyVRP on the whole multi-depot problem
    with the same budget (cost ratio), and peak RSS.

Run: .venv/bin/python bench/bench_two_way.py [--quick]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jincun.routing import solver  # noqa: E402  (Django-free)


def _matrix(xy: np.ndarray) -> np.ndarray:
    return np.rint(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))).astype(np.int64)


def part_a(budget: float):
    from pyvrp import Client, Depot, Location, ProblemData, VehicleType, solve
    from pyvrp.stop import MaxRuntime

    rng = np.random.default_rng(11)
    n = 200
    xy = rng.integers(0, 1000, size=(n + 1, 2))
    dist = _matrix(xy)
    drop, pick = rng.integers(0, 40, size=n + 1), rng.integers(0, 40, size=n + 1)
    cap, k = 200, 60
    demands = [solver.Demand(str(i), i, int(drop[i]), service_s=0, tw_early=0, tw_late=10**9,
                             pickup_parcels=int(pick[i])) for i in range(1, n + 1)]  # fmt: skip
    fleet = [solver.VehicleIn(f"v{j}", "D", cap, 10**6, 10**6, 1000, 0, 0, 10**9) for j in range(k)]
    t0 = time.perf_counter()
    ours = solver.solve(solver.Problem([solver.SiteIn("D", 0)], demands, fleet, dist, dist), time_limit=budget,
                        seed=1, no_improvement=None)  # fmt: skip
    t_ours = time.perf_counter() - t0
    data = ProblemData([Location(0, 0) for _ in range(n + 1)],
                       [Client(location=i, delivery=[int(drop[i])], pickup=[int(pick[i])]) for i in range(1, n + 1)],
                       [Depot(location=0)], [VehicleType(num_available=k, capacity=[cap])], [dist], [dist])  # fmt: skip
    t0 = time.perf_counter()
    direct = solve(data, MaxRuntime(budget), seed=1, collect_stats=False, display=False).best
    t_direct = time.perf_counter() - t0
    assert ours.feasible and not ours.unserved and direct.is_feasible()
    print(f"(a) generated VRPSPD, {n} clients, capacity {cap}, budget {budget:.0f} s, seed 1")
    print(f"    wrapper {ours.metres} ({t_ours:.1f} s)  plain PyVRP {direct.distance()} ({t_direct:.1f} s)  "
          f"ratio {ours.metres / direct.distance():.3f}")  # fmt: skip


def _county(seed: int = 5, stations: int = 600, nodes: int = 12):
    rng = np.random.default_rng(seed)
    ang = np.linspace(0, 2 * np.pi, nodes, endpoint=False)
    node_xy = np.c_[30000 + 20000 * np.cos(ang), 30000 + 20000 * np.sin(ang)]
    owner = np.arange(stations) % nodes
    st_xy = node_xy[owner] + rng.normal(0, 4000, size=(stations, 2))
    xy = np.vstack([[30000, 30000], node_xy, st_xy])
    metres = np.rint(_matrix(xy) * 1.3).astype(np.int64)
    seconds = np.rint(metres / 9).astype(np.int64)  # ~32 km/h on village roads
    depots = [solver.SiteIn(f"N{i}", 1 + i) for i in range(nodes)]
    demands = []
    for s in range(stations):
        parcels, boxes = int(rng.integers(5, 25)), int(rng.integers(8, 40))
        demands.append(solver.Demand(
            f"S{s}", 1 + nodes + s, parcels, kg=parcels * 1.2, litres=parcels * 6.0, tw_early=8 * 3600,
            tw_late=18 * 3600, service_s=300 + 10 * (parcels + boxes), depot=f"N{owner[s]}", pickup_parcels=boxes,
            pickup_kg=boxes * 7.5, pickup_litres=boxes * 30.0,
        ))  # fmt: skip
    fleet = []
    for i in range(nodes):
        fleet += [
            solver.VehicleIn(f"N{i}-V{j}", f"N{i}", 300, 800, 3000, 110, 3000, 9 * 3600, 18 * 3600)
            for j in range(3)
        ]
        fleet += [solver.VehicleIn(f"N{i}-S{j}", f"N{i}", 400, 2000, 10000, 150, 0, 9 * 3600, 18 * 3600,
                                   fixed_cost_fen=40_000) for j in range(6)]  # fmt: skip
    return solver.Problem(depots, demands, fleet, metres, seconds)


def _direct_county(problem: solver.Problem, budget: float):
    """The same county day as one multi-depot problem for plain PyVRP (no decomposition, no prizes)."""
    from pyvrp import Client, Depot, Location, ProblemData, VehicleType, solve
    from pyvrp.stop import MaxRuntime

    rows = [s.index for s in problem.depots] + [d.index for d in problem.demands]
    m, t = problem.metres[np.ix_(rows, rows)], problem.seconds[np.ix_(rows, rows)]
    pos = {s.key: i for i, s in enumerate(problem.depots)}
    groups: dict[tuple, int] = {}
    for v in problem.vehicles:
        key = (v.depot, v.capacity_parcels, v.capacity_kg, v.capacity_litres, v.cost_per_km_fen, v.cost_per_hour_fen,
               v.fixed_cost_fen, v.start_s, v.end_s)  # fmt: skip
        groups[key] = groups.get(key, 0) + 1
    vtypes = [VehicleType(num_available=n, capacity=[p, kg * 10, lt], start_depot=pos[d], end_depot=pos[d],
                          fixed_cost=fix * 1000, tw_early=s, tw_late=e, unit_distance_cost=km,
                          unit_duration_cost=round(h * 1000 / 3600))
              for (d, p, kg, lt, km, h, fix, s, e), n in groups.items()]  # fmt: skip
    n_dep = len(problem.depots)
    clients = [Client(location=n_dep + i, delivery=solver._load(d), pickup=solver._pickup(d), service_duration=d.service_s,
                      tw_early=d.tw_early, tw_late=d.tw_late) for i, d in enumerate(problem.demands)]  # fmt: skip
    data = ProblemData([Location(0, 0) for _ in rows], clients, [Depot(location=i) for i in range(n_dep)], vtypes,
                       [m], [t])  # fmt: skip
    best = solve(data, MaxRuntime(budget), seed=1, collect_stats=False, display=False).best
    return best


def part_b(budget: float):
    problem = _county()
    t0 = time.perf_counter()
    ours = solver.solve(problem, time_limit=budget, seed=1)
    took = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    season = sum(1 for r in ours.routes if "-S" in r.vehicle)
    print(f"(b) peak-season county day: 600 stations, 12 nodes, both directions, budget {budget:.0f} s")
    print(f"    wrapper: {took:.1f} s, {len(ours.routes)} runs ({season} season vans), {ours.metres / 1000:.0f} km, "
          f"cost ¥{ours.cost_fen / 100:,.0f}, unserved {len(ours.unserved)}, feasible {ours.feasible}, "
          f"peak RSS {rss:.0f} MB")  # fmt: skip
    over = [
        r for r in ours.routes for v in problem.vehicles if v.key == r.vehicle and r.peak[1] > v.capacity_kg
    ]
    print(f"    legs over the weight limit: {len(over)}")
    best = _direct_county(problem, budget)
    # The direct cost in fen with the same formula (milli-fen objective / 1000).
    direct_fen = best.distance_cost() / 1000 + best.duration_cost() / 1000 + best.fixed_vehicle_cost() / 1000
    print(f"    plain PyVRP (one multi-depot model, same budget): {best.num_routes()} runs, "
          f"{best.distance() / 1000:.0f} km, cost ¥{direct_fen / 100:,.0f}, feasible {best.is_feasible()}, "
          f"unassigned {best.num_missing_clients()}")  # fmt: skip
    if best.is_feasible() and not ours.unserved:
        print(f"    cost ratio wrapper / plain: {ours.cost_fen / direct_fen:.3f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="short budgets (smoke run)")
    args = parser.parse_args()
    part_a(3.0 if args.quick else 10.0)
    part_b(10.0 if args.quick else 60.0)


if __name__ == "__main__":
    main()
