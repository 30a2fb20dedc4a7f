"""Routing benchmarks (issue 6). Prints figures and, in the same run, the baseline they are measured against.

(a) Solver quality on CVRPLIB instances. Neither pyvrp nor vrplib ships instance files in its wheel, but
    PyVRP's source distribution on PyPI carries its test data: when $JINCUN_CVRPLIB_DIR (default var/cvrplib)
    holds no `*.vrp`, the CVRP instances among them (E-n22-k4, Christofides and Eilon, optimum 375) are taken
    from `pip download --no-binary :all: pyvrp==<installed>` into that folder. Best known values come from a
    `.sol` file's `Cost` line or the instance COMMENT's "Optimal value". Without any, (a) reports
    only the wrapper-vs-direct ratio on a generated 200-client CVRP. Gap = cost / best known − 1 after a fixed
    time budget; "wrapper vs direct" solves the same instance with our `solver.solve` and with plain
    `pyvrp.solve` on the same budget and seed.
(b) County scale: 600 stations, 12 town-node depots, time windows, heterogeneous fleet, through our wrapper
    in the 60 s budget; baseline = the best cost found by a run four times as long. Peak RSS of this process.
(c) Joint vs separate on the demo season, when the demo network (`jincun.network.demo`) is importable; else
    on a synthetic 12-town county built like it (said in the output).

Run: .venv/bin/python bench/bench_routing.py [--quick] [--part a|b|c]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jincun.routing import solver  # noqa: E402  (Django-free)


def _best_known(path: Path, comment: str) -> float | None:
    sol = path.with_suffix(".sol")
    if sol.exists():
        m = re.search(r"Cost\s+([\d.]+)", sol.read_text())
        if m:
            return float(m.group(1))
    m = re.search(r"Optimal value:\s*([\d.]+)", comment or "")
    return float(m.group(1)) if m else None


def _wrapper_cvrp(
    dist: np.ndarray, demand: list[int], capacity: int, vehicles: int, budget: float, seed: int
):
    n = len(demand)
    demands = [solver.Demand(key=str(i), index=i, parcels=int(demand[i]), tw_early=0, tw_late=10**9, service_s=0)
               for i in range(1, n)]  # fmt: skip
    fleet = [solver.VehicleIn(f"v{k}", "D", capacity, 10**6, 10**6, 1, 0, 0, 10**9) for k in range(vehicles)]
    problem = solver.Problem([solver.SiteIn("D", 0)], demands, fleet, dist, dist)
    result = solver.solve(problem, time_limit=budget, seed=seed, no_improvement=None)
    assert not result.unserved and result.feasible, result.unserved[:3]
    return result.metres


def _direct_cvrp(dist: np.ndarray, demand: list[int], capacity: int, vehicles: int, budget: float, seed: int):
    from pyvrp import Client, Depot, Location, ProblemData, VehicleType, solve
    from pyvrp.stop import MaxRuntime

    n = len(demand)
    data = ProblemData([Location(0, 0) for _ in range(n)], [Client(location=i, delivery=[int(demand[i])])
                       for i in range(1, n)], [Depot(location=0)],
                       [VehicleType(num_available=vehicles, capacity=[capacity])], [dist], [dist])  # fmt: skip
    res = solve(data, MaxRuntime(budget), seed=seed, collect_stats=False, display=False)
    assert res.best.is_feasible()
    return res.best.distance()


def _fetch_pyvrp_instances(folder: Path) -> None:
    """Copy the CVRP instances of PyVRP's sdist test data (from the package registry) into `folder`."""
    import subprocess
    import sys
    import tarfile
    import tempfile
    from importlib.metadata import version

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
               f"pyvrp=={version('pyvrp')}", "-d", tmp]  # fmt: skip
        if subprocess.call(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
            return
        for archive in Path(tmp).glob("pyvrp-*.tar.gz"):
            with tarfile.open(archive) as tar:
                for member in tar.getmembers():
                    if "/tests/data/" not in member.name or not member.name.endswith((".txt", ".vrp")):
                        continue
                    text = tar.extractfile(member).read().decode("utf-8", "replace")
                    if re.search(r"^TYPE\s*:\s*CVRP\s*$", text, re.M) and "NODE_COORD_SECTION" in text:
                        folder.mkdir(parents=True, exist_ok=True)
                        (folder / (Path(member.name).stem + ".vrp")).write_text(text)


def _instances():
    folder = Path(os.environ.get("JINCUN_CVRPLIB_DIR", ROOT / "var" / "cvrplib"))
    if not list(folder.glob("*.vrp")):
        _fetch_pyvrp_instances(folder)
    import vrplib

    for path in sorted(folder.glob("*.vrp")) if folder.is_dir() else []:
        inst = vrplib.read_instance(str(path))
        dist = np.rint(inst["edge_weight"]).astype(np.int64)  # TSPLIB EUC_2D: nearest integer
        yield (
            path.stem,
            dist,
            list(inst["demand"]),
            int(inst["capacity"]),
            _best_known(path, inst.get("comment")),
        )


def _generated(n: int = 200, seed: int = 7):
    rng = np.random.default_rng(seed)
    xy = rng.integers(0, 1000, size=(n + 1, 2))
    dist = np.rint(np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))).astype(np.int64)
    demand = [0, *rng.integers(1, 100, size=n).tolist()]
    return f"generated-{n}", dist, demand, 400, None


def part_a(quick: bool):
    budget = 2.0 if quick else 10.0
    print(f"(a) solver quality, budget {budget:.0f} s per solve, seeds 1–3 (median)")
    found = list(_instances())
    if not found:
        print("    no CVRPLIB instance found (PyVRP's sdist could not be fetched); set JINCUN_CVRPLIB_DIR")
    for name, dist, demand, cap, bks in [*found, _generated()]:
        vehicles = max(2, math.ceil(sum(demand) / cap) + 3)
        ours = [_wrapper_cvrp(dist, demand, cap, vehicles, budget, s) for s in (1, 2, 3)]
        direct = [_direct_cvrp(dist, demand, cap, vehicles, budget, s) for s in (1, 2, 3)]
        mo, md = statistics.median(ours), statistics.median(direct)
        gap = (
            f"gap wrapper {mo / bks - 1:+.2%}, direct {md / bks - 1:+.2%} (best known {bks:g})"
            if bks
            else "no BKS"
        )
        print(f"    {name:<16} n={len(demand) - 1:<4} wrapper {mo:>9.0f}  direct {md:>9.0f}  "
              f"ratio wrapper/direct {mo / md:.4f}  {gap}")  # fmt: skip


def county_problem(seed: int = 2020, towns: int = 12, per_town: int = 50):
    """A Yiyuan-sized synthetic county (≈ 40×40 km): 12 nodes around a hub, 50 stations around each."""
    from jincun.routing.distance import Point, straight_line_matrix

    rng = np.random.default_rng(seed)
    points, depots, demands, fleet = [], [], [], []
    for t in range(towns):
        ang = 2 * math.pi * t / towns
        lat, lon = 36.18 + 0.13 * math.sin(ang), 118.17 + 0.16 * math.cos(ang)
        depots.append(solver.SiteIn(f"N{t}", len(points)))
        points.append(Point(lat, lon, "county"))
        for k, spec in enumerate(
            [(300, 800, 3000, 110, 3000, "van")] * 3 + [(80, 300, 1000, 30, 2000, "tricycle")]
        ):
            fleet.append(
                solver.VehicleIn(f"N{t}-V{k}", f"N{t}", *spec[:5], 8 * 3600, 18 * 3600, kind=spec[5])
            )
    for t in range(towns):
        lat0, lon0 = points[t].lat, points[t].lon
        for s in range(per_town):
            r, a = rng.uniform(0.01, 0.08), rng.uniform(0, 2 * math.pi)
            parcels = int(rng.integers(5, 28))
            opens = int(rng.choice([7, 8, 9])) * 3600
            demands.append(solver.Demand(f"S{t}-{s}", len(points), parcels, parcels * 1.2, parcels * 6.0, opens,
                                         opens + 10 * 3600, 300 + 10 * parcels, depot=f"N{t}"))  # fmt: skip
            points.append(Point(lat0 + r * math.sin(a), lon0 + r * math.cos(a) * 1.25))
    matrix = straight_line_matrix(points, "370323")
    return solver.Problem(depots, demands, fleet, matrix.metres, matrix.seconds)


def _objective(result: solver.Result) -> float:
    return result.cost_fen + 10**6 * len(result.unserved)  # an unserved stop counts heavily


def part_b(quick: bool):
    budget = 12.0 if quick else 60.0
    problem = county_problem()
    t0 = time.perf_counter()
    run = solver.solve(problem, time_limit=budget, seed=1, no_improvement=None)
    took = time.perf_counter() - t0
    long = solver.solve(problem, time_limit=budget * 4, seed=2, no_improvement=None)
    best = min(_objective(run), _objective(long))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"(b) county scale: {len(problem.demands)} stops, {len(problem.depots)} depots, {len(problem.vehicles)} vehicles"
    )
    print(f"    budget {budget:.0f} s: cost ¥{run.cost_fen / 100:,.2f}, {run.metres / 1000:,.1f} km, "
          f"{len(run.routes)} runs, unserved {len(run.unserved)}, wall {took:.1f} s")  # fmt: skip
    print(f"    long run {budget * 4:.0f} s (baseline): cost ¥{long.cost_fen / 100:,.2f}, {long.metres / 1000:,.1f} km, "
          f"unserved {len(long.unserved)}")  # fmt: skip
    print(
        f"    gap to best found: {_objective(run) / best - 1:+.2%} (goal ≤ 2%); peak RSS {rss_mb:.0f} MB (goal < 1024)"
    )


def part_c(quick: bool):
    tmp = tempfile.mkdtemp(prefix="jincun-bench-routing-")
    os.environ["JINCUN_DATA_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from jincun.network.models import AdminArea
    from jincun.network.services.brands import ensure_default_brands
    from jincun.network.services.divisions import load_bundled
    from jincun.routing.compare import compare_joint
    from jincun.routing.services.fleet import ensure_default_fleet

    ensure_default_brands()
    load_bundled("yiyuan")
    try:
        from jincun.network.demo.build import build_demo

        hub = build_demo(AdminArea.objects.get(code="370323000000")).hub
        where = "demo network (jincun demo, Yiyuan)"
    except ImportError:
        from jincun.routing.tests.factories import build_county

        hub = build_county(towns=12, stations_per_town=37, brands=("ZTO", "YTO", "YUNDA", "STO", "JT", "POST"),
                           postal=5, proxy=3, fleet=False).hub  # fmt: skip
        where = "synthetic 12-town county (demo network not on this branch)"
    ensure_default_fleet(hub)
    days = [dt.date(2022, 11, 7) + dt.timedelta(days=i) for i in range(2 if quick else 5)]
    budget = 1.0 if quick else 3.0
    t0 = time.perf_counter()
    result = compare_joint(hub, days, time_limit=budget, seed=1).as_dict()
    print(f"(c) joint vs separate on the {where}: {days[0]}…{days[-1]} ({len(days)} days), {budget:g} s per plan, "
          f"wall {time.perf_counter() - t0:.0f} s")  # fmt: skip
    for key in ("joint", "separate"):
        f = result[key]
        print(f"    {key:<9} runs {f['runs']:>4}  {f['km']:>9.1f} km  {f['vehicle_hours']:>7.1f} h  "
              f"¥{f['cost_fen'] / 100:>11,.2f}  {f['parcels']:>6} parcels  ¥{f['cost_per_parcel_fen'] / 100:.2f}/parcel  "
              f"unserved {f['unserved_parcels']}")  # fmt: skip
    s = result["saving"]
    print(
        f"    joint saves {s['km']:.1%} vehicle-km (goal ≥ 25%), {s['hours']:.1%} vehicle-hours, {s['cost_fen']:.1%} cost"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short budgets (smoke run)")
    parser.add_argument("--part", choices=["a", "b", "c"], action="append")
    args = parser.parse_args(argv)
    for part in args.part or ["a", "b", "c"]:
        {"a": part_a, "b": part_b, "c": part_c}[part](args.quick)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
