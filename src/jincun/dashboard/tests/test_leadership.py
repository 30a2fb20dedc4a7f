"""The leadership overview: figures equal the events, downloads and reports read back with the same totals,
and the regulator reaches no personal data (pages, exports, JSON, API)."""

import datetime as dt
import io
import re
import subprocess
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.test import Client

from jincun.agri.models import Project
from jincun.agri.services import import_reported, set_target
from jincun.api.models import ApiToken
from jincun.dashboard.reports.make import make_report, request_report
from jincun.network.tests.factories import UserFactory
from jincun.parcels import services
from jincun.parcels.choices import State
from jincun.parcels.tests.factories import build_county, manifest_parcel

TZ = ZoneInfo("Asia/Shanghai")
NAME, PHONE = "欧阳秀英", "13912345678"


@pytest.fixture
def county(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    c = build_county()
    county_area = c.node.town.parent
    apple = Project.objects.create(code="apple", name="快递+苹果", product="apple", level="gold", county=county_area,
                                   season_months=[10, 11], annual_target=100, valid_from_year=2026)  # fmt: skip
    set_target(apple, 2026, 100, dt.date(2026, 1, 1))
    village = c.station.village_id
    import_reported(
        f"date,project,village,brand,pieces\n2026-10-05,apple,{village},TBZ,40\n".encode(), "r.csv"
    )
    for i in range(3):
        p = manifest_parcel(c, recipient_name=NAME, recipient_phone=PHONE[:-1] + str(i))
        services.record_scan(p.waybill, State.AT_HUB, place=c.hub, at=dt.datetime(2026, 10, 5, 8, tzinfo=TZ))
    c.parcel = p
    return c


def regulator_client():
    user = UserFactory(role="regulator", username="reg")
    client = Client()
    client.force_login(user)
    return client, user


def test_overview_counts_what_the_events_say_and_the_project(county):
    client, _ = regulator_client()
    data = client.get("/dashboard/overview.json?start=2026-10-01&end=2026-10-31").json()
    assert data["totals"]["in_hub"] == 3
    assert sum(r["inbound"] for r in data["series"]) == 3 and len(data["series"]) == 31
    apple = next(p for p in data["projects"] if p["code"] == "apple")
    assert apple["ytd"] == 40 and apple["target"] == 100
    page = client.get("/dashboard/?start=2026-10-01&end=2026-10-31")
    assert page.status_code == 200 and "快递+苹果" in page.content.decode()


def test_regulator_sees_no_personal_data_anywhere(county):
    client, user = regulator_client()
    q = "start=2026-10-01&end=2026-10-31"
    bodies = [client.get(u).content for u in (
        f"/dashboard/?{q}", f"/dashboard/overview.json?{q}", "/dashboard/screen/", "/dashboard/forecast/?date=2026-10-31",
        f"/dashboard/overview/export.xlsx?{q}", "/dashboard/reports/",
        *[f"/dashboard/overview/export.csv?{q}&table={t}" for t in ("daily", "projects", "timeliness", "modes", "complaints", "complaint_trend")],
    )]  # fmt: skip
    _, key = ApiToken.issue("领导小组", "device", user=user, device_id="REG-1")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    bodies.append(api.get(f"/api/v1/parcels/{county.parcel.waybill}").content)
    workbook = openpyxl.load_workbook(io.BytesIO(bodies[4]))
    cells = " ".join(str(c.value) for ws in workbook for row in ws.iter_rows() for c in row)
    for body in [*bodies, cells.encode()]:
        text = body.decode("utf-8", "ignore") if isinstance(body, bytes) else body
        assert NAME not in text and "秀英" not in text
        assert PHONE[:-1] not in text  # no whole phone number (a masked tail is allowed)


def test_report_files_read_back_with_the_totals(county):
    xlsx = make_report(request_report("2026-10", "xlsx"))
    workbook = openpyxl.load_workbook(xlsx.file)
    totals = {row[0].value: row[1].value for row in workbook["总体"].iter_rows(min_row=2)}
    assert totals["下行到县（件）"] == 3
    assert workbook["每日件量"].freeze_panes == "A2"
    assert isinstance(workbook["每日件量"]["A2"].value, dt.datetime)
    project = next(
        r for r in workbook["农产品项目"].iter_rows(min_row=2, values_only=True) if r[0] == "快递+苹果"
    )
    assert project[4] == 40 and workbook["农产品项目"]["J2"].number_format == "0.0%"
    pdf = make_report(request_report("2026", "pdf"))
    assert pdf.number == "JCBG-2026-001" and pdf.progress == 100
    text = subprocess.run(
        ["pdftotext", "-layout", pdf.file, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "年度报告（2026）" in text and "快递+苹果" in text
    pages = text.count("\f")
    assert pages >= 2 and text.count("JCBG-2026-001") >= pages and "第1页" in text.replace(" ", "")
    apple_line = next(line for line in text.splitlines() if "快递+苹果" in line and "100" in line)
    assert re.search(r"\b40\b", apple_line), apple_line


def test_complaints_and_fee_cases_per_town_in_the_overview_screen_and_export(county):
    from django.utils import timezone

    from jincun.compliance.models import Complaint, NoFeeCase

    def complaint(ref, day, status="received", due=None, station=county.station):
        due = due or timezone.localdate() + dt.timedelta(days=10)  # not yet due
        at = dt.datetime(2026, 10, day, 9, tzinfo=TZ)
        Complaint.objects.create(reference=ref, channel="phone", category="delay", text="五天没到", contact_phone=PHONE,
                                 station=station, received_at=at, due_on=due, status=status)  # fmt: skip

    complaint("TS1", 3)
    complaint("TS2", 3, due=dt.date(2026, 10, 4))  # past its deadline
    complaint("TS3", 4, status="closed")
    complaint("TS4", 5, station=None)  # no station, no parcel: counted, under no town
    NoFeeCase.objects.create(reference="SF1", station=county.station, reported_at=dt.datetime(2026, 10, 5, 10, tzinfo=TZ),
                             amount_fen=200, due_on=dt.date(2026, 10, 12))  # fmt: skip
    client, _ = regulator_client()
    q = "start=2026-10-01&end=2026-10-31"
    c = client.get(f"/dashboard/overview.json?{q}").json()["complaints"]
    assert (c["open_complaints"], c["overdue_complaints"], c["open_cases"]) == (3, 1, 1)
    town = next(t for t in c["towns"] if t["town"] == county.node.town_id)
    assert (town["open_complaints"], town["overdue_complaints"], town["open_cases"]) == (2, 1, 1)
    assert (town["received_complaints"], town["received_cases"]) == (3, 1)
    assert next(t for t in c["towns"] if t["town"] == "")["open_complaints"] == 1
    by_day = {r["day"]: (r["complaints"], r["cases"]) for r in c["daily"]}
    assert by_day["2026-10-03"] == (2, 0) and by_day["2026-10-05"] == (1, 1) and len(by_day) == 31
    # a town filter narrows to that town
    other = client.get(f"/dashboard/overview.json?{q}&town={county.node.town_id}").json()["complaints"]
    assert other["open_complaints"] == 2
    csv = client.get(f"/dashboard/overview/export.csv?{q}&table=complaints").content.decode("utf-8-sig")
    assert f"{county.node.town.name},2,1,1,3,1" in csv
    trend = client.get(f"/dashboard/overview/export.csv?{q}&table=complaint_trend").content.decode(
        "utf-8-sig"
    )
    assert "2026-10-05,1,1" in trend
    page = client.get(f"/dashboard/?{q}").content.decode()
    assert 'id="complaint-chart"' in page and 'id="kpi-complaints"' in page
    screen = client.get("/dashboard/screen/").content.decode()
    assert 'id="c-complaint-towns"' in screen and 'id="t-complaints"' in screen
    assert PHONE not in page + csv + screen
    english = client.get(f"/dashboard/?{q}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        "Complaints and pickup-fee reports (by town)" in english
        and "Farm-product project progress" in english
    )
    assert (
        "Complaints and reports"
        in client.get("/dashboard/screen/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
