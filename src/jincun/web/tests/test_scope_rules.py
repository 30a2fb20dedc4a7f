"""Who may touch what (issue 16): problem reports within the reporter's reach, one brand's manifest never
hiding another brand's parcel, and the parcel API scoped for non-brand callers like the pages."""

import pytest
from django.test import Client
from django.urls import reverse

from jincun.api.models import ApiToken
from jincun.network.tests import factories as f
from jincun.parcels.models import Parcel, Problem
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, scan, to_station


@pytest.fixture
def county(db):
    return build_county()


def _other_station(county):
    village = f.VillageFactory(parent=county.node.town, name="别站村")
    return f.StationFactory(village=village, town_node=county.node)


def _report(client, waybill, reason="lost"):
    return client.post(reverse("web:problem_report"), {"code": waybill, "reason": reason}).content.decode()


# --- problem reports --------------------------------------------------------------------------------


def test_a_keeper_reports_only_parcels_of_their_station(county):
    push(county, "TB0000000001", county.station_village)
    to_station(county, "TB0000000001")
    stranger = county.client("station_keeper", station=_other_station(county))
    assert "该件不在本岗位范围内" in _report(stranger, "TB0000000001")
    parcel = Parcel.objects.get(waybill="TB0000000001")
    assert parcel.state == "at_station" and not Problem.objects.exists()
    assert "已登记问题件" in _report(county.station_client(), "TB0000000001", "damaged")
    assert Problem.objects.get().place_code == county.station.code


def test_a_town_and_a_hub_report_only_within_their_reach(county):
    push(county, "TB0000000002", county.station_village)
    scan(county.hub_client(), reverse("web:hub_scan"), "TB0000000002")
    other_town = f.TownFactory(parent=county.hub.county, name="别镇")
    other_node = f.TownNodeFactory(town=other_town, hub=county.hub)
    other_hub = f.HubFactory(code="HUB-OTHER", county=county.hub.county)
    assert "该件不在本岗位范围内" in _report(
        county.client("town_operator", town_node=other_node), "TB0000000002"
    )
    assert "该件不在本岗位范围内" in _report(county.client("hub_operator", hub=other_hub), "TB0000000002")
    assert "未分配岗位" in _report(county.client("hub_operator"), "TB0000000002")
    assert not Problem.objects.exists()
    assert "已登记问题件" in _report(county.town_client(), "TB0000000002", "damaged")
    assert "已登记问题件" in _report(county.hub_client(), "TB0000000002", "damaged")


# --- one brand's manifest never hides another's parcel ----------------------------------------------


def _manifest(key, waybill):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    row = {
        "waybill": waybill,
        "recipient_name": "李四",
        "recipient_phone": "13900001111",
        "address": "站点村",
    }
    return api.post("/api/v1/parcels/manifests", {"parcels": [row]}, content_type="application/json").json()


def _device_scan(county, waybill):
    _, key = ApiToken.issue("站点扫码枪", "device", station=county.station)
    device = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    event = {"waybill": waybill, "event_type": "at_station", "device_seq": 1}
    return device.post("/api/v1/parcels/scans", {"events": [event]}, content_type="application/json").json()


def test_a_rival_manifesting_my_waybill_is_refused_and_my_parcel_scans(county):
    push(county, "TB0000000003", county.station_village)
    answer = _manifest(county.other_brand_key, "TB0000000003")
    assert answer["results"][0]["reason"] == "waybill_taken"
    assert Parcel.objects.filter(waybill="TB0000000003").count() == 1
    assert "未找到该运单" not in scan(county.hub_client(), reverse("web:hub_scan"), "TB0000000003")
    assert Parcel.objects.get(waybill="TB0000000003").state != "manifested"


def test_my_waybill_manifested_first_by_a_rival_still_scans_as_mine(county):
    rival = _manifest(county.other_brand_key, "TB0000000004")["results"][0]
    assert (rival["status"], rival["reason"]) == ("created", "brand_mismatch")
    push(county, "TB0000000004", county.station_village)  # the number fits TB: TB may claim it
    assert _manifest(county.other_brand_key, "TB0000000004")["results"][0]["status"] == "updated"
    mine = Parcel.objects.get(waybill="TB0000000004", brand=county.brand)
    assert "未找到该运单" not in scan(county.hub_client(), reverse("web:hub_scan"), "TB0000000004")
    mine.refresh_from_db()
    assert mine.state == "sorted"
    assert Parcel.objects.get(waybill="TB0000000004", brand=county.other_brand).state == "manifested"
    result = _device_scan(county, "TB0000000004")["results"][0]
    assert result["reason"] != "ambiguous_waybill"


def test_two_rivals_whose_numbers_both_miss_cannot_both_hold_a_waybill(county):
    assert _manifest(county.other_brand_key, "XX0000000005")["results"][0]["status"] == "created"
    assert _manifest(county.brand_key, "XX0000000005")["results"][0]["reason"] == "waybill_taken"


# --- the parcel API for non-brand callers -----------------------------------------------------------


def test_the_parcel_api_is_scoped_for_keepers_towns_and_devices(county):
    push(county, "TB0000000006", county.station_village)
    to_station(county, "TB0000000006")
    url = "/api/v1/parcels/TB0000000006"
    assert county.station_client().get(url).status_code == 200
    assert county.town_client().get(url).status_code == 200
    assert county.hub_client().get(url).status_code == 200
    stranger = county.client("station_keeper", station=_other_station(county))
    assert stranger.get(url).status_code == 404
    other_town = f.TownNodeFactory(town=f.TownFactory(parent=county.hub.county, name="别镇"), hub=county.hub)
    assert county.client("town_operator", town_node=other_town).get(url).status_code == 404
    assert county.client("station_keeper").get(url).status_code == 404  # no workplace, no parcels
    _, key = ApiToken.issue("别站扫码枪", "device", station=_other_station(county))
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(url).status_code == 404
    regulator = county.client("regulator").get(url)
    assert regulator.status_code == 200 and "张三丰" not in regulator.content.decode()
