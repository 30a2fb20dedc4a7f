"""Planning a day: feasibility of every returned plan, postal and proxy handling, determinism, storage."""

import datetime as dt

import pytest

from jincun.network.models import Station
from jincun.routing.choices import RunKind, StopKind
from jincun.routing.models import MailRoute, Plan, Vehicle
from jincun.routing.planning import compute_day, fleet_for
from jincun.routing.services.fleet import ensure_default_fleet
from jincun.routing.services.plans import plan_day
from jincun.routing.tests.factories import build_county

DAY = dt.date(2024, 5, 8)  # a Wednesday
FAST = {"time_limit": 1.0, "iterations": 300}


def assert_feasible(plan, fleet):
    """Capacity, time windows, each place at most once, totals that add up."""
    by_code = {v.code: v for v in fleet}
    seen = set()
    for run in plan.runs:
        if run.vehicle is None:
            assert run.kind == RunKind.HANDOVER
            continue
        v = by_code[run.vehicle.code]
        assert run.parcels <= v.capacity_parcels
        assert v.start_s <= run.start_s and run.end_s <= v.end_s
        for s in run.stops:
            key = (s.kind, s.place_id)
            assert key not in seen, f"{s.name} visited twice"
            seen.add(key)
            assert run.start_s <= s.eta_s <= run.end_s
    totals = plan.total()
    assert totals["km"] == pytest.approx(sum(r.metres for r in plan.runs) / 1000, abs=0.1)
    return seen


def test_every_station_served_once_within_capacity_and_hours(db):
    county = build_county(towns=2, stations_per_town=5)
    plan = compute_day(county.hub, DAY, **FAST)
    assert plan.unserved == [] and plan.feasible
    seen = assert_feasible(plan, fleet_for(county.hub))
    assert {(StopKind.STATION, st.id) for st in county.stations} <= seen
    assert plan.approximate and plan.source == "forecast"
    for run in plan.runs:
        for s in run.stops:
            if s.kind == StopKind.STATION:
                st = next(x for x in county.stations if x.id == s.place_id)
                opens = st.opens_at.hour * 3600 + st.opens_at.minute * 60
                closes = st.closes_at.hour * 3600 + st.closes_at.minute * 60
                assert opens <= s.eta_s <= closes


def test_village_runs_leave_after_the_trunk_reaches_their_node(db):
    county = build_county(towns=2, stations_per_town=3)
    plan = compute_day(county.hub, DAY, **FAST)
    arrival = {s.place_id: s.eta_s for r in plan.runs if r.kind == RunKind.TRUNK for s in r.stops}
    assert set(arrival) == {n.id for n in county.nodes}
    for run in plan.runs:
        if run.kind == RunKind.VILLAGE:
            assert run.start_s > arrival[run.node_id]
            assert run.vehicle.node_id == run.node_id


def test_same_seed_same_plan(db):
    county = build_county(towns=2, stations_per_town=6)
    a = compute_day(county.hub, DAY, seed=7, **FAST)
    b = compute_day(county.hub, DAY, seed=7, **FAST)
    assert [(r.vehicle and r.vehicle.code, [s.place_id for s in r.stops], r.metres) for r in a.runs] == [
        (r.vehicle and r.vehicle.code, [s.place_id for s in r.stops], r.metres) for r in b.runs
    ]


def test_proxy_villages_end_at_the_town_node_and_postal_ride_the_mail_route(db):
    county = build_county(towns=1, stations_per_town=6, postal=2, proxy=1)
    stored = plan_day(DAY, hub=county.hub, **FAST)
    assert MailRoute.objects.filter(hub=county.hub).count() == 1
    postal = set(county.stations[-2:])
    proxy_station = county.stations[-3]
    served = set(stored.runs.filter(kind=RunKind.VILLAGE).values_list("stops__station_id", flat=True))
    assert not served & {s.id for s in postal}, "postal villages get no village run"
    assert proxy_station.id not in served, "proxy villages get no village run"
    handover = stored.runs.get(kind=RunKind.HANDOVER)
    assert handover.km == 0 and handover.vehicle is None
    assert {s.name for s in handover.stops.all()} == {s.village.name for s in postal}
    trunk_stop = stored.runs.get(kind=RunKind.TRUNK).stops.get()
    village_parcels = sum(stored.runs.filter(kind=RunKind.VILLAGE).values_list("load_parcels", flat=True))
    assert trunk_stop.parcels > village_parcels, "the trunk also carries the proxy village's parcels"
    assert stored.unserved == []


def test_short_fleet_reports_what_is_left_and_why(db):
    county = build_county(towns=1, stations_per_town=8)
    Vehicle.objects.filter(town_node__isnull=False).update(capacity_parcels=20)
    plan = compute_day(county.hub, DAY, **FAST)
    assert plan.unserved, "too little capacity must leave stops unserved"
    assert plan.feasible
    assert_feasible(plan, fleet_for(county.hub))
    for item in plan.unserved:
        assert item["reason"].startswith("运力不足") and item["parcels"] > 0
    served = {s.place_id for r in plan.runs if r.kind == RunKind.VILLAGE for s in r.stops}
    assert served | {u["station_id"] for u in plan.unserved} == {st.id for st in county.stations}


def test_node_without_vehicles_reports_every_station(db):
    county = build_county(towns=1, stations_per_town=3)
    Vehicle.objects.filter(town_node__isnull=False).delete()
    plan = compute_day(county.hub, DAY, **FAST)
    assert {u["reason"] for u in plan.unserved} == {"该节点无可用车辆"}
    assert len(plan.unserved) == 3


def test_plan_day_stores_and_replans_in_place(db):
    county = build_county(towns=2, stations_per_town=3)
    first = plan_day(DAY, hub=county.hub, **FAST)
    again = plan_day(DAY, hub=county.hub, **FAST)
    assert first.pk == again.pk and Plan.objects.filter(date=DAY).count() == 1
    assert again.runs.filter(kind=RunKind.VILLAGE).exists()
    assert again.total_km == pytest.approx(sum(r.km for r in again.runs.all()), abs=0.2)
    assert again.total_parcels == sum(
        again.runs.filter(kind=RunKind.TRUNK).values_list("load_parcels", flat=True)
    )


def test_default_fleet_is_sized_from_the_forecast_and_made_once(db):
    county = build_county(towns=2, stations_per_town=3, fleet=False)
    made = ensure_default_fleet(county.hub)
    assert made == Vehicle.objects.count() and ensure_default_fleet(county.hub) == 0
    trunk = Vehicle.objects.filter(hub=county.hub)
    assert trunk.count() >= 2 and all(v.departs_at for v in trunk)
    for node in county.nodes:
        kinds = list(Vehicle.objects.filter(town_node=node).values_list("kind", flat=True))
        assert kinds.count("van") >= 2 and kinds.count("tricycle") == 1
    plan = compute_day(county.hub, DAY, **FAST)
    assert plan.unserved == [] and plan.feasible


def test_tight_opening_hours_leave_stops_unserved_with_the_reason(db):
    """Capacity is ample, but one van cannot reach every station inside a ten-minute window."""
    county = build_county(towns=1, stations_per_town=5)
    Vehicle.objects.filter(town_node__isnull=False).exclude(code__endswith="-V1").delete()
    Station.objects.filter(id__in=[s.id for s in county.stations]).update(
        opens_at=dt.time(9, 0), closes_at=dt.time(9, 10)
    )
    plan = compute_day(county.hub, DAY, **FAST)
    assert plan.feasible and plan.unserved
    assert_feasible(plan, fleet_for(county.hub))
    assert {u["reason"] for u in plan.unserved} <= {
        "运力不足：车辆工作时间内排不下",
        "营业时间或车辆工作时间内无法送达",
    }
    served = {s.place_id for r in plan.runs if r.kind == RunKind.VILLAGE for s in r.stops}
    assert served and served | {u["station_id"] for u in plan.unserved} == {s.id for s in county.stations}
