"""Locked stops hold through a re-plan; the frequency policy decides which villages a day's runs call at."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jincun.routing.choices import Frequency, RunKind
from jincun.routing.models import Plan, Stop, VillagePolicy
from jincun.routing.planning import compute_day
from jincun.routing.policy import days_carried, is_due
from jincun.routing.services.plans import lock_stop, plan_day, unlock_stop
from jincun.routing.tests.factories import build_county, need_two_village_runs

DAY = dt.date(2024, 5, 8)
FAST = {"time_limit": 1.0, "iterations": 300}


def test_a_locked_stop_stays_on_its_run_after_replanning(db):
    county = build_county(towns=1, stations_per_town=6)
    need_two_village_runs(county, DAY)
    plan = plan_day(DAY, hub=county.hub, **FAST)
    first, second = plan.runs.filter(kind=RunKind.VILLAGE)[:2]
    stop = first.stops.first()
    lock_stop(stop, second)
    replanned = plan_day(DAY, hub=county.hub, **FAST)
    moved = Stop.objects.get(run__plan=replanned, station_id=stop.station_id)
    assert moved.run.vehicle_code == second.vehicle_code and moved.locked
    assert replanned.unserved == []
    for seed in (2, 3):
        again = plan_day(DAY, hub=county.hub, seed=seed, **FAST)
        assert (
            Stop.objects.get(run__plan=again, station_id=stop.station_id).run.vehicle_code
            == second.vehicle_code
        )
    unlock_stop(Stop.objects.get(run__plan=again, station_id=stop.station_id))
    assert plan_day(DAY, hub=county.hub, **FAST).params["locks"] == {}


def test_lock_forces_a_vehicle_the_solver_would_not_pick(db):
    county = build_county(towns=1, stations_per_town=4)
    node = county.nodes[0]
    far = county.stations[0]
    free = compute_day(county.hub, DAY, **FAST)
    chosen = next(
        r.vehicle.code for r in free.runs for s in r.stops if s.place_id == far.id and s.kind == "station"
    )
    other = f"{node.code}-V2" if chosen != f"{node.code}-V2" else f"{node.code}-V1"
    locked = compute_day(county.hub, DAY, locks={f"S{far.id}": other}, **FAST)
    run = next(r for r in locked.runs for s in r.stops if s.place_id == far.id and s.kind == "station")
    assert run.vehicle.code == other and locked.feasible and not locked.unserved


def test_lock_refuses_a_run_of_another_town(db):
    county = build_county(towns=2, stations_per_town=2)
    plan = plan_day(DAY, hub=county.hub, **FAST)
    runs = {r.town_node_id: r for r in plan.runs.filter(kind=RunKind.VILLAGE)}
    a, b = county.nodes
    stop = runs[a.id].stops.first()
    with pytest.raises(ValidationError):
        lock_stop(stop, runs[b.id])
    with pytest.raises(ValidationError):
        lock_stop(stop, plan.runs.filter(kind=RunKind.TRUNK).first())


@pytest.mark.parametrize(
    ("frequency", "wait_days", "ordinal_parity", "oldest", "due"),
    [
        (Frequency.DAILY, 1, 0, None, True),
        (Frequency.ALTERNATE, 1, 0, None, True),
        (Frequency.ALTERNATE, 1, 1, None, False),
        (Frequency.ALTERNATE, 1, 1, 2, True),
        (Frequency.ON_DEMAND, 3, 0, 2, False),
        (Frequency.ON_DEMAND, 3, 0, 3, True),
    ],
)
def test_frequency_policy(frequency, wait_days, ordinal_parity, oldest, due):
    day = dt.date.fromordinal(1000 + ordinal_parity)  # ordinal 1000 is even
    policy = VillagePolicy(frequency=frequency, wait_days=wait_days, parity=0)
    assert is_due(policy, day, oldest) is due


def test_alternate_villages_skip_a_day_then_carry_two(db):
    county = build_county(towns=1, stations_per_town=4)
    village = county.stations[0].village
    parity = DAY.toordinal() % 2  # due on DAY's parity + 1 → not due on DAY
    VillagePolicy.objects.create(village=village, frequency=Frequency.ALTERNATE, parity=1 - parity)
    skipped = compute_day(county.hub, DAY, **FAST)
    assert [d["code"] for d in skipped.deferred] == [village.code]
    assert all(
        s.place_id != county.stations[0].id for r in skipped.runs for s in r.stops if s.kind == "station"
    )
    daily = compute_day(county.hub, DAY + dt.timedelta(days=1), **FAST)
    (stop,) = [
        s for r in daily.runs for s in r.stops if s.kind == "station" and s.place_id == county.stations[0].id
    ]
    assert days_carried(VillagePolicy(frequency=Frequency.ALTERNATE)) == 2
    VillagePolicy.objects.filter(village=village).delete()
    one_day = compute_day(county.hub, DAY + dt.timedelta(days=1), **FAST)
    (single,) = [
        s
        for r in one_day.runs
        for s in r.stops
        if s.kind == "station" and s.place_id == county.stations[0].id
    ]
    assert stop.parcels == 2 * single.parcels


def test_less_frequent_runs_cost_fewer_km_and_parcels_wait_longer(db):
    from jincun.routing.tradeoff import frequency_tradeoff

    county = build_county(towns=1, stations_per_town=5)
    days = [DAY + dt.timedelta(days=i) for i in range(6)]
    rows = {r["frequency"]: r for r in frequency_tradeoff(county.hub, days, time_limit=0.3, iterations=100)}
    daily, alternate, third = rows["daily"], rows["alternate"], rows["on_demand"]
    assert daily["village_km"] > alternate["village_km"] > third["village_km"]
    assert daily["avg_extra_wait_days"] < alternate["avg_extra_wait_days"] < third["avg_extra_wait_days"]
    assert abs(daily["parcels"] - alternate["parcels"]) <= 0.1 * daily["parcels"]


def test_a_lock_set_while_solving_is_kept_and_the_plan_says_it_predates_it(db, monkeypatch):
    from jincun.routing.services import plans

    county = build_county(towns=1, stations_per_town=3)
    plan = plan_day(DAY, hub=county.hub, **FAST)
    real = plans.compute_day

    def slow_solver(*args, **kwargs):
        result = real(*args, **kwargs)
        Plan.objects.filter(pk=plan.pk).update(params={**plan.params, "locks": {"S1": "X"}})  # planner clicks
        return result

    monkeypatch.setattr(plans, "compute_day", slow_solver)
    again = plan_day(DAY, hub=county.hub, **FAST)
    assert again.params["locks"] == {"S1": "X"}
    assert any("锁定有变化" in p for p in again.params["problems"])
