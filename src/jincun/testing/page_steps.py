"""Steps of the parcel journey driven through the pages and the API, shared by the page tests."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse


def push(county, waybill, village, phone="13812345678", name="张三丰", consent=True):
    """The brand pushes one parcel by API; returns the brand's API client. With `consent`, the recipient
    has a standing 驿站自取 consent for the village (given earlier, at the counter)."""
    if consent:
        from jincun.parcels.services import record_consent

        record_consent(phone, "station", village=village)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {county.brand_key}")
    row = {"waybill": waybill, "recipient_name": name, "recipient_phone": phone, "village_code": village.code}
    answer = api.post("/api/v1/parcels/manifests", {"parcels": [row]}, content_type="application/json").json()
    assert answer["results"][0]["status"] == "created", answer
    return api


def state(api, waybill):
    return api.get(f"/api/v1/parcels/{waybill}").json()["state"]


def scan(client, url, code, **extra) -> str:
    page = client.post(url, {"code": code, **extra}, HTTP_HX_REQUEST="true")
    assert page.status_code == 200, page.status_code
    return page.content.decode()


def load_run(client, start_url, destination, *waybills) -> int:
    opened = client.post(start_url, {"destination": destination})
    assert opened.status_code == 302, opened.content
    load_url = opened["Location"]
    for waybill in waybills:
        answer = scan(client, load_url, waybill)
        assert "tone-ok" in answer, answer
    pk = int(re.search(r"/handovers/(\d+)/", load_url).group(1))
    assert client.post(reverse("web:handover_close", args=[pk]), {"carrier": "李师傅"}).status_code == 302
    return pk


def to_town(county, *waybills) -> int:
    hub = county.hub_client()
    for waybill in waybills:
        scan(hub, reverse("web:hub_scan"), waybill)
    trunk = load_run(hub, reverse("web:hub_load"), county.node.code, *waybills)
    town = county.town_client()
    for waybill in waybills:
        scan(town, reverse("web:checkin", args=[trunk]), waybill)
    return trunk


def to_station(county, waybill) -> str:
    """Hub → town → station shelf; returns the pickup code shown on the shelving page."""
    to_town(county, waybill)
    load_run(county.town_client(), reverse("web:town_load"), county.station.code, waybill)
    answer = scan(county.station_client(), reverse("web:station_shelve"), waybill)
    return re.search(r'answer-headline">([\d-]+)<', answer).group(1)
