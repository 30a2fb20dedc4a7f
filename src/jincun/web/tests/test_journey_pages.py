"""End to end through the pages (Django test client): a parcel pushed by a brand's API is followed hub →
town → station → signed, and the API shows each step; the same for a proxy village and a postal village."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from jincun.web.tests.county import build_county

WAYBILL = "TB0000000001"


@pytest.fixture
def county(db):
    return build_county()


def push(county, waybill, village, phone="13812345678"):
    from jincun.parcels.services import record_consent

    record_consent(phone, "station", village=village)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {county.brand_key}")
    row = {
        "waybill": waybill,
        "recipient_name": "张三丰",
        "recipient_phone": phone,
        "village_code": village.code,
    }
    answer = api.post("/api/v1/parcels/manifests", {"parcels": [row]}, content_type="application/json").json()
    assert answer["results"][0]["status"] == "created", answer
    return api


def state(api, waybill):
    return api.get(f"/api/v1/parcels/{waybill}").json()["state"]


def scan(client, url, code, **extra):
    page = client.post(url, {"code": code, **extra}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    return page.content.decode()


def load_run(client, start_url, destination, waybill):
    opened = client.post(start_url, {"destination": destination})
    assert opened.status_code == 302, opened.content
    load_url = opened["Location"]
    answer = scan(client, load_url, waybill)
    assert "tone-ok" in answer, answer
    pk = int(re.search(r"/handovers/(\d+)/", load_url).group(1))
    closed = client.post(reverse("web:handover_close", args=[pk]), {"carrier": "李师傅"})
    assert closed.status_code == 302
    return pk


def test_station_village_parcel_hub_to_signed(county):
    api = push(county, WAYBILL, county.station_village)
    hub = county.hub_client()
    answer = scan(hub, reverse("web:hub_scan"), WAYBILL.lower())
    assert "tone-ok" in answer and county.node.name in answer
    trunk = load_run(hub, reverse("web:hub_load"), county.node.code, WAYBILL)
    assert state(api, WAYBILL) == "to_town"

    town = county.town_client()
    answer = scan(town, reverse("web:checkin", args=[trunk]), WAYBILL)
    assert "tone-ok" in answer and state(api, WAYBILL) == "at_town"
    detail = town.get(reverse("web:handover_detail", args=[trunk])).content.decode()
    assert WAYBILL in detail
    load_run(town, reverse("web:town_load"), county.station.code, WAYBILL)
    assert state(api, WAYBILL) == "to_village"

    keeper = county.station_client()
    answer = scan(keeper, reverse("web:station_shelve"), WAYBILL)
    code = re.search(r"answer-headline\">([\d-]+)<", answer)
    assert code, answer
    code = code.group(1)
    assert re.fullmatch(r"\d{1,3}-\d{1,2}-\d{1,4}", code)
    assert state(api, WAYBILL) == "at_station"

    found = keeper.post(reverse("web:station_counter"), {"code": "5678"}).content.decode()
    assert code in found and "13812345678" not in found and "张三丰" not in found
    parcel_id = re.search(r'name="parcel" value="(\d+)"', found).group(1)
    signed = keeper.post(reverse("web:station_counter"), {"parcel": parcel_id, "sign_type": "self"})
    assert "已签收" in signed.content.decode()
    status = api.get(f"/api/v1/parcels/{WAYBILL}").json()["status"]
    assert (status["kuaidi100_state_ex"], status["kdniao_state_ex"]) == ("304", "311")  # 站签收
    history = [e["state"] for e in api.get(f"/api/v1/parcels/{WAYBILL}").json()["events"]]
    assert history[0] == "manifested" and "at_station" in history and history[-1] == "signed"


def test_proxy_village_parcel_through_service_center_and_proxy(county):
    api = push(county, WAYBILL, county.proxy_village)
    hub = county.hub_client()
    assert "便民服务中心" in scan(hub, reverse("web:hub_scan"), WAYBILL)
    trunk = load_run(hub, reverse("web:hub_load"), county.node.code, WAYBILL)
    town = county.town_client()
    scan(town, reverse("web:checkin", args=[trunk]), WAYBILL)
    answer = scan(town, reverse("web:service_center"), WAYBILL)
    assert "tone-ok" in answer and state(api, WAYBILL) == "at_service_center"
    # The answer also refreshes the list of what waits for the proxies, with this parcel's village in it.
    waiting = answer[answer.index('id="service-center-waiting"') :]
    assert 'hx-swap-oob="true"' in waiting[:80] and county.proxy_village.name in waiting

    proxy = county.proxy_client()
    assert WAYBILL in proxy.get(reverse("web:proxy_batch")).content.decode()
    # The service center hands the batch over and signs as sender; the proxy signs as receiver.
    proxy.user.display_name = "东里镇村委代办员"
    proxy.user.save(update_fields=["display_name"])
    offered = town.get(reverse("web:service_center")).content.decode()
    assert "交给 东里镇村委代办员" in offered  # the proxy by name, not by login
    handed = town.post(reverse("web:hand_to_proxy"), {"proxy": proxy.user.pk})
    assert handed.status_code == 302 and state(api, WAYBILL) == "with_proxy"
    detail = proxy.get(handed.url).content.decode()
    assert str(town.user) in detail and "东里镇村委代办员" in detail
    assert "collector_required" in scan(proxy, reverse("web:proxy_sign_out"), WAYBILL)
    answer = scan(proxy, reverse("web:proxy_sign_out"), WAYBILL, collector="王大娘")
    assert "tone-ok" in answer and "王大娘" in answer and state(api, WAYBILL) == "signed"
    assert api.get(f"/api/v1/parcels/{WAYBILL}").json()["status"]["cainiao_status"] == "AGENT_SIGN"


def test_postal_village_parcel_goes_to_china_post_and_comes_back_signed(county):
    api = push(county, WAYBILL, county.postal_village)
    hub = county.hub_client()
    answer = scan(hub, reverse("web:hub_scan"), WAYBILL)
    assert "tone-info" in answer  # blue: the postal route's chute
    load_run(hub, reverse("web:hub_load"), "POST", WAYBILL)
    assert state(api, WAYBILL) == "to_postal"
    at = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat()
    events = [{"waybill": WAYBILL, "event_type": "signed", "at": at, "note": "邮政投递员签收"}]
    pushed = api.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json").json()
    assert pushed["results"][0]["status"] == "accepted", pushed
    assert state(api, WAYBILL) == "signed"
