"""The plan page, re-planning and locking through it, the dispatch PDF link, the comparison page."""

import datetime as dt

from django.test import Client

from jincun.core.models import User
from jincun.routing.choices import RunKind
from jincun.routing.map_data import county_outline
from jincun.routing.models import Plan, Stop
from jincun.routing.services.plans import plan_day
from jincun.routing.tests.factories import build_county, need_two_village_runs

DAY = dt.date(2024, 5, 8)


def login(role: str) -> Client:
    client = Client()
    client.force_login(User.objects.create(username=role, role=role))
    return client


def test_plan_page_shows_runs_map_data_and_note(db):
    county = build_county(towns=1, stations_per_town=3)
    plan_day(DAY, hub=county.hub, time_limit=1, iterations=200)
    page = login("regulator").get(f"/routing/?date={DAY}")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="map-data"' in html and "估算" in html
    assert county.stations[0].name in html
    assert login("station_keeper").get("/routing/").status_code == 403


def test_replan_and_lock_through_the_page(db):
    county = build_county(towns=1, stations_per_town=6)
    need_two_village_runs(county, DAY)
    hub = login("hub_operator")
    made = hub.post("/routing/replan/", {"date": DAY, "time_limit": 1, "seed": 1}, HTTP_HX_REQUEST="true")
    assert made.status_code == 200 and "重新规划" in made.content.decode()
    plan = Plan.objects.get(date=DAY)
    first, second = plan.runs.filter(kind=RunKind.VILLAGE)[:2]
    stop = first.stops.first()
    locked = hub.post(f"/routing/plans/{DAY}/lock/", {"stop": stop.id, "run": second.id})
    assert locked.status_code == 302
    now = Stop.objects.get(run__plan=plan, station_id=stop.station_id)
    assert now.locked and now.run.vehicle_code == second.vehicle_code
    assert (
        login("regulator").post(f"/routing/plans/{DAY}/lock/", {"stop": now.id, "run": second.id}).status_code
        == 403
    )
    assert hub.get(f"/routing/plans/{DAY}/dispatch.pdf").content.startswith(b"%PDF")
    assert hub.get("/routing/plans/2024-13-40/dispatch.pdf").status_code == 404
    current = now.run  # the re-plan replaced the runs
    answer = hub.get(f"/routing/plans/{DAY}/dispatch.pdf", {"run": current.id})
    one = answer.content
    assert one.startswith(b"%PDF") and one.count(b"/Type /Page\n") == 1
    assert f'filename="dispatch-{DAY}-run{current.seq}.pdf"' in answer["Content-Disposition"]
    assert hub.get(f"/routing/plans/{DAY}/dispatch.pdf", {"run": 999999}).status_code == 404
    assert county


def test_compare_page(db):
    build_county(towns=1, stations_per_town=3, brands=("ZTO", "YTO"))

    page = login("regulator").get("/routing/compare/", {"date": DAY, "days": 1, "time_limit": 0.3})
    html = page.content.decode()
    assert page.status_code == 200 and "共配节省" in html and "分别配送" in html


def test_compare_page_with_only_a_date_uses_the_defaults(db):
    build_county(towns=1, stations_per_town=2, brands=("ZTO", "YTO"))

    page = login("regulator").get("/routing/compare/", {"date": DAY})
    html = page.content.decode()
    assert page.status_code == 200 and "共配节省" in html and "errorlist" not in html


def test_yiyuan_outline_is_bundled():
    rings = county_outline("370323000000")
    assert rings and len(rings[0]) > 50
    assert all(117.8 < lon < 118.6 and 35.8 < lat < 36.5 for lon, lat in rings[0])
    assert county_outline("990101000000") == []


def test_compare_page_explains_a_single_brand_day_and_picks_dates(db):
    build_county(towns=1, stations_per_town=2, brands=("ZTO",))

    regulator = login("regulator")
    html = regulator.get("/routing/compare/", {"date": DAY, "time_limit": 0.3}).content.decode()
    assert 'id="single-brand"' in html and "ZTO" in html and "节省为 0%" in html
    assert 'type="date"' in html
    assert 'type="date"' in regulator.get("/routing/compare/").content.decode()
