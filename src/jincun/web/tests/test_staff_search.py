"""Staff search (waybill, phone tail, pickup code) inside the role's scope with the whole history; the hub's
live board of parcels sorted but not loaded; paging and filters on the handover lists."""

import pytest
from django.urls import reverse

from jincun.parcels import services
from jincun.parcels.models import HandoverList
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, scan

WAYBILL = "TB0000000001"


@pytest.fixture
def county(db):
    return build_county()


def test_hub_finds_a_parcel_by_waybill_and_phone_tail_with_its_history(county):
    push(county, WAYBILL, county.station_village)
    hub = county.hub_client()
    scan(hub, reverse("web:hub_scan"), WAYBILL)
    found = hub.get(reverse("web:parcel_search"), {"q": WAYBILL.lower()}).content.decode()
    assert WAYBILL in found and "已分拣" in found
    parcel = services.find_parcel(WAYBILL)
    by_tail = hub.get(reverse("web:parcel_search"), {"q": parcel.recipient_phone[-4:]}).content.decode()
    assert WAYBILL in by_tail
    history = hub.get(reverse("web:parcel_detail", args=[parcel.pk])).content.decode()
    for step in ("已预报", "到达县共配中心", "已分拣"):
        assert step in history
    assert "全程记录（3）" in history


def test_search_stays_inside_the_role_scope(county):
    push(county, WAYBILL, county.proxy_village)
    parcel = services.find_parcel(WAYBILL)
    keeper = county.station_client()  # the parcel is not this station's
    answer = keeper.get(reverse("web:parcel_search"), {"q": WAYBILL}).content.decode()
    assert "在您的范围内没有找到" in answer and reverse("web:parcel_detail", args=[parcel.pk]) not in answer
    assert keeper.get(reverse("web:parcel_detail", args=[parcel.pk])).status_code == 404
    proxy = county.proxy_client()  # the proxy's own village
    answer = proxy.get(reverse("web:parcel_search"), {"q": WAYBILL}).content.decode()
    assert reverse("web:parcel_detail", args=[parcel.pk]) in answer


def test_hub_board_counts_sorted_parcels_not_yet_loaded_per_destination(county):
    waybills = ["TB0000000001", "TB0000000002", "TB0000000003"]
    for w in waybills:
        push(county, w, county.station_village)
    hub = county.hub_client()
    for w in waybills:
        scan(hub, reverse("web:hub_scan"), w)
    board = hub.get(reverse("web:hub_board")).content.decode()
    assert county.node.name in board and "<b>3</b>" in board
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcel(trunk, waybills[0])
    board = hub.get(reverse("web:hub_board"), HTTP_HX_REQUEST="true").content.decode()
    assert "<b>2</b>" in board and 'id="board"' in board and "<html" not in board


def test_handover_lists_page_and_filter(county):
    hub = county.hub_client()
    for _ in range(55):
        services.open_handover(county.hub, county.node.code)
    services.open_handover(county.hub, "POST")
    first = hub.get(reverse("web:handovers")).content.decode()
    assert "第 1 / 2 页，共 56 张" in first and "page=2" in first
    second = hub.get(reverse("web:handovers"), {"page": 2}).content.decode()
    assert second.count("/web/handovers/") - second.count("/web/handovers/?") >= 6
    postal = hub.get(reverse("web:handovers"), {"kind": "postal"}).content.decode()
    number = HandoverList.objects.get(kind="postal").number
    assert number in postal and postal.count("中国邮政") >= 1 and "共 56" not in postal
    assert hub.get(reverse("web:handovers"), {"day": "not-a-date", "status": "bogus"}).status_code == 200
