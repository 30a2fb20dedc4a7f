"""Real browser (Debian Chromium via Playwright): what a person sees after logging in."""

import pytest

from jincun.network.tests.page_network import DAY, build_page_network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def net(transactional_db):
    return build_page_network()


def test_regulator_sees_coverage_map_and_no_keeper(page, browser_login, live_server, net):
    landed = browser_login(page, net.users["regulator"])
    assert landed.endswith("/dashboard/")  # the regulator lands on the leadership overview

    page.goto(f"{live_server.url}/dashboard/coverage/?date={DAY.isoformat()}")
    assert page.locator("#coverage-share").inner_text() == "60.0%"
    assert page.get_by_text("3 / 5").is_visible()
    page.wait_for_selector("#coverage-chart[data-ready='1'] canvas")
    assert page.locator(".kpi", has_text="年底覆盖八成").get_by_text("已达成").is_visible()
    assert page.locator("section", has_text="未通快递建制村").get_by_role("link", name="北岭村").is_visible()

    page.goto(f"{live_server.url}/dashboard/map/?date={DAY.isoformat()}")
    page.wait_for_selector("#network-map[data-ready='1'] canvas")
    assert page.locator("#map-share").inner_text() == "60.0%"
    assert page.locator("#approx-note").is_visible()
    # Hover the joint station: ECharts draws the tooltip as HTML next to the canvas.
    x, y = page.evaluate(
        """() => {
          const chart = window.jincunMap;
          const s = chart.getOption().series.find((s) => s.name === '站点·快快合作');
          return chart.convertToPixel({ geoIndex: 0 }, s.data[0].value);
        }"""
    )
    box = page.locator("#network-map").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator("#network-map div", has_text="东庄村快递服务站").last
    tooltip.wait_for(state="visible")
    assert "乙快递" in tooltip.inner_text()

    page.goto(f"{live_server.url}/network/stations/")
    assert page.get_by_role("link", name="东庄村快递服务站").is_visible()
    assert "王守站" not in page.content()


def test_hub_operator_filters_station_list(page, browser_login, live_server, net):
    landed = browser_login(page, net.users["hub_operator"])
    assert landed.endswith("/web/hub/scan/")
    page.goto(f"{live_server.url}/network/stations/")
    page.select_option("select[name=kind]", "ecommerce")
    page.wait_for_url("**kind=ecommerce**")
    page.get_by_text("共 1 个站点").wait_for()
    assert page.get_by_role("link", name="乙庄村电商服务站").is_visible()
    assert page.get_by_role("link", name="东庄村快递服务站").count() == 0
