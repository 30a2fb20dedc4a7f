"""Compliance pages per role, the heartbeat and complaint API, the fee report from the lookup page, the
regulator exports."""

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jincun.api.models import ApiToken
from jincun.compliance.models import Complaint, NoFeeCase, VideoDevice
from jincun.compliance.services.complaints import receive_complaint
from jincun.network.models import Assignment
from jincun.network.tests.factories import StationFactory, UserFactory
from jincun.parcels import services
from jincun.parcels.tests.factories import build_county, manifest_parcel
from jincun.parcels.tests.test_station import to_village


@pytest.fixture
def station(db):
    return StationFactory(code="S-CMP", video_heartbeat_at=timezone.now())


def as_role(role, **assignment):
    user = UserFactory(username=f"u-{role}", role=role)
    if assignment:
        Assignment.objects.create(user=user, **assignment)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("regulator", 200),
        ("hub_operator", 200),
        ("station_keeper", 403),
        ("brand_user", 403),
        ("village_proxy", 403),
    ],
)
def test_overview_per_role(station, role, status):
    assert as_role(role).get(reverse("compliance:overview")).status_code == status


def test_overview_lists_the_station_short_of_the_standard_with_the_reason(station):
    station.filing_number = ""
    station.opened_on = dt.date(2020, 1, 1)
    station.save()
    html = as_role("regulator").get(reverse("compliance:overview")).content.decode()
    assert "S-CMP" in html and "开办逾 20 日未备案" in html


def test_inspection_recorded_from_the_form(station):
    client = as_role("regulator")
    url = reverse("compliance:inspect", args=["S-CMP"])
    form = client.get(url)
    assert form.status_code == 200 and "消防器材齐全有效" in form.content.decode()
    post = {f"item_{code}": "pass" for code in ("keeper", "signage", "shelves", "video", "hours", "filing")}
    post |= {"item_no_fee_notice": "pass", "item_consent_notice": "pass", "item_separate_area": "pass"}
    post["item_fire"] = "fail"
    refused = client.post(url, post)
    assert refused.status_code == 400 and "整改期限" in refused.content.decode()
    post["fix_by"] = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    done = client.post(url, post)
    assert done.status_code == 302
    station_page = as_role("hub_operator").get(reverse("network:station_detail", args=["S-CMP"]))
    assert "检查未通过：消防器材齐全有效" in station_page.content.decode()
    listing = as_role("town_operator", town_node=station.town_node).get(reverse("network:station_list"))
    assert "检查未通过：消防器材齐全有效" in listing.content.decode()


def device_client(station):
    return Client(
        HTTP_AUTHORIZATION="Bearer " + ApiToken.issue("cam", "device", device_id="cam1", station=station)[1]
    )


def test_heartbeat_endpoint_takes_a_station_device_token(station):
    client = device_client(station)
    answer = client.post("/api/v1/compliance/heartbeat", {"device": "cam1"}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["station"] == "S-CMP"
    assert VideoDevice.objects.get().last_heartbeat_at is not None
    other = StationFactory(code="S-OTHER")
    refused = client.post(
        "/api/v1/compliance/heartbeat", {"station": other.code}, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "other_station"
    user_token = Client(HTTP_AUTHORIZATION="Bearer " + ApiToken.issue("u", "user", user=UserFactory())[1])
    assert (
        user_token.post("/api/v1/compliance/heartbeat", {}, content_type="application/json").status_code
        == 403
    )


def test_complaint_over_the_api_and_its_status(station):
    user = UserFactory(role="hub_operator")
    client = Client(HTTP_AUTHORIZATION="Bearer " + ApiToken.issue("u", "user", user=user)[1])
    body = {"category": "loss", "text": "包裹显示签收但没收到", "contact_phone": "13912345678"}
    created = client.post("/api/v1/complaints", body, content_type="application/json")
    assert created.status_code == 201
    ref = created.json()["reference"]
    assert Complaint.objects.get(reference=ref).channel == "api"
    assert client.get(f"/api/v1/complaints/{ref}?phone_tail=5678").json()["status"] == "received"
    assert client.get(f"/api/v1/complaints/{ref}?phone_tail=0000").status_code == 404
    bad = client.post("/api/v1/complaints", {**body, "contact_phone": "abc"}, content_type="application/json")
    assert bad.status_code == 422


def test_public_complaint_page_and_status_page(db):
    client = Client()
    page = client.post(
        reverse("compliance:complain"),
        {"category": "fee", "text": "取件收了两元", "contact_phone": "139 1234 5678"},
    )
    complaint = Complaint.objects.get()
    assert complaint.reference in page.content.decode() and complaint.channel == "web"
    status = client.post(
        reverse("compliance:complaint_status"), {"reference": complaint.reference, "phone_tail": "5678"}
    )
    assert "已受理" in status.content.decode()
    miss = client.post(
        reverse("compliance:complaint_status"), {"reference": complaint.reference, "phone_tail": "1111"}
    )
    assert "没有找到" in miss.content.decode() and "取件收了两元" not in miss.content.decode()


def test_staff_phone_entry_and_reply(station):
    client = as_role("hub_operator")
    answer = client.post(
        reverse("compliance:complaints"),
        {"category": "delay", "text": "电话反映快件延误", "contact_phone": "13912345678"},
    )
    complaint = Complaint.objects.get()
    assert answer.status_code == 302 and complaint.channel == "phone"
    page = client.get(reverse("compliance:complaint", args=[complaint.reference])).content.decode()
    assert "*******5678" in page and "13912345678" not in page
    client.post(
        reverse("compliance:complaint", args=[complaint.reference]),
        {"action": "reply", "reply": "已催促品牌补发"},
    )
    complaint.refresh_from_db()
    assert complaint.status == "replied"


def test_fee_report_from_the_lookup_page_becomes_a_case(db):
    county = build_county()
    parcel = to_village(county, manifest_parcel(county))
    services.shelve_parcel(county.station, parcel.waybill)
    parcel.refresh_from_db()
    tail = parcel.recipient_phone[-4:]
    lookup = Client().get(reverse("web:lookup")).content.decode()
    assert reverse("compliance:report_fee") in lookup
    answer = Client().post(
        reverse("compliance:report_fee"), {"phone_tail": tail, "code": parcel.pickup_code, "amount": "2"}
    )
    case = NoFeeCase.objects.get()
    assert answer.status_code == 200 and case.reference in answer.content.decode()
    assert (case.station, case.amount_fen) == (county.station, 200)
    wrong = Client().post(
        reverse("compliance:report_fee"), {"phone_tail": "9999", "code": parcel.pickup_code, "amount": "2"}
    )
    assert wrong.status_code == 400 and NoFeeCase.objects.count() == 1
    client = as_role("hub_operator")
    client.post(
        reverse("compliance:settle_fee_case", args=[case.reference]),
        {"founded": "yes", "refund": "2", "note": "已退"},
    )
    case.refresh_from_db()
    assert case.status == "refunded" and case.refund_fen == 200


def test_regulator_exports_carry_no_whole_phone(station):
    receive_complaint(channel="phone", category="delay", text="快件延误三天", contact_phone="13912345678")
    client = as_role("regulator")
    for name in ("stations", "inspections", "complaints", "consent-gaps", "fee-cases", "unmasks"):
        answer = client.get(reverse("compliance:export", args=[name, "xlsx"]))
        assert answer.status_code == 200
        book = openpyxl.load_workbook(io.BytesIO(answer.content))
        cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)
        assert "13912345678" not in cells and "1234567" not in cells
    csv = client.get(reverse("compliance:export", args=["complaints", "csv"])).content.decode("utf-8-sig")
    assert "139******78" in csv
    assert (
        as_role("hub_operator").get(reverse("compliance:export", args=["stations", "csv"])).status_code == 403
    )
