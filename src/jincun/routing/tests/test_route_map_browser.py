"""The route map in a real browser: it draws every run, and locking a stop re-plans with the lock shown."""

import datetime as dt

import pytest

from jincun.core.models import User
from jincun.routing.choices import RunKind
from jincun.routing.models import Plan, Stop
from jincun.routing.services.plans import plan_day
from jincun.routing.tests.factories import build_county, need_two_village_runs

DAY = dt.date(2024, 5, 8)


@pytest.mark.browser
def test_route_map_draws_runs_and_locks_a_stop(transactional_db, live_server, page, browser_login):
    county = build_county(towns=1, stations_per_town=6)
    need_two_village_runs(county, DAY)
    plan = plan_day(DAY, time_limit=1, iterations=200)
    first, second = plan.runs.filter(kind=RunKind.VILLAGE)[:2]
    stop = first.stops.first()
    browser_login(page, User.objects.create(username="planner", role="hub_operator"))
    page.goto(f"{live_server.url}/routing/?date={DAY}")
    page.wait_for_selector("#route-map[data-drawn]")
    runs_drawn = int(page.get_attribute("#route-map", "data-drawn"))
    assert runs_drawn == plan.runs.exclude(kind=RunKind.HANDOVER).count()
    assert page.locator("#route-map canvas").count() >= 1
    assert "估算" in page.inner_text("#plan-summary")
    row = page.locator(f'[data-stop="{stop.id}"]')
    row.locator("select[name=run]").select_option(str(second.id))
    before = page.get_attribute("#plan-summary", "data-plan-updated")
    row.locator("button").click()
    page.wait_for_function(
        "b => { const s = document.querySelector('#plan-summary'); return s && s.dataset.planUpdated !== b; }",
        arg=before,
    )
    page.wait_for_selector("#route-map[data-drawn]")
    assert page.locator(".badge.locked").count() == 1
    moved = Stop.objects.get(run__plan=Plan.objects.get(date=DAY), station_id=stop.station_id)
    assert moved.locked and moved.run.vehicle_code == second.vehicle_code
