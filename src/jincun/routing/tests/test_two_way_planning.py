"""Two-way plans against the database: pickups from the events, pickup-only stops, collection points, the
trunk's way back, the season fleet's dates, the run's handover list, and no outbound = today's plan."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from jincun.agri.models import Project
from jincun.agri.services import collect_for_project
from jincun.parcels import services as parcels
from jincun.parcels.choices import HandoverKind, State
from jincun.parcels.models import HandoverItem, Parcel
from jincun.routing.choices import CollectionPointKind, RunKind, StopKind
from jincun.routing.models import CollectionPoint, Run, SeasonVehicle
from jincun.routing.outbound import register_forecast, unregister_forecast
from jincun.routing.planning import compute_day
from jincun.routing.services.handovers import hand_over_run, pickup_waybills
from jincun.routing.services.plans import plan_day
from jincun.routing.tests.factories import build_county
from jincun.routing.two_way import season_fleet_for

TZ = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2024, 10, 16)  # apple season, a Wednesday
FAST = {"time_limit": 1.0, "iterations": 300}


def _project(station, product):
    """The county's project of `product` (agri's; a parcel's product is its project's)."""
    county = station.village.parent.parent
    project, _ = Project.objects.get_or_create(
        code=product, defaults={"name": product, "product": product, "level": "gold", "county": county,
                                "season_months": [10, 11], "annual_target": 1000, "valid_from_year": 2020},
    )  # fmt: skip
    return project


def collect(station, n: int, *, day=DAY - dt.timedelta(days=1), project="apple", weight_g=7500):
    """`n` outbound boxes collected at `station` through the service the station page uses, counted toward
    the county's `project` of that product."""
    out = []
    for i in range(n):
        data = {"sender_name": "王建国", "sender_phone": "15000000000", "id_type": "resident_id",
                "id_number": "370323197001011235", "id_name": "王建国", "contents": "苹果", "prohibited": False,
                "weight_g": str(weight_g), "brand": "ZTO", "recipient_name": "李丽",
                "recipient_phone": "18000000000", "recipient_address": "北京市朝阳区"}  # fmt: skip
        outcome = collect_for_project(
            station, data, _project(station, project), at=dt.datetime.combine(day, dt.time(10, i % 50), TZ)
        )
        assert outcome.ok, outcome.reason
        out.append(outcome.parcel)
    return out


def _stops(plan, kind=RunKind.VILLAGE):
    return {(s.kind, s.place_id): s for r in plan.runs if r.kind == kind for s in r.stops}


def _shape(plan):
    return [(r.kind, r.vehicle.code if r.vehicle else "", r.metres, [(s.kind, s.place_id, s.parcels) for s in r.stops])
            for r in plan.runs]  # fmt: skip


def test_a_plan_with_no_outbound_is_todays_plan(db):
    county = build_county(towns=2, stations_per_town=4)
    two_way = compute_day(county.hub, DAY, **FAST)
    inbound_only = compute_day(county.hub, DAY, two_way=False, **FAST)
    assert two_way.outbound_source == "none"
    assert _shape(two_way) == _shape(inbound_only)
    assert two_way.total() == inbound_only.total()
    assert all(s.pickup is None for r in two_way.runs for s in r.stops)


def test_collected_parcels_are_picked_up_and_a_pickup_only_stop_is_a_stop(db):
    county = build_county(towns=1, stations_per_town=3)
    st = county.stations[0]
    boxes = collect(st, 4)
    # Parcels are recorded now and no inbound is waiting: the station has only a pickup.
    plan = compute_day(county.hub, DAY, **FAST)
    assert plan.source == "parcels" and plan.outbound_source == "parcels"
    stop = _stops(plan)[(StopKind.STATION, st.id)]
    assert stop.parcels == 0 and stop.pickup.boxes == 4
    assert stop.pickup.kg == pytest.approx(30.0) and stop.pickup.by_product == {"apple": 4}
    assert sorted(stop.pickup.parcel_ids) == sorted(p.id for p in boxes)
    assert stop.onboard[0] == 4 and stop.onboard[1] == pytest.approx(30.0)
    assert plan.total()["pickups"] == 4
    assert (StopKind.STATION, county.stations[1].id) not in _stops(plan)  # nothing to drop or collect there


def test_boxes_collected_on_the_day_wait_for_the_next_run(db):
    county = build_county(towns=1, stations_per_town=2)
    collect(county.stations[0], 2, day=DAY)
    plan = compute_day(county.hub, DAY, **FAST)
    assert not _stops(plan)


def test_a_collection_point_is_a_pickup_only_stop_within_its_hours_and_season(db):
    county = build_county(towns=1, stations_per_town=2)
    node = county.nodes[0]
    cp = CollectionPoint.objects.create(
        code="CP1", name="沂源果品包装厂", kind=CollectionPointKind.PACKING_HOUSE, town_node=node,
        lat=node.lat + 0.02, lon=node.lon, opens_at=dt.time(14, 0), closes_at=dt.time(16, 0),
        season_from=dt.date(2024, 10, 1), season_until=dt.date(2024, 11, 30), product="apple", boxes_per_day=20,
    )  # fmt: skip
    plan = compute_day(county.hub, DAY, **FAST)
    stop = _stops(plan)[(StopKind.COLLECTION, cp.id)]
    assert stop.parcels == 0 and stop.pickup.boxes == 20 and stop.pickup.kg == pytest.approx(150)
    assert 14 * 3600 <= stop.eta_s <= 16 * 3600
    # The trunk brings yesterday's load of the point back to the hub.
    trunk = _stops(plan, RunKind.TRUNK)[(StopKind.NODE, node.id)]
    assert trunk.pickup.boxes == 20
    out_of_season = compute_day(county.hub, dt.date(2024, 12, 5), **FAST)
    assert (StopKind.COLLECTION, cp.id) not in _stops(out_of_season)


def test_the_trunk_carries_the_nodes_outbound_back_to_the_hub(db):
    county = build_county(towns=2, stations_per_town=2)
    st = county.stations[0]
    boxes = collect(st, 3, day=DAY - dt.timedelta(days=2))
    handover = parcels.open_handover(st, st.town_node.code, at=dt.datetime.combine(DAY - dt.timedelta(days=2),
                                                                                     dt.time(16), TZ))  # fmt: skip
    for p in boxes:
        parcels.load_parcel(handover, p.waybill)
    handover = parcels.close_handover(
        handover, carrier="镇村班车", at=dt.datetime.combine(DAY - dt.timedelta(days=2), dt.time(17), TZ)
    )
    for p in boxes:
        parcels.check_in(
            handover, p.waybill, at=dt.datetime.combine(DAY - dt.timedelta(days=1), dt.time(9), TZ)
        )
    assert set(Parcel.objects.filter(id__in=[p.id for p in boxes]).values_list("state", flat=True)) == {
        State.AT_TOWN
    }
    plan = compute_day(county.hub, DAY, **FAST)
    trunk = _stops(plan, RunKind.TRUNK)[(StopKind.NODE, st.town_node_id)]
    assert trunk.parcels == 0 and trunk.pickup.boxes == 3
    assert sorted(trunk.pickup.parcel_ids) == sorted(p.id for p in boxes)
    assert not _stops(plan)  # nothing left at the stations


def test_season_fleet_only_on_its_dates_and_the_plan_says_the_standing_fleet_is_short(db):
    county = build_county(towns=1, stations_per_town=3)
    node = county.nodes[0]
    SeasonVehicle.objects.create(
        code="SEASON-A", name="季节租用厢式车", town_node=node, count=2, hired_from=dt.date(2024, 10, 1),
        hired_until=dt.date(2024, 11, 30), capacity_parcels=300, capacity_kg=1500, capacity_litres=6000,
        cost_per_day_fen=40_000, cost_per_km_fen=120,
    )  # fmt: skip
    assert [v.code for v in season_fleet_for(county.hub, DAY)] == ["SEASON-A-1", "SEASON-A-2"]
    assert season_fleet_for(county.hub, dt.date(2024, 9, 30)) == []
    assert season_fleet_for(county.hub, dt.date(2024, 12, 1)) == []
    # 3 stations × 90 apple boxes (675 kg each): the standing van (800 kg) and tricycle (300 kg) cannot.
    for st in county.stations:
        collect(st, 90)
    plan = compute_day(county.hub, DAY, **FAST)
    assert plan.unserved == []
    season_runs = [r for r in plan.runs if r.vehicle and r.vehicle.season]
    assert season_runs and plan.season["used"] == len(season_runs) and plan.season["standing_short"]
    assert "季节租用车辆" in plan.season["note"]
    for r in plan.runs:
        if r.vehicle:
            assert r.peak[1] <= r.vehicle.capacity_kg
    # Outside the hire dates the same load is left, and the plan says how many more vehicles it needs.
    later = dt.date(2024, 12, 4)
    for st in county.stations:
        collect(st, 90, day=later - dt.timedelta(days=1))
    short = compute_day(county.hub, later, **FAST)
    assert short.unserved and short.season["used"] == 0 and short.season["needed_more"] >= 1


def test_the_runs_handover_list_is_its_pickups(db):
    county = build_county(towns=1, stations_per_town=3)
    collected = {st.id: collect(st, n) for st, n in zip(county.stations, (3, 0, 2), strict=True) if n}
    plan = plan_day(DAY, hub=county.hub, **FAST)
    runs = Run.objects.filter(plan=plan, kind=RunKind.VILLAGE)
    pickup_stops = [s for r in runs for s in r.stops.all() if s.pickup_parcels]
    assert {s.station_id for s in pickup_stops} == set(collected)
    for run in runs:
        for result in hand_over_run(run):
            stop = run.stops.get(id=result.stop_id)
            assert result.refused == []
            assert result.handover.kind == HandoverKind.UP_TOWN
            assert result.handover.from_code == stop.station.code
            listed = set(
                HandoverItem.objects.filter(handover=result.handover).values_list(
                    "parcel__waybill", flat=True
                )
            )
            assert listed == set(pickup_waybills(stop)) == {p.waybill for p in collected[stop.station_id]}
            assert result.handover.expected_count == stop.pickup_parcels
    assert set(
        Parcel.objects.filter(project_link__project__product="apple").values_list("state", flat=True)
    ) == {State.TO_TOWN}


def test_a_registered_forecast_adds_the_rest_of_the_eve(db, monkeypatch):
    county = build_county(towns=1, stations_per_town=2)
    st = county.stations[0]

    def forecast(stations, day):
        return {st.id: {"apple": 10.0}}

    register_forecast(forecast)
    try:
        # Planning the day before it is over: nothing collected yet, so the whole expected 10 boxes.
        from jincun.routing import outbound

        monkeypatch.setattr(outbound.timezone, "now", lambda: dt.datetime.combine(DAY - dt.timedelta(days=1),
                                                                                   dt.time(12), TZ))  # fmt: skip
        plan = compute_day(county.hub, DAY, **FAST)
        assert plan.outbound_source == "forecast"
        assert _stops(plan)[(StopKind.STATION, st.id)].pickup.boxes == 10
    finally:
        unregister_forecast(forecast)


def test_plan_page_pdf_and_map_show_both_directions(db, tmp_path, settings):
    from django.test import Client

    from jincun.core.models import User
    from jincun.routing.dispatch_pdf import dispatch_pdf
    from jincun.routing.map_data import map_data
    from jincun.routing.queries import plan_with_runs

    county = build_county(towns=1, stations_per_town=2)
    collect(county.stations[0], 3)
    plan = plan_day(DAY, hub=county.hub, **FAST)
    client = Client()
    client.force_login(User.objects.create(username="hub", role="hub_operator"))
    html = client.get(f"/routing/?date={DAY}").content.decode()
    assert "收 3 箱 22 kg" in html and "离开时在车 3 件 22 kg" in html
    data = map_data(plan_with_runs(plan.id))
    [stop] = [s for r in data["runs"] for s in r["stops"] if s["pickup_parcels"]]
    assert stop["pickup_parcels"] == 3 and stop["parcels"] == 0 and stop["onboard_kg"] == 22.5
    pdf = dispatch_pdf(plan_with_runs(plan.id))
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    (tmp_path / "sheet.pdf").write_bytes(pdf)


def test_boxes_collected_on_the_eve_count_against_its_forecast(db, monkeypatch):
    """Planning tomorrow at noon: 4 boxes already collected today and a forecast of 10 for today make 10
    pickups (4 parcels + 6 still expected), not 14."""
    county = build_county(towns=1, stations_per_town=2)
    st = county.stations[0]
    eve = DAY - dt.timedelta(days=1)
    collect(st, 4, day=eve)

    def forecast(stations, day):
        return {st.id: {"apple": 10.0}} if day == eve else {}

    register_forecast(forecast)
    try:
        from jincun.routing import outbound

        monkeypatch.setattr(outbound.timezone, "now", lambda: dt.datetime.combine(eve, dt.time(12), TZ))
        plan = compute_day(county.hub, DAY, **FAST)
        assert plan.outbound_source == "parcels+forecast"
        assert _stops(plan)[(StopKind.STATION, st.id)].pickup.boxes == 10
    finally:
        unregister_forecast(forecast)
