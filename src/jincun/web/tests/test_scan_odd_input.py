"""Odd input on every scanner page: an empty scan (a double Enter, a misread) gets the same clear "nothing
read" answer everywhere, and is never taken for a waybill."""

import pytest
from django.urls import reverse

from jincun.parcels.models import ScanEvent
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, scan


@pytest.fixture
def county(db):
    county = build_county()
    push(county, "TB0000000001", county.station_village)
    return county


def _open_list(client, start_url, destination) -> str:
    opened = client.post(start_url, {"destination": destination})
    assert opened.status_code == 302, opened.content
    return opened["Location"]


def test_an_empty_scan_reads_nothing_on_every_scanner_page(county):
    hub = county.hub_client()
    trunk = _open_list(hub, reverse("web:hub_load"), county.node.code)
    town = county.town_client()
    pages = [
        (hub, reverse("web:hub_scan")),
        (hub, trunk),
        (town, reverse("web:service_center")),
        (county.station_client(), reverse("web:station_shelve")),
        (county.proxy_client(), reverse("web:proxy_sign_out")),
    ]
    events = ScanEvent.objects.count()
    for client, url in pages:
        answer = scan(client, url, "   ")
        assert "没有读到单号" in answer, (url, answer)
    assert ScanEvent.objects.count() == events


def test_a_double_scan_at_the_hub_records_nothing_new(county):
    hub = county.hub_client()
    first = scan(hub, reverse("web:hub_scan"), "TB0000000001")
    events = ScanEvent.objects.count()
    again = scan(hub, reverse("web:hub_scan"), "tb0000000001 ")
    assert "tone-ok" in first and "tone-ok" in again and "重复扫描" in again
    assert ScanEvent.objects.count() == events
