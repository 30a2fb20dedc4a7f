"""The 规划 button submits with its defaults: the time-limit field accepts 10 (it once only took 9.6, 10.1 …)."""

import datetime as dt

import pytest

from jincun.core.models import User
from jincun.routing.models import Plan
from jincun.routing.tests.factories import build_county, need_two_village_runs

DAY = dt.date(2024, 5, 9)


@pytest.mark.browser
def test_plan_button_plans_with_its_default_time_limit(transactional_db, live_server, page, browser_login):
    county = build_county(towns=1, stations_per_town=3)
    need_two_village_runs(county, DAY)
    browser_login(page, User.objects.create(username="planner2", role="hub_operator"))
    page.goto(f"{live_server.url}/routing/?date={DAY}")
    page.fill("input[name=time_limit]", "1")
    assert page.eval_on_selector(
        "input[name=time_limit]", "e => { e.value = '10'; return e.checkValidity(); }"
    )
    page.fill("input[name=time_limit]", "1")  # keep the test short; 1 is as valid as 10
    page.click("#replan-button")
    page.wait_for_selector("#plan-summary", timeout=60_000)
    assert Plan.objects.filter(date=DAY).exists()
