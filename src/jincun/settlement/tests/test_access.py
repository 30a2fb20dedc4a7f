"""A brand sees only its own statements (pages and API); a station keeper its commission; others nothing."""

import datetime as dt

import pytest
from django.test import Client

from jincun.api.models import ApiToken
from jincun.core.models import User
from jincun.network.models import Assignment
from jincun.network.tests.factories import BrandFactory
from jincun.settlement.choices import PartyKind, PriceModel
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.statements import draft_statements
from jincun.settlement.services.tariffs import add_tariff_version
from jincun.settlement.tests.factories import brand_tariff, county, event, local, parcel

OCT = dt.date(2026, 10, 1)


@pytest.fixture
def world(db):
    c = county()
    other = BrandFactory(code="OTH")
    brand_tariff(c, unit_fen=150, brand=None)
    add_tariff_version(
        code="station", name="站点佣金", party_kind=PartyKind.STATION, effective_from=dt.date(2026, 1, 1),
        event_types=["signed"], price_model=PriceModel.PER_PIECE, params={"unit_fen": 50},
    )  # fmt: skip
    event(parcel(c), "signed", local(2026, 10, 3))
    event(parcel(c, brand=other), "signed", local(2026, 10, 3))
    rate_month(OCT)
    by_kind = {(s.party_kind, s.brand_id): s for s in draft_statements(OCT)}
    return c, other, by_kind


def _user(role, **assignment):
    user = User.objects.create_user(f"u-{role}-{len(assignment)}", password="pw", role=role)
    if assignment:
        Assignment.objects.create(user=user, **assignment)
    client = Client()
    client.force_login(user)
    return client


def test_brand_api_token_lists_only_its_statements(world):
    c, other, by_kind = world
    token = ApiToken.issue("t", "brand", brand=c.brand)[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = api.get("/api/v1/settlement/statements").json()
    assert [s["number"] for s in body] == [by_kind[("brand", c.brand.pk)].number]
    assert body[0]["total_fen"] == 150 and body[0]["direction"] == "receivable"
    theirs = by_kind[("brand", other.pk)].number
    assert api.get(f"/api/v1/settlement/statements/{theirs}").status_code == 404
    device = Client(HTTP_AUTHORIZATION="Bearer " + ApiToken.issue("d", "device")[1])
    assert device.get("/api/v1/settlement/statements").status_code == 403


def test_brand_user_pages_show_only_own(world):
    c, other, by_kind = world
    client = _user("brand_user", brand=c.brand)
    page = client.get("/settlement/").content.decode()
    mine, theirs = by_kind[("brand", c.brand.pk)].number, by_kind[("brand", other.pk)].number
    assert mine in page and theirs not in page and "站点" not in page.split("<tbody>")[1]
    assert client.get(f"/settlement/statements/{theirs}/").status_code == 404
    assert client.get(f"/settlement/statements/{theirs}/statement.pdf").status_code == 404
    assert client.get(f"/settlement/statements/{mine}/").status_code == 200
    assert client.get("/settlement/tariffs/").status_code == 403


def test_station_keeper_sees_its_commission(world):
    c, _, by_kind = world
    client = _user("station_keeper", station=c.station)
    page = client.get("/settlement/").content.decode()
    station = by_kind[("station", None)]
    assert station.number in page and station.total_fen == 100
    assert by_kind[("brand", c.brand.pk)].number not in page


def test_accountant_sees_all_and_others_are_refused(world):
    _, _, by_kind = world
    page = _user("accountant").get("/settlement/").content.decode()
    assert all(s.number in page for s in by_kind.values())
    assert _user("hub_operator").get("/settlement/").status_code == 403


def test_accountant_adds_a_tariff_version_on_the_page_and_a_villager_fee_is_refused(world):
    client = _user("accountant")
    data = {
        "code": "S-RET", "name": "退件处理费", "party_kind": "station", "effective_from": "2026-11-01",
        "event_types": ["returned"], "price_model": "per_piece", "params": '{"unit_fen": 30}', "minimum_fen": 0,
    }  # fmt: skip
    assert client.post("/settlement/tariffs/", data).status_code == 302
    page = client.get("/settlement/tariffs/").content.decode()
    assert "退件处理费" in page
    bad = client.post("/settlement/tariffs/", {**data, "party_kind": "villager", "name": "取件费"})
    assert bad.status_code == 200 and "取件费" not in bad.content.decode().split("新增价目版本")[0]
    broken = client.post("/settlement/tariffs/", {**data, "params": "{unit", "effective_from": "2026-12-01"})
    assert "不是有效的 JSON" in broken.content.decode()


def test_statement_lines_name_their_event_not_its_code(world):
    c, _, by_kind = world
    mine = by_kind[("brand", c.brand.pk)].number
    body = _user("brand_user", brand=c.brand).get(f"/settlement/statements/{mine}/").content.decode()
    lines = body.split("<tbody>")[-1]
    assert "已签收" in lines and ">signed<" not in lines
