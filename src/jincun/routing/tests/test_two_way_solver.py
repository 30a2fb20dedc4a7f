"""Two-way loads in the solver (no database): deliveries and pickups on one loop, every leg within capacity,
pickup-only stops, weight and volume binding separately, season vehicles used only when needed."""

import numpy as np

from jincun.routing import solver


def _line(n: int) -> np.ndarray:
    """Depot 0 and stops 1..n on a line 1 km apart: metres and seconds (36 km/h) between them."""
    xs = np.arange(n + 1) * 1000
    return np.abs(xs[:, None] - xs[None, :]).astype(np.int64)


def _van(key="v1", kg=10, litres=1000, parcels=100, fixed=0) -> solver.VehicleIn:
    return solver.VehicleIn(key, "D", parcels, kg, litres, 100, 0, 0, 12 * 3600, fixed_cost_fen=fixed)


def _solve(demands, vehicles, n):
    m = _line(n)
    problem = solver.Problem([solver.SiteIn("D", 0)], demands, vehicles, m, m // 10)
    return solver.solve(problem, time_limit=1.0, iterations=500)


def test_a_loop_that_collects_more_than_it_dropped_fits_on_every_leg():
    # 8 kg out to A, 8 kg back from B: 16 kg through the loop on a 10 kg van, fine only as A then B.
    a = solver.Demand("A", 1, 1, kg=8, service_s=0)
    b = solver.Demand("B", 2, 0, kg=0, service_s=0, pickup_parcels=1, pickup_kg=8)
    result = _solve([a, b], [_van()], 2)
    assert result.unserved == [] and result.feasible
    [route] = result.routes
    assert [v.key for v in route.visits] == ["A", "B"]
    assert [v.onboard[1] for v in route.visits] == [0, 8]
    assert route.peak[1] <= 10
    assert route.pickup_parcels == 1 and route.pickup_kg == 8


def test_drop_and_collect_at_one_stop_never_exceed_a_leg():
    # Each stop drops 6 kg and collects 6 kg; two on one 10 kg van would need 12 kg on the first leg.
    stops = [
        solver.Demand(k, i, 1, kg=6, service_s=0, pickup_parcels=1, pickup_kg=6)
        for i, k in ((1, "A"), (2, "B"))
    ]
    result = _solve(stops, [_van("v1"), _van("v2")], 2)
    assert result.unserved == [] and result.feasible
    assert len(result.routes) == 2
    for route in result.routes:
        assert route.peak[1] <= 10


def test_a_pickup_only_stop_is_visited():
    only = solver.Demand("P", 1, 0, service_s=0, pickup_parcels=5, pickup_kg=4, pickup_litres=30)
    result = _solve([only], [_van()], 1)
    [route] = result.routes
    assert [v.key for v in route.visits] == ["P"]
    assert route.parcels == 0 and route.pickup_parcels == 5
    assert route.visits[0].onboard == (5, 4, 30)


def test_weight_binds_alone():
    # Boxes of apples: heavy, small. 3 × 6 kg on 10 kg vans with room to spare in litres: three vans.
    stops = [
        solver.Demand(f"S{i}", i, 0, service_s=0, pickup_parcels=1, pickup_kg=6, pickup_litres=1)
        for i in (1, 2, 3)
    ]
    result = _solve(stops, [_van(f"v{i}", kg=10, litres=1000) for i in range(4)], 3)
    assert result.unserved == [] and len(result.routes) == 3


def test_volume_binds_alone():
    # Light, bulky: 3 × 60 litres on 100-litre vans with plenty of weight allowance: three vans.
    stops = [
        solver.Demand(f"S{i}", i, 0, service_s=0, pickup_parcels=1, pickup_kg=1, pickup_litres=60)
        for i in (1, 2, 3)
    ]
    result = _solve(stops, [_van(f"v{i}", kg=1000, litres=100) for i in range(4)], 3)
    assert result.unserved == [] and len(result.routes) == 3
    # The same loads fit on one van once volume is no longer short.
    result = _solve(stops, [_van(f"v{i}", kg=1000, litres=1000) for i in range(4)], 3)
    assert len(result.routes) == 1


def test_season_vehicle_is_used_only_when_the_standing_fleet_is_short():
    stops = [solver.Demand(f"S{i}", i, 0, service_s=0, pickup_parcels=1, pickup_kg=6) for i in (1, 2)]
    season = _van("season", kg=10, fixed=50_000)
    result = _solve(stops[:1], [_van("own"), season], 2)
    assert [r.vehicle for r in result.routes] == ["own"]
    result = _solve(stops, [_van("own"), season], 2)
    assert sorted(r.vehicle for r in result.routes) == ["own", "season"]
    assert result.unserved == []
    used = next(r for r in result.routes if r.vehicle == "season")
    assert used.cost_fen >= 50_000  # the day's hire is in the run's cost
