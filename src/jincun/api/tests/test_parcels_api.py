"""Parcel API: per-brand scoping, batches that keep the good items, cursor pull, status vocabularies."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jincun.api.models import ApiToken
from jincun.web.tests.county import build_county

AT = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)


@pytest.fixture
def county(db):
    return build_county()


def brand_client(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def manifest(client, *waybills, village=""):
    rows = [
        {"waybill": w, "recipient_name": "张三丰", "recipient_phone": "13812345678", "village_code": village}
        for w in waybills
    ]
    return client.post("/api/v1/parcels/manifests", {"parcels": rows}, content_type="application/json")


def device_client(county, place: str):
    from jincun.network.models import Assignment
    from jincun.network.tests.factories import UserFactory

    user = UserFactory(role="hub_operator")
    Assignment.objects.create(user=user, hub=county.hub)
    _, key = ApiToken.issue("扫描枪", "device", user=user, device_id="GUN-1")
    return brand_client(key)


def test_manifest_batch_refuses_only_the_bad_rows(county):
    mine = brand_client(county.brand_key)
    answer = mine.post(
        "/api/v1/parcels/manifests",
        {
            "parcels": [
                {
                    "waybill": "TB0000000001",
                    "recipient_phone": "13800000001",
                    "village_code": county.station_village.code,
                },
                {"waybill": "OB0000000001", "recipient_phone": "13800000002", "brand": "OB"},
                {"waybill": "TB0000000002", "recipient_phone": "1"},
                {"waybill": "TB0000000003", "recipient_phone": "13800000003"},
            ]
        },
        content_type="application/json",
    ).json()
    statuses = [(r["waybill"], r["status"]) for r in answer["results"]]
    assert statuses == [
        ("TB0000000001", "created"),
        ("OB0000000001", "refused"),
        ("TB0000000002", "refused"),
        ("TB0000000003", "created"),
    ]
    assert [r["reason"] for r in answer["results"]][1:3] == ["wrong_brand", "bad_phone"]
    assert (answer["accepted"], answer["refused"]) == (2, 2)


def test_manifest_upload_reports_by_line(county):
    data = "运单号,收件人,电话,重量(克)\nTB0000000011,李四,13800000000,500\nTB0000000012,王五,13800000001,heavy\n"
    upload = SimpleUploadedFile("m.csv", data.encode(), content_type="text/csv")
    answer = brand_client(county.brand_key).post("/api/v1/parcels/manifests/upload", {"file": upload}).json()
    assert [(r["index"], r["status"]) for r in answer["results"]] == [(2, "created"), (3, "refused")]


def test_brand_sees_only_its_own_parcels(county):
    manifest(brand_client(county.brand_key), "TB0000000001")
    manifest(brand_client(county.other_brand_key), "OB0000000001")
    mine = brand_client(county.brand_key)
    assert mine.get("/api/v1/parcels/TB0000000001").status_code == 200
    other = mine.get("/api/v1/parcels/OB0000000001")
    assert other.status_code == 404
    assert other.json() == mine.get("/api/v1/parcels/TB9999999999").json()  # same answer as "no such parcel"
    assert mine.get("/api/v1/parcels/scans").json()["events"] == [] or all(
        e["waybill"].startswith("TB") for e in mine.get("/api/v1/parcels/scans").json()["events"]
    )


def test_scan_batch_with_one_bad_event_keeps_the_rest(county):
    manifest(
        brand_client(county.brand_key), "TB0000000001", "TB0000000002", village=county.station_village.code
    )
    gun = device_client(county, county.hub.code)
    events = [
        {"waybill": "TB0000000001", "event_type": "at_hub", "at": AT.isoformat(), "device_seq": 1},
        {"waybill": "TB0000000002", "event_type": "signed", "at": AT.isoformat(), "device_seq": 2},
        {"waybill": "TB0000000002", "event_type": "at_hub", "at": AT.isoformat(), "device_seq": 3},
        {"waybill": "TB0000000001", "event_type": "at_hub", "at": AT.isoformat(), "device_seq": 1},
    ]
    answer = gun.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json")
    assert answer.status_code == 200
    body = answer.json()
    assert [r["status"] for r in body["results"]] == ["accepted", "refused", "accepted", "duplicate"], body
    assert body["results"][1]["reason"]
    assert (body["accepted"], body["duplicate"], body["refused"]) == (2, 1, 1)

    status = brand_client(county.brand_key).get("/api/v1/parcels/TB0000000002").json()
    assert status["state"] == "at_hub"
    assert status["status"]["kuaidi100_state"] == "0" and status["status"]["cainiao_status"] == "TRANSPORT"
    assert status["status"]["kdniao_state"] == "2"


def test_pull_since_cursor_returns_only_own_events_in_order(county):
    manifest(brand_client(county.brand_key), "TB0000000001")
    manifest(brand_client(county.other_brand_key), "OB0000000001")
    gun = device_client(county, county.hub.code)
    events = [
        {"waybill": w, "event_type": "at_hub", "at": AT.isoformat(), "device_seq": i}
        for i, w in enumerate(["TB0000000001", "OB0000000001"])
    ]
    gun.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json")
    mine = brand_client(county.brand_key)
    page = mine.get("/api/v1/parcels/scans?since=0").json()
    assert {e["waybill"] for e in page["events"]} == {"TB0000000001"}
    ids = [e["id"] for e in page["events"]]
    assert ids == sorted(ids) and page["next_cursor"] == ids[-1]
    assert mine.get(f"/api/v1/parcels/scans?since={page['next_cursor']}").json()["events"] == []


def test_bad_input_is_a_json_refusal_not_a_crash(county):
    mine = brand_client(county.brand_key)
    bad = mine.post("/api/v1/parcels/scans", {"events": "none"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_input"
    one_bad = mine.post(
        "/api/v1/parcels/scans", {"events": [{"waybill": ""}]}, content_type="application/json"
    )
    assert one_bad.status_code == 200 and one_bad.json()["results"][0]["reason"] == "invalid_event"
    assert (
        mine.post("/api/v1/parcels/manifests", "not json", content_type="application/json").status_code < 500
    )
    assert Client().get("/api/v1/parcels/TB0000000001").status_code == 401


def test_device_scans_only_at_its_own_place(county):
    manifest(brand_client(county.brand_key), "TB0000000001", "TB0000000002")
    gun = device_client(county, county.hub.code)
    events = [
        {
            "waybill": "TB0000000001",
            "event_type": "at_hub",
            "at": AT.isoformat(),
            "place": county.station.code,
        },
        {"waybill": "TB0000000002", "event_type": "at_hub", "at": AT.isoformat()},
    ]
    body = gun.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json").json()
    assert [(r["status"], r["reason"]) for r in body["results"]] == [
        ("refused", "wrong_place"),
        ("accepted", ""),
    ]
    history = brand_client(county.brand_key).get("/api/v1/parcels/TB0000000002").json()["events"]
    assert history[-1]["place"] == county.hub.code


def test_other_brands_cannot_push_scans_for_my_parcel(county):
    manifest(brand_client(county.brand_key), "TB0000000001")
    theirs = brand_client(county.other_brand_key)
    events = [{"waybill": "TB0000000001", "event_type": "at_hub", "at": AT.isoformat()}]
    body = theirs.post("/api/v1/parcels/scans", {"events": events}, content_type="application/json").json()
    assert body["results"][0]["reason"] == "unknown_waybill"
    assert brand_client(county.brand_key).get("/api/v1/parcels/TB0000000001").json()["state"] == "manifested"


def test_station_device_token_scans_at_its_station(county):
    from jincun.api.services import issue_token
    from jincun.web.tests.steps import load_run, to_town

    manifest(brand_client(county.brand_key), "TB0000000001", village=county.station_village.code)
    to_town(county, "TB0000000001")
    load_run(county.town_client(), "/web/town/load/", county.station.code, "TB0000000001")
    _, key = issue_token(device="PDA-1", station=county.station.code)
    pda = brand_client(key)
    at = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)).isoformat()
    wrong = [{"waybill": "TB0000000001", "event_type": "signed", "at": at, "place": county.hub.code}]
    body = pda.post("/api/v1/parcels/scans", {"events": wrong}, content_type="application/json").json()
    assert body["results"][0]["reason"] == "wrong_place"
    right = [{"waybill": "TB0000000001", "event_type": "signed", "at": at, "device_seq": 7}]
    body = pda.post("/api/v1/parcels/scans", {"events": right}, content_type="application/json").json()
    assert body["results"][0]["status"] == "accepted"
    events = brand_client(county.brand_key).get("/api/v1/parcels/TB0000000001").json()["events"]
    assert events[-1]["place"] == county.station.code and events[-1]["state"] == "signed"


def test_nul_characters_are_refused_not_a_server_error(county):
    """PostgreSQL cannot store NUL: the schema refuses it (422) on both engines, pages drop it."""
    mine = brand_client(county.brand_key)
    body = (
        '{"parcels": [{"waybill": "TB0000000001", "recipient_phone": "138", "recipient_name": "a\\u0000b"}]}'
    )
    answer = mine.post("/api/v1/parcels/manifests", body, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["code"] == "invalid_input"
    assert mine.get("/api/v1/parcels/TB%00").status_code == 404
    hub = county.hub_client()
    assert hub.post("/web/hub/scan/", {"code": "TB\x000000000001"}).status_code == 200
