"""The leadership dashboard on a phone (390×844) and the big screen on a 1920×1080 wall, in Debian Chromium
(Playwright): charts drawn (ECharts canvases), no console errors, filters work, nothing overflows sideways on
the phone, type large enough to read, and the big screen refreshes itself and shows when."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from jincun.agri.models import Project
from jincun.agri.services import import_reported, set_target
from jincun.compliance.models import Complaint
from jincun.network.models import AdminArea, Station
from jincun.network.tests.factories import UserFactory
from jincun.parcels import services
from jincun.parcels.choices import State
from jincun.parcels.tests.factories import build_county, manifest_parcel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TZ = ZoneInfo("Asia/Shanghai")
Q = "start=2026-10-01&end=2026-10-31"


@pytest.fixture
def county(transactional_db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    c = build_county()
    area = c.node.town.parent
    # a second town, so the town filter has something to leave out
    AdminArea.objects.create(code=area.code[:6] + "102000", name="东山镇", level="town", parent=area)
    apple = Project.objects.create(code="apple", name="快递+苹果", product="apple", level="gold", county=area,
                                   season_months=[10, 11], annual_target=100, valid_from_year=2026)  # fmt: skip
    set_target(apple, 2026, 100, dt.date(2026, 1, 1))
    import_reported(
        f"date,project,village,brand,pieces\n2026-10-05,apple,{c.station.village_id},TBZ,40\n".encode(),
        "r.csv",
    )
    for i in range(3):
        p = manifest_parcel(c, recipient_phone=f"1391234567{i}")
        services.record_scan(
            p.waybill, State.AT_HUB, place=c.hub, at=dt.datetime(2026, 10, 5 + i, 8, tzinfo=TZ)
        )
    Complaint.objects.create(reference="TS1", channel="phone", category="delay", text="五天没到", contact_phone="13900000000",
                             station=Station.objects.get(pk=c.station.pk), received_at=dt.datetime(2026, 10, 6, 9, tzinfo=TZ),
                             due_on=dt.date(2099, 1, 1))  # fmt: skip
    return c


def _regulator():
    return UserFactory(role="regulator", username="reg-browser")


def _watch_console(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors


def _font_px(page, selector) -> float:
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


def test_dashboard_on_a_phone(browser, browser_login, live_server, county):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="zh-CN")  # fmt: skip
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = _watch_console(page)
    try:
        browser_login(page, _regulator())
        page.goto(f"{live_server.url}/dashboard/?{Q}")
        for chart in ("volume-chart", "mode-chart", "complaint-chart"):
            page.wait_for_selector(f"#{chart}[data-ready='1'] canvas")
            box = page.locator(f"#{chart} canvas").first.bounding_box()
            assert box["width"] > 200 and box["height"] > 100, chart
        assert page.locator("#kpi-inbound").inner_text() == "3"
        assert page.locator("#kpi-complaints").inner_text().replace(" ", "") == "1/0"
        # nothing wider than the phone: the page never scrolls sideways (wide tables scroll in their own box)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"page overflows by {overflow}px"
        wide = page.evaluate(
            """() => [...document.querySelectorAll('main *')].filter((el) => {
                 if (el.closest('.table-wrap')) return false;
                 const r = el.getBoundingClientRect();
                 return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
               }).map((el) => el.tagName + '#' + el.id + '.' + el.className).slice(0, 5)"""
        )
        assert wide == []
        # legible on a phone: body text at least 14 px, KPI figures larger, table figures at least 12 px
        assert _font_px(page, "main p, main td") >= 12
        assert _font_px(page, "body") >= 14
        assert _font_px(page, "#kpi-inbound") >= 20
        # the town filter narrows every figure: the other town has no parcels and no complaint
        other = county.node.town.parent.code[:6] + "102000"
        page.select_option("select[name=town]", other)
        page.get_by_role("button", name="查看").click()
        page.wait_for_url(f"**town={other}**")
        page.wait_for_selector("#volume-chart[data-ready='1'] canvas")
        assert page.locator("#kpi-inbound").inner_text() == "0"
        assert page.locator("#kpi-complaints").inner_text().replace(" ", "") == "0/0"
        assert page.locator("select[name=town]").input_value() == other
        # the date filter: a range before the parcels came in
        page.goto(f"{live_server.url}/dashboard/?start=2026-09-01&end=2026-09-30")
        page.wait_for_selector("#volume-chart[data-ready='1'] canvas")
        assert page.locator("#kpi-inbound").inner_text() == "0"
        assert errors == []
    finally:
        context.close()


def test_big_screen_at_1920_refreshes_and_rotates(browser, browser_login, live_server, county):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = _watch_console(page)
    try:
        browser_login(page, _regulator())
        page.clock.install()
        page.goto(f"{live_server.url}/dashboard/screen/")
        page.wait_for_selector("#stage[data-ready='1']")
        page.wait_for_selector("#c-volume canvas")
        assert page.locator("#t-inbound").inner_text() != "—"
        first = page.locator("#updated").inner_text()
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", first)
        # the stage fills the screen at scale 1, and reads from across a room
        box = page.locator("#stage").bounding_box()
        assert (round(box["width"]), round(box["height"])) == (1920, 1080)
        assert _font_px(page, ".tile span") >= 28 and _font_px(page, ".tile b") >= 64
        assert _font_px(page, "h1") >= 48 and _font_px(page, ".meta") >= 28
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 1920
        # auto-refresh: a minute later the figures are fetched again and the time of the update moves on
        page.wait_for_timeout(1100)  # the server's clock moves at least a second
        page.clock.fast_forward(61_000)
        page.wait_for_function("(t) => document.getElementById('updated').textContent !== t", arg=first)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", page.locator("#updated").inner_text())
        # the views rotate; each view's charts are drawn on canvases when it shows
        seen = {page.locator("#view-name").inner_text()}
        for _ in range(3):
            page.clock.fast_forward(15_000)
            seen.add(page.locator("#view-name").inner_text())
        assert seen == {"总览", "农产品项目", "时效与模式", "投诉与举报"}
        for chart in ("c-volume", "c-time", "c-modes", "c-complaint-towns", "c-complaint-days"):
            assert page.locator(f"#{chart} canvas").count() >= 1, chart
        assert page.locator("#projects .project").count() == 1
        assert errors == []
    finally:
        context.close()
