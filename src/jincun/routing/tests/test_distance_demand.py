"""The distance model (and its OSRM fallback and cache) and the documented forecast."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from jincun.network.models import AdminArea
from jincun.routing.demand import (
    BASE_VILLAGE,
    WEEKDAY_FACTOR,
    deliveries_for,
    forecast_parcels,
    village_factor,
)
from jincun.routing.distance import Point, build_matrix, detour_factor, great_circle_m, straight_line_matrix
from jincun.routing.models import DistanceCacheEntry
from jincun.routing.planning import compute_day
from jincun.routing.tests.factories import build_county

HUB = Point(36.0, 118.0, "county", approximate=False)
NODE = Point(36.1, 118.0, "county", approximate=False)
STATION = Point(36.1, 118.1, "village", approximate=True)


def test_great_circle_one_tenth_degree_of_latitude():
    assert great_circle_m(36.0, 118.0, 36.1, 118.0) == pytest.approx(11_119, rel=0.002)


def test_straight_line_matrix_applies_detour_and_road_speeds():
    m = straight_line_matrix([HUB, NODE, STATION], "370323000000")
    assert detour_factor("370323000000") == 1.40 and detour_factor("990101000000") == 1.30
    assert m.metres[0, 1] == pytest.approx(11_119 * 1.4, rel=0.003)
    assert m.seconds[0, 1] == pytest.approx(m.metres[0, 1] / (45 / 3.6), abs=1)  # county road
    assert m.seconds[1, 2] == pytest.approx(m.metres[1, 2] / (30 / 3.6), abs=1)  # village road
    assert np.array_equal(m.metres, m.metres.T) and m.metres.trace() == 0
    assert m.approximate and m.note
    assert not straight_line_matrix([HUB, NODE]).approximate


def test_osrm_down_falls_back_and_says_so(db):
    m = build_matrix([HUB, NODE], "990101000000", osrm_url="http://127.0.0.1:9")
    assert "OSRM 不可用" in m.source and m.metres[0, 1] > 0


def test_osrm_answers_from_the_cache_without_asking(db):
    url = "http://127.0.0.1:9"  # nothing listens: only the cache can answer
    for a in (HUB, NODE):
        for b in (HUB, NODE):
            key = f"{a.lat:.5f},{a.lon:.5f}>{b.lat:.5f},{b.lon:.5f}"
            DistanceCacheEntry.objects.create(source=url, key=key, metres=0 if a == b else 15_000,
                                              seconds=0 if a == b else 1_200)  # fmt: skip
    m = build_matrix([HUB, NODE], osrm_url=url)
    assert m.source == f"OSRM {url}" and m.metres[0, 1] == 15_000 and m.seconds[1, 0] == 1_200


def test_forecast_follows_the_documented_formula(db):
    village = AdminArea(code="990101100201", unit_type="village_committee")
    wednesday = dt.date(2024, 5, 8)
    assert forecast_parcels(village, wednesday) == pytest.approx(
        BASE_VILLAGE * WEEKDAY_FACTOR[3] * village_factor(village.code)
    )
    assert 0.6 <= village_factor(village.code) <= 1.6


def test_brand_shares_add_up_to_the_village_forecast(db):
    county = build_county(towns=1, stations_per_town=3, brands=("ZTO", "YTO", "POST"))
    day = dt.date(2024, 5, 8)
    all_brands, source = deliveries_for(county.hub, day)
    assert source == "forecast"
    for d in all_brands:
        assert abs(d.parcels - forecast_parcels(d.village, day)) <= 2  # rounding per brand
    zto, _ = deliveries_for(county.hub, day, brands={"ZTO"})
    assert all(set(d.by_brand) == {"ZTO"} for d in zto)
    assert sum(d.parcels for d in zto) < sum(d.parcels for d in all_brands) / 2


def test_waiting_parcels_replace_the_forecast_once_parcels_are_recorded(db):
    from jincun.network.models import Brand
    from jincun.parcels.services import ingest_manifest

    county = build_county(towns=1, stations_per_town=2, brands=("ZTO", "YTO"))
    first, second = (s.village.code for s in county.stations)
    assert deliveries_for(county.hub, dt.date(2024, 5, 8))[1] == "forecast"
    day = timezone.localdate() + dt.timedelta(days=3)

    def push(brand, waybill, village):
        row = {
            "waybill": waybill,
            "recipient_name": "张三",
            "recipient_phone": "13800001111",
            "village_code": village,
        }
        [outcome] = ingest_manifest(Brand.objects.get(code=brand), [dict(row, address="沂源县")])
        assert outcome.status == "created", outcome

    push("ZTO", "73610555582883", first)
    push("ZTO", "73610555582884", first)
    push("YTO", "YT8962646785389", first)
    push("SF", "SF1385628716739", second)
    found, source = deliveries_for(county.hub, day)
    assert source == "parcels"
    assert [(d.village.code, d.mode, d.by_brand) for d in found] == [
        (first, "joint", {"YTO": 1, "ZTO": 2}),
        (second, "none", {"SF": 1}),
    ]
    assert found[0].oldest_wait_days == 3
    plan = compute_day(county.hub, day, time_limit=0.5, iterations=100)
    assert [(u["name"], u["parcels"], u["reason"]) for u in plan.unserved] == [
        (county.stations[1].village.name, 1, "该村该品牌无有效合作协议")
    ]
    assert plan.source == "parcels" and plan.total()["parcels"] == 3
