"""The CLI, the API, the dispatch PDF and the evening job on a small county."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from jincun.api.models import ApiToken
from jincun.core.models import User
from jincun.network.models import Brand
from jincun.routing.dispatch_pdf import _run_page, dispatch_pdf
from jincun.routing.models import Plan
from jincun.routing.queries import plan_with_runs
from jincun.routing.tasks import ensure_evening_job, next_evening
from jincun.routing.tests.factories import build_county

DAY = "2024-05-08"


def run_cli(*args) -> str:
    out = io.StringIO()
    call_command("plan_routes", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_plan_routes_json_lists_runs_stops_and_unserved(db):
    county = build_county(towns=2, stations_per_town=3, postal=1)
    data = json.loads(run_cli("--date", DAY, "--time-limit", "1", "--iterations", "200", "--format", "json"))
    kinds = {r["kind"] for r in data["runs"]}
    assert kinds == {"trunk", "village", "handover"}
    stations = {s["station_id"] for r in data["runs"] if r["kind"] == "village" for s in r["stops"]}
    assert stations == {s.id for s in county.stations if s.agreements.filter(mode="joint").exists()}
    assert data["unserved"] == [] and data["approximate"] and "估算" in data["note"]
    assert data["totals"]["km"] > 0 and all("km" in r and "load_parcels" in r for r in data["runs"])


def test_plan_routes_table_and_pdf(db, tmp_path):
    build_county(towns=1, stations_per_town=3)
    pdf = tmp_path / "d.pdf"
    text = run_cli("--date", DAY, "--time-limit", "1", "--iterations", "200", "--pdf", str(pdf))
    assert "线路计划" in text and "估算" in text
    plan = plan_with_runs(Plan.objects.get(date=DAY).id)
    raw = pdf.read_bytes()
    assert raw.startswith(b"%PDF") and raw.count(b"/Type /Page\n") == plan.runs.count()
    run = plan.runs.get(kind="village")
    text = " ".join(getattr(f, "text", "") for f in _run_page(plan, run))
    assert "村线派车单" in text and "签字" in text and "估算" in text
    table = next(f for f in _run_page(plan, run) if hasattr(f, "_cellvalues"))
    names = [row[1].text for row in table._cellvalues[1:-1]]
    assert names == [s.name for s in run.stops.all()]


def test_the_postal_handover_sheet_has_the_routes_stops_and_no_vehicle_figures(db):
    """The mail route runs on its own timetable: no km, return time or load on board on its sheet (a sheet
    saying 出发 07:30 返回 07:30 with stops at 08:13 contradicted itself)."""
    build_county(towns=1, stations_per_town=2, postal=1)
    run_cli("--date", DAY, "--time-limit", "1", "--iterations", "200")
    plan = plan_with_runs(Plan.objects.get(date=DAY).id)
    run = plan.runs.get(kind="handover")
    flow = _run_page(plan, run)
    text = " ".join(getattr(f, "text", "") for f in flow)
    assert "邮政交接单" in text and "交邮时间" in text and "接收方（邮政）签字" in text
    assert not re.search(r"返回 \d\d:\d\d|里程 [\d.]+ km|在车最重", text)
    table = next(f for f in flow if hasattr(f, "_cellvalues"))
    assert table._cellvalues[0] == [
        "序",
        "邮路停靠村",
        "邮路预计到达",
        "交件",
        "分品牌件数",
        "实收件数",
        "签字",
    ]
    stops = list(run.stops.all())
    assert [row[1].text for row in table._cellvalues[1:-1]] == [s.name for s in stops]
    assert table._cellvalues[-1][3] == sum(s.parcels for s in stops) > 0


def test_plan_routes_refuses_bad_input(db):
    with pytest.raises(CommandError, match="--date"):
        run_cli("--date", "08/05/2024")
    with pytest.raises(CommandError, match="共配中心"):
        run_cli("--date", DAY, "--time-limit", "1")


def test_dispatch_pdf_of_a_plan_without_runs(db):
    plan = Plan.objects.create(date=dt.date(2024, 1, 1), demand_source="forecast", distance_source="x")
    assert dispatch_pdf(plan).startswith(b"%PDF")


def _client(role=None, brand=None) -> Client:
    if brand:
        key = ApiToken.issue("t", "brand", brand=brand)[1]
    else:
        key = ApiToken.issue("t", "user", user=User.objects.create(username=role, role=role))[1]
    return Client(HTTP_AUTHORIZATION="Bearer " + key)


def test_api_plans_runs_and_stops(db):
    build_county(towns=1, stations_per_town=3)
    hub = _client("hub_operator")
    made = hub.post("/api/v1/routing/plans", {"date": DAY, "time_limit": 1, "iterations": 200},
                    content_type="application/json")  # fmt: skip
    assert made.status_code == 200, made.content
    assert made.json()["date"] == DAY
    runs = hub.get(f"/api/v1/routing/plans/{DAY}/runs").json()
    assert runs and "stops" not in runs[0]
    stops = hub.get(f"/api/v1/routing/runs/{runs[-1]['id']}/stops").json()
    assert stops and {"name", "eta", "by_brand"} <= set(stops[0])
    assert _client("regulator").get(f"/api/v1/routing/plans/{DAY}").status_code == 200
    refused = _client("station_keeper").post("/api/v1/routing/plans", {"date": DAY},
                                             content_type="application/json")  # fmt: skip
    assert refused.status_code == 403
    assert _client(brand=Brand.objects.get(code="ZTO")).get(f"/api/v1/routing/plans/{DAY}").status_code == 403
    assert hub.get("/api/v1/routing/plans/2030-01-01").status_code == 404


def test_evening_job_is_queued_once(db):
    assert ensure_evening_job() is True
    assert ensure_evening_job() is False
    evening = next_evening(dt.datetime(2024, 5, 8, 13, 0, tzinfo=dt.UTC))  # 21:00 in Shanghai
    assert (evening.day, evening.hour) == (9, 20)


def test_frequency_tradeoff_table_heads_every_column(db):
    build_county(towns=1, stations_per_town=2)
    out = io.StringIO()
    call_command("frequency_tradeoff", "--date", DAY, "--time-limit", "0.3", "--iterations", "50", stdout=out)
    head, *rows = out.getvalue().splitlines()[1:4]
    assert "未送件数" in head and len(head.split()) == len(rows[0].split())
