"""A real browser at the station counter: shelve a parcel by scanning (typing + Enter, as a wedge scanner
does), see the pickup code in big type, then find it at the counter and sign it off."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from jincun.network.models import Assignment
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, to_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_shelve_by_scanning_then_sign_off_at_the_counter(live_server, browser_page):
    county = build_county()
    push(county, "TB0000000001", county.station_village, phone="13812345678")
    to_town(county, "TB0000000001")
    from jincun.web.tests.steps import load_run

    load_run(county.town_client(), reverse("web:town_load"), county.station.code, "TB0000000001")
    keeper = get_user_model().objects.create_user("keeper", password="keeper-pw-1", role="station_keeper")
    Assignment.objects.create(user=keeper, station=county.station)

    page = browser_page
    page.goto(live_server.url + reverse("login"))
    page.fill("input[name=username]", "keeper")
    page.fill("input[name=password]", "keeper-pw-1")
    page.keyboard.press("Enter")
    page.wait_for_url("**/web/**")

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
    page.keyboard.press("Enter")
    card = page.locator(".found-parcel[data-waybill=TB0000000001]")
    card.wait_for()
    assert code in card.inner_text() and "13812345678" not in page.content()
    card.locator("button[value=self]").click()
    page.locator(".answer.tone-ok").wait_for()
    assert "已签收" in page.locator(".answer").inner_text()
