"""The daily work in a real browser (issue 11): every menu entry the role has is on screen at 1440 px and on a
phone; a wide table keeps its key column in view on a phone; an outbound parcel scanned at the hub is sent to
its brand's chute; China Post's upward hand-over list takes it; the proxy sign-out asks who collects."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jincun.network.models import Assignment, Brand
from jincun.network.tests.factories import BrandFactory
from jincun.parcels import services
from jincun.web.tests.county import build_county

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
User = get_user_model()


def _hub_user(county):
    user = User.objects.create(username="hubop", role="hub_operator")
    Assignment.objects.create(user=user, hub=county.hub)
    return user


def _all_menu_entries_visible(page) -> list[str]:
    width = page.viewport_size["width"]
    hidden = []
    for link in page.locator("nav.menu a").all():
        box = link.bounding_box()
        if box is None or box["x"] < 0 or box["x"] + box["width"] > width + 1:
            hidden.append(link.inner_text())
    return hidden


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)])
def test_menu_shows_every_entry_the_role_has(live_server, page, browser_login, size):
    county = build_county()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    browser_login(page, _hub_user(county))
    page.goto(live_server.url + reverse("web:hub_scan"))
    entries = page.locator("nav.menu a").all_inner_texts()
    assert "导入站点" in entries and "查件" in entries and "待装看板" in entries
    assert _all_menu_entries_visible(page) == []
    assert page.locator(".lang select option").all_inner_texts() == ["简体中文", "English"]


def _outbound_at_hub(county, brand_code: str) -> str:
    if not Brand.objects.filter(code=brand_code).exists():  # a transactional test starts with no brands
        BrandFactory(code=brand_code, name="中国邮政", waybill_patterns=[r"^[19]\d{12}$"])
    keeper_station = county.station
    parcel = services.collect_outbound(
        keeper_station,
        {"sender_name": "王果农", "sender_phone": "13700001111", "id_type": "resident_id",
         "id_number": "11010519491231002X", "id_name": "王果农", "contents": "苹果", "weight_g": "5000",
         "brand": brand_code, "recipient_name": "赵买家", "recipient_phone": "13800002222",
         "recipient_address": "北京市朝阳区"},
    ).parcel  # fmt: skip
    for origin, dest in ((keeper_station, county.node.code), (county.node, county.hub.code)):
        handover = services.open_handover(origin, dest)
        services.load_parcel(handover, parcel.waybill)
        services.close_handover(handover, carrier="李师傅")
        services.check_in(handover, parcel.waybill)
        services.finish_check_in(handover)
    return parcel.waybill


def test_outbound_china_post_parcel_goes_to_its_chute_and_onto_the_upward_list(
    live_server, page, browser_login
):
    county = build_county()
    waybill = _outbound_at_hub(county, "POST")
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, _hub_user(county))
    page.goto(live_server.url + reverse("web:hub_scan"))
    page.locator(".scan-input").type(waybill)
    page.keyboard.press("Enter")
    headline = page.locator(".answer .answer-headline")
    headline.wait_for()
    assert "上行交件" in headline.inner_text() and "邮路" not in headline.inner_text()

    page.goto(live_server.url + reverse("web:hub_load"))
    values = page.locator("select[name=destination] option").evaluate_all("os => os.map(o => o.value)")
    assert len(values) == len(set(values)) and "POST" in values and "BRAND:POST" in values
    page.select_option("select[name=destination]", "BRAND:POST")
    page.locator("button.primary", has_text="新建交接单").click()
    page.locator(".scan-input").wait_for()
    page.locator(".scan-input").type(waybill)
    page.keyboard.press("Enter")
    page.locator(".answer.tone-ok").wait_for()
    assert page.locator("#summary").get_attribute("data-phase") == "loading"
    assert "1" in page.locator("#summary .count.ok b").inner_text()
    page.locator("button.primary", has_text="封车").click()  # no driver: the browser refuses
    assert page.url.endswith("/load/")
    page.fill("input[name=carrier]", "邮政揽投车")
    page.locator("button.primary", has_text="封车").click()
    page.wait_for_url("**/handovers/*/")
    assert services.find_parcel(waybill).state == "handed_to_brand"


def test_phone_table_keeps_its_key_column_in_view(live_server, page, browser_login):
    county = build_county()
    for _ in range(3):
        services.open_handover(county.hub, county.node.code)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, _hub_user(county))
    page.goto(live_server.url + reverse("web:handovers"))
    first = page.locator(".table-wrap td:first-child").first
    assert first.evaluate("e => getComputedStyle(e).position") == "sticky"
    page.locator(".table-wrap").first.evaluate("e => e.scrollLeft = 400")
    assert first.bounding_box()["x"] >= 0


def test_proxy_signs_a_parcel_out_in_the_village_on_a_phone(live_server, page, browser_login):
    """The sign-out form has three fields; Enter in the waybill field (what a scanner sends) must send it."""
    county = build_county()
    parcel = services.ingest_manifest(
        county.brand,
        [{"waybill": "TB0000000077", "recipient_name": "张三丰", "recipient_phone": "13812345678",
          "village_code": county.proxy_village.code}],
    )[0].parcel  # fmt: skip
    services.hub_scan_in(county.hub, parcel.waybill)
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcel(trunk, parcel.waybill)
    services.close_handover(trunk, carrier="王师傅")
    services.check_in(trunk, parcel.waybill)
    code = services.shelve_parcel(county.node, parcel.waybill).pickup_code
    proxy = county.proxy_client().user
    services.proxy_collect(county.node, [county.proxy_village.code], proxy)

    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, proxy)
    page.goto(live_server.url + reverse("web:proxy_sign_out"))
    page.fill("input[name=collector]", "王大娘")
    page.fill("input[name=pickup_code]", code)
    page.locator(".scan-input").type(parcel.waybill)
    page.keyboard.press("Enter")
    page.locator(".answer.tone-ok").wait_for()
    assert "王大娘" in page.locator(".answer").inner_text()
    assert services.find_parcel(parcel.waybill).state == "signed"
    assert page.locator("button.scan-go").is_visible()


def test_codes_scanned_faster_than_the_answers_are_each_sent_once(live_server, page, browser_login):
    """A scanner gun sends the next code before the last answer is back: every code reaches the server whole
    (the input used to be cleared by the earlier answer, mid-typing, and a queued scan went empty)."""
    county = build_county()
    waybills = [f"TB00000001{n:02d}" for n in range(6)]
    services.ingest_manifest(
        county.brand,
        [{"waybill": w, "recipient_name": "张三", "recipient_phone": "13812345678",
          "village_code": county.station_village.code} for w in waybills],
    )  # fmt: skip
    posted = []
    page.on("request", lambda r: r.method == "POST" and "code=" in (r.post_data or "") and posted.append(r))
    browser_login(page, _hub_user(county))
    page.goto(live_server.url + reverse("web:hub_scan"))
    for waybill in waybills:
        page.keyboard.type(waybill)
        page.keyboard.press("Enter")
    # the last answer is in; the browser's request events come with it (Playwright hands them over while it
    # waits), and the database is read only once the server is done (SQLite's shared test database)
    page.locator(".answer-waybill", has_text=waybills[-1]).wait_for()
    assert [services.find_parcel(w).state for w in waybills] == ["sorted"] * len(waybills)
    assert sorted(r.post_data.split("code=")[1].split("&")[0] for r in posted) == waybills
