"""Real-browser tests of the scanner pages: at the station, shelve a parcel by scanning (typing + Enter, as a
wedge scanner does), see the pickup code in big type, then find it at the counter and sign it off; at the
town node, the check-in counts change live as parcels are scanned."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jincun.network.models import Assignment
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import load_run, push, scan, to_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shelve_by_scanning_then_sign_off_at_the_counter(live_server, page, browser_login):
    county = build_county()
    push(county, "TB0000000001", county.station_village, phone="13812345678")
    to_town(county, "TB0000000001")
    load_run(county.town_client(), reverse("web:town_load"), county.station.code, "TB0000000001")
    keeper = get_user_model().objects.create(username="keeper", role="station_keeper")
    Assignment.objects.create(user=keeper, station=county.station)
    page.set_viewport_size({"width": 400, "height": 800})  # a phone
    browser_login(page, keeper)
    page.goto(live_server.url + reverse("web:station_shelve"))

    page.locator(".scan-input").type("TB0000000001")
    page.keyboard.press("Enter")
    headline = page.locator(".answer.tone-ok .answer-headline")
    headline.wait_for()
    code = headline.inner_text().strip().lstrip("✓ ").strip()
    assert code.count("-") == 2
    assert page.evaluate("document.activeElement.classList.contains('scan-input')")
    assert page.locator(".scan-input").input_value() == ""

    page.goto(live_server.url + reverse("web:station_counter"))
    page.locator(".scan-input").type("5678")
    page.locator("button.scan-go").click()  # typed on a phone, no scanner's Enter: the button finds it
    card = page.locator(".found-parcel[data-waybill=TB0000000001]")
    card.wait_for()
    assert code in card.inner_text() and "13812345678" not in page.content()
    card.locator("button[value=self]").click()
    page.locator(".answer.tone-ok").wait_for()
    assert "已签收" in page.locator(".answer").inner_text()


def test_check_in_counts_update_live_in_the_browser(live_server, page, browser_login):
    county = build_county()
    for waybill in ("TB0000000001", "TB0000000002"):
        push(county, waybill, county.station_village)
    hub = county.hub_client()
    for waybill in ("TB0000000001", "TB0000000002"):
        scan(hub, reverse("web:hub_scan"), waybill)
    trunk = load_run(hub, reverse("web:hub_load"), county.node.code, "TB0000000001", "TB0000000002")
    operator = get_user_model().objects.create(username="town-op", role="town_operator")
    Assignment.objects.create(user=operator, town_node=county.node)
    browser_login(page, operator)
    page.goto(live_server.url + reverse("web:checkin", args=[trunk]))
    assert page.locator(".count.transit b").inner_text() == "2"  # sealed and on the way: none checked in yet
    page.locator(".scan-input").type("TB0000000001")
    page.keyboard.press("Enter")
    page.locator(".answer.tone-ok").wait_for()
    page.wait_for_function("document.querySelector('.count.ok b').textContent.trim() === '1'")
    assert page.locator(".count.missing b").inner_text() == "1"
    assert "TB0000000002" in page.locator("#summary-lists").inner_text()
