"""Network API: scoping by caller, hub-operator-only writes, masking, validation errors as JSON."""

import datetime as dt

import pytest
from django.test import Client

from jincun.api.models import ApiToken
from jincun.core.models import User
from jincun.network.coverage import coverage_at
from jincun.network.models import AdminArea, Agreement, Brand, Station
from jincun.network.tests.factories import AgreementFactory, HubFactory, StationFactory, TownNodeFactory

VILLAGE = "370323102201"


@pytest.fixture
def net(yiyuan):
    node = TownNodeFactory(town=AdminArea.objects.get(code="370323102000"), hub=HubFactory(county=yiyuan))
    station = StationFactory(code="ST-1", village=AdminArea.objects.get(code=VILLAGE), town_node=node)
    zto, yto = Brand.objects.get(code="ZTO"), Brand.objects.get(code="YTO")
    return {
        "node": node,
        "station": station,
        "zto": AgreementFactory(station=station, brand=zto, valid_from=dt.date(2020, 3, 1)),
        "yto": AgreementFactory(station=station, brand=yto, valid_from=dt.date(2020, 5, 1)),
    }


def client_for(kind, **scope) -> Client:
    return Client(HTTP_AUTHORIZATION="Bearer " + ApiToken.issue("test", kind, **scope)[1])


def user_client(role: str, username: str | None = None) -> Client:
    user = User.objects.create(username=username or role, role=role)
    return client_for("user", user=user)


def test_brand_token_sees_only_its_own_agreements(net):
    zto = client_for("brand", brand=Brand.objects.get(code="ZTO"))
    listed = zto.get("/api/v1/agreements").json()
    assert listed["count"] == 1 and listed["items"][0]["brand"] == "ZTO"
    assert zto.get(f"/api/v1/agreements/{net['yto'].pk}").status_code == 404
    assert zto.get("/api/v1/agreements?brand=YTO").json()["count"] == 0
    spans = zto.get(f"/api/v1/villages/{VILLAGE}/service?date=2021-01-01").json()["spans"]
    assert [s["brand_code"] for s in spans] == ["ZTO"]
    hub = user_client("hub_operator")
    assert hub.get("/api/v1/agreements").json()["count"] == 2


def test_brand_user_session_is_scoped_like_a_brand_token(net, client):
    user = User.objects.create(username="zto", role="brand_user")
    from jincun.network.models import Assignment

    Assignment.objects.create(user=user, brand=Brand.objects.get(code="YTO"))
    client.force_login(user)
    assert [a["brand"] for a in client.get("/api/v1/agreements").json()["items"]] == ["YTO"]


def test_only_hub_operators_and_admins_write(net):
    body = {"code": "ST-2", "name": "新站", "village_code": "370323102202", "kind": "shop"}
    for forbidden in (
        client_for("brand", brand=Brand.objects.get(code="ZTO")),
        user_client("regulator"),
        user_client("station_keeper"),
        client_for("device", device_id="scanner-1"),
    ):
        response = forbidden.post("/api/v1/stations", body, content_type="application/json")
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
    assert not Station.objects.filter(code="ST-2").exists()
    created = user_client("hub_operator").post("/api/v1/stations", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["town_node_code"] == net["node"].code
    admin = user_client("admin")
    patched = admin.patch(
        "/api/v1/stations/ST-2", {"status": "planned", "cameras": 2}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["cameras"] == 2


def test_api_write_records_the_user_in_history(net):
    hub_user = User.objects.create(username="hubop", role="hub_operator")
    hub = client_for("user", user=hub_user)
    response = hub.patch("/api/v1/stations/ST-1", {"keeper_name": "李四"}, content_type="application/json")
    assert response.status_code == 200
    record = Station.objects.get(code="ST-1").history.latest()
    assert (record.history_user, record.keeper_name, record.history_change_reason) == (
        hub_user,
        "李四",
        "接口修改",
    )
    body = {"brand": "SF", "mode": "joint", "village": VILLAGE, "station": "ST-1", "valid_from": "2021-01-01"}
    created = hub.post("/api/v1/agreements", body, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert Agreement.objects.get(pk=created.json()["id"]).history.latest().history_user == hub_user


def test_session_login_hub_operator_can_write(net, client):
    client.force_login(User.objects.create(username="hubsession", role="hub_operator"))
    response = client.patch("/api/v1/stations/ST-1", {"shelves": 5}, content_type="application/json")
    assert response.status_code == 200 and response.json()["shelves"] == 5


def test_keeper_phone_masked_and_hidden_from_regulators(net):
    shown = user_client("hub_operator").get("/api/v1/stations/ST-1").json()
    assert shown["keeper_name"] == "王**" and shown["keeper_phone"] == "*******1234"
    regulator = user_client("regulator").get("/api/v1/stations").json()["items"][0]
    assert regulator["keeper_name"] is None and regulator["keeper_phone"] is None


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"code": "ST-3", "name": "x", "village_code": "370323102999", "kind": "shop"}, "unknown_village"),
        ({"code": "ST-3", "name": "x", "village_code": "370323103201", "kind": "shop"}, "no_town_node"),
        ({"code": "ST-3", "name": "x", "village_code": VILLAGE, "kind": "shop", "keeper_phone": "12"}, "bad_phone"),
        ({"code": "ST-3", "name": "x", "village_code": VILLAGE, "kind": "shop", "opens_at": "21:00"}, "bad_time"),
        ({"code": "ST-3", "name": "x", "village_code": VILLAGE, "kind": "shop", "lat": 39.9, "lon": 116.4},
         "outside_county"),
        ({"code": "ST-3", "name": "x", "village_code": VILLAGE, "kind": "kiosk"}, "invalid_input"),
        ({"code": "ST 3", "name": "x", "village_code": VILLAGE, "kind": "shop"}, "invalid_input"),
        ({"code": "ST-1", "name": "x", "village_code": VILLAGE, "kind": "shop"}, "exists"),
    ],
)  # fmt: skip
def test_station_validation_errors_are_json(net, body, code):
    response = user_client("hub_operator").post("/api/v1/stations", body, content_type="application/json")
    assert response.status_code in (409, 422)
    payload = response.json()
    assert payload["code"] == code and payload["message"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"brand": "ZTO", "mode": "joint", "village": VILLAGE, "town": "370323102000", "valid_from": "2021-01-01"},
         "village_xor_town"),
        ({"brand": "ZTO", "mode": "joint", "village": VILLAGE, "valid_from": "2021-01-01", "valid_to": "2020-01-01"},
         "bad_date"),
        ({"brand": "ZTO", "mode": "proxy", "village": VILLAGE, "station": "ST-1", "valid_from": "2021-01-01"},
         "proxy_with_station"),
        ({"brand": "NOPE", "mode": "joint", "village": VILLAGE, "valid_from": "2021-01-01"}, "unknown_brand"),
        ({"brand": "ZTO", "mode": "joint", "village": VILLAGE, "valid_from": "2021-01-01",
          "remind_after_days": 5, "return_after_days": 4}, "bad_retention"),
        ({"brand": "ZTO", "mode": "joint", "village": "370323102202", "station": "ST-1", "valid_from": "2021-01-01"},
         "station_mismatch"),
        ({"brand": "ZTO", "mode": "joint", "village": VILLAGE, "valid_from": "2021-02-30"}, "invalid_input"),
    ],
)  # fmt: skip
def test_agreement_validation_errors_are_json(net, body, code):
    response = user_client("hub_operator").post("/api/v1/agreements", body, content_type="application/json")
    assert response.status_code == 422 and response.json()["code"] == code


def test_proxy_agreement_defaults_to_the_town_node(net):
    body = {"brand": "POST", "mode": "proxy", "village": "370323102202", "valid_from": "2021-06-01"}
    response = user_client("hub_operator").post("/api/v1/agreements", body, content_type="application/json")
    assert response.status_code == 201 and response.json()["town_node_code"] == net["node"].code


def test_missing_token_and_malformed_body(net):
    anonymous = Client().get("/api/v1/stations")
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthorized"
    broken = user_client("hub_operator").post(
        "/api/v1/stations", "{not json", content_type="application/json"
    )
    assert 400 <= broken.status_code < 500 and "code" in broken.json()


def test_pagination_and_filters(net):
    hub = user_client("hub_operator")
    page = hub.get("/api/v1/divisions?level=village&parent=370323102000&limit=5&offset=5").json()
    assert (
        page["count"] == AdminArea.objects.filter(parent_id="370323102000").count()
        and len(page["items"]) == 5
    )
    for bad in ("limit=0", "limit=100000", "offset=-1", "level=hamlet", "parent=12"):
        response = hub.get(f"/api/v1/divisions?{bad}")
        assert response.status_code == 422 and response.json()["code"] == "invalid_input", bad
    assert hub.get("/api/v1/stations?town=370323102&kind=shop&status=active&mode=joint").json()["count"] == 1
    assert hub.get("/api/v1/stations?meets_standard=false").json()["count"] == 0
    assert hub.get("/api/v1/stations?mode=postal").json()["count"] == 0
    assert hub.get("/api/v1/divisions/370323102201").json()["parent_code"] == "370323102000"
    assert hub.get("/api/v1/divisions/370323102999").status_code == 404


def test_station_list_query_count_does_not_grow_with_stations(net, django_assert_max_num_queries):
    for n in range(2, 12):
        StationFactory(code=f"ST-{n}", village=AdminArea.objects.get(code=VILLAGE), town_node=net["node"])
    hub = user_client("hub_operator")
    with django_assert_max_num_queries(8):
        assert hub.get("/api/v1/stations?limit=50").json()["count"] == 11


def test_coverage_endpoint_matches_the_cli_json(net):
    hub = user_client("hub_operator")
    body = hub.get("/api/v1/coverage?date=2020-06-01&by=brand").json()
    assert body == coverage_at(dt.date(2020, 6, 1), by="brand").as_dict()
    assert body["villages_served"] == 1 and {r["key"] for r in body["rows"]} >= {"ZTO", "YTO"}
    bad = hub.get("/api/v1/coverage?by=colour")
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_input"
    assert hub.get("/api/v1/coverage?county=999999").json()["code"] == "not_found"


def test_brand_caller_sees_only_its_own_row_in_coverage_by_brand(net):
    zto = client_for("brand", brand=Brand.objects.get(code="ZTO"))
    body = zto.get("/api/v1/coverage?date=2020-06-01&by=brand").json()
    assert [r["key"] for r in body["rows"]] == ["ZTO"]
    assert body["villages_served"] == 1  # the county total is public, the other brands' rows are not
