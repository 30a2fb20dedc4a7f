"""A device token scans at its own station, always, and only parcels of that station; token use is
recorded at most once a minute."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from jincun.api.models import ApiToken
from jincun.api.services import issue_token
from jincun.api.tests.test_parcels_api import brand_client, manifest
from jincun.network.tests import factories as f
from jincun.parcels.models import Parcel
from jincun.web.tests.county import build_county


@pytest.fixture
def county(db):
    county = build_county()
    manifest(brand_client(county.brand_key), "TB0000000001", "TB0000000002")
    Parcel.objects.filter(waybill__in=["TB0000000001", "TB0000000002"]).update(
        station=county.station, state="to_village", state_at=timezone.now() - dt.timedelta(hours=1)
    )
    return county


def _gun(station) -> Client:
    _, key = issue_token(device="pda-1", station=station.code)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _scan(client, *events):
    now = timezone.now().isoformat()
    body = {"events": [{"event_type": "at_station", "at": now, **e} for e in events]}
    return client.post("/api/v1/parcels/scans", body, content_type="application/json").json()


def test_a_device_at_another_station_cannot_touch_this_stations_parcels(county):
    elsewhere = f.StationFactory(
        village=f.VillageFactory(parent=county.station_village.parent), town_node=county.node
    )
    answer = _scan(
        _gun(elsewhere),
        {"waybill": "TB0000000001"},
        {"waybill": "TB0000000002", "place": county.station.code},
    )
    assert [(r["status"], r["reason"]) for r in answer["results"]] == [
        ("refused", "not_at_this_place"),
        ("refused", "wrong_place"),
    ]
    assert set(Parcel.objects.values_list("state", flat=True).filter(waybill__startswith="TB")) == {
        "to_village"
    }


def test_the_stations_own_device_scans_at_its_place(county):
    from jincun.parcels.models import Consent

    parcel = Parcel.objects.get(waybill="TB0000000001")
    Consent.objects.create(
        recipient_phone="13812345678", parcel=parcel, preference="station", source="sms_reply",
        given_at=timezone.now() - dt.timedelta(hours=2),
    )  # fmt: skip
    answer = _scan(_gun(county.station), {"waybill": "TB0000000001"})
    assert answer["results"][0]["status"] == "accepted", answer
    event = Parcel.objects.get(waybill="TB0000000001").events.order_by("-pk").first()
    assert event.place_code == county.station.code


def test_a_device_token_without_a_station_cannot_scan(county):
    _, key = ApiToken.issue("旧设备", "device", device_id="pda-old")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    answer = client.post(
        "/api/v1/parcels/scans",
        {"events": [{"waybill": "TB0000000001", "event_type": "signed", "at": timezone.now().isoformat()}]},
        content_type="application/json",
    )
    assert answer.status_code == 403 and answer.json()["code"] == "device_without_place"


def test_the_station_field_comes_from_the_old_device_id_convention(county):
    from importlib import import_module

    from django.apps import apps

    token, _ = ApiToken.issue("旧设备", "device", device_id=f"{county.station.code}/pda-9")
    import_module("jincun.api.migrations.0005_device_station").station_from_device_id(apps, None)
    token.refresh_from_db()
    assert token.station == county.station


def test_last_used_at_is_written_at_most_once_a_minute(county, django_assert_num_queries):
    token = ApiToken.objects.get(brand=county.brand)
    client = brand_client(county.brand_key)
    client.get("/api/v1/parcels/TB0000000001")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    client.get("/api/v1/parcels/TB0000000001")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    client.get("/api/v1/parcels/TB0000000001")
    token.refresh_from_db()
    assert token.last_used_at > first
