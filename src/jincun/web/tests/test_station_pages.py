"""Station pages: no consent → 送货上门 (not shelved), the keeper may record consent given by phone, door
deliveries are signed as such; the counter signs off by pickup code or phone tail."""

import re

import pytest
from django.urls import reverse

from jincun.web.tests.county import build_county
from jincun.web.tests.steps import load_run, push, scan, state, to_town


@pytest.fixture
def at_village(db):
    county = build_county()
    api = push(county, "TB0000000001", county.station_village, consent=False)
    push(county, "TB0000000002", county.station_village, phone="13900001111", consent=False)
    to_town(county, "TB0000000001", "TB0000000002")
    load_run(
        county.town_client(), reverse("web:town_load"), county.station.code, "TB0000000001", "TB0000000002"
    )
    return county, api


def test_without_consent_the_answer_is_door_delivery_and_nothing_is_shelved(at_village):
    county, api = at_village
    keeper = county.station_client()
    answer = scan(keeper, reverse("web:station_shelve"), "TB0000000001")
    assert "tone-warn" in answer and "送货上门" in answer and 'name="consent"' in answer
    assert state(api, "TB0000000001") == "to_village"
    page = keeper.get(reverse("web:station_shelve")).content.decode()
    assert "TB0000000001" in page and "13812345678" not in page

    door = re.search(r'name="parcel" value="(\d+)"', page).group(1)
    keeper.post(reverse("web:station_door_signed"), {"parcel": door})
    assert state(api, "TB0000000001") == "signed"
    signed = api.get("/api/v1/parcels/TB0000000001").json()
    assert signed["status"]["kuaidi100_state"] == "3"


def test_consent_given_by_phone_is_recorded_then_the_parcel_is_shelved(at_village):
    county, api = at_village
    keeper = county.station_client()
    scan(keeper, reverse("web:station_shelve"), "TB0000000002")
    page = keeper.post(reverse("web:station_shelve"), {"code": "TB0000000002", "consent": "station"})
    assert re.search(r'answer-headline">\d+-\d+-\d+<', page.content.decode())
    assert state(api, "TB0000000002") == "at_station"
    from jincun.parcels.models import Consent

    assert Consent.objects.filter(parcel__waybill="TB0000000002", preference="station").exists()


def test_counter_proxy_sign_off_needs_a_name_and_reports_agent_sign(db):
    county = build_county()
    api = push(county, "TB0000000001", county.station_village)
    from jincun.web.tests.steps import to_station

    code = to_station(county, "TB0000000001")
    keeper = county.station_client()
    found = keeper.post(reverse("web:station_counter"), {"code": code}).content.decode()
    parcel_id = re.search(r'name="parcel" value="(\d+)"', found).group(1)
    refused = keeper.post(reverse("web:station_counter"), {"parcel": parcel_id, "sign_type": "proxy"})
    assert "tone-bad" in refused.content.decode() and state(api, "TB0000000001") == "at_station"
    keeper.post(
        reverse("web:station_counter"), {"parcel": parcel_id, "sign_type": "proxy", "proxy_name": "李四"}
    )
    status = api.get("/api/v1/parcels/TB0000000001").json()
    assert status["state"] == "signed"


def test_keeper_of_another_station_cannot_find_or_sign_my_parcels(db):
    from jincun.network.tests.factories import StationFactory
    from jincun.web.tests.steps import to_station

    county = build_county()
    api = push(county, "TB0000000001", county.station_village)
    code = to_station(county, "TB0000000001")
    other = StationFactory(town_node=county.node, village__parent=county.station_village.parent)
    keeper = county.client("station_keeper", station=other)
    assert "TB0000000001" not in keeper.post(reverse("web:station_counter"), {"code": code}).content.decode()
    from jincun.parcels.models import Parcel

    pk = Parcel.objects.get(waybill="TB0000000001").pk
    answer = keeper.post(
        reverse("web:station_counter"), {"parcel": str(pk), "sign_type": "self"}
    ).content.decode()
    assert "tone-bad" in answer and state(api, "TB0000000001") == "at_station"
    assert "tone-bad" in scan(keeper, reverse("web:station_shelve"), "TB0000000001")


def test_door_list_updates_with_the_scan_answer(at_village):
    county, _ = at_village
    answer = scan(county.station_client(), reverse("web:station_shelve"), "TB0000000001")
    assert (
        'id="door-list" hx-swap-oob="true"' in answer and "TB0000000001" in answer.split('id="door-list"')[1]
    )


def test_counter_answers_a_huge_or_empty_query_without_echoing_it_whole(db):
    """A stuck scanner can type thousands of characters; the page answers and echoes at most 64 of them."""
    county = build_county()
    keeper = county.station_client()
    huge = scan(keeper, reverse("web:station_counter"), "X" * 3000)
    assert "X" * 64 in huge and "X" * 65 not in huge
    assert "没有找到在架包裹" in huge
    empty = scan(keeper, reverse("web:station_counter"), "")
    assert "没有找到在架包裹" not in empty


def test_the_keeper_sees_what_is_on_its_way_and_a_shelved_parcel_leaves_that_list(db):
    county = build_county()
    api = push(county, "TB0000000001", county.station_village)
    push(county, "TB0000000002", county.station_village, phone="13900001111")
    push(county, "TB0000000003", county.station_village, phone="13900002222")
    to_town(county, "TB0000000001", "TB0000000002", "TB0000000003")
    load_run(
        county.town_client(), reverse("web:town_load"), county.station.code, "TB0000000001", "TB0000000002"
    )
    keeper = county.station_client()
    page = keeper.get(reverse("web:station_shelve")).content.decode()
    incoming = page[page.index('id="station-incoming"') :]
    incoming = incoming[: incoming.index("</section>")]
    assert "（3）" in incoming  # two on the village run, one still at the town node
    rows = {waybill: stage for stage, waybill in re.findall(r'data-state="(\w+)"><td[^>]*>(TB\d+)', incoming)}
    assert rows == {"TB0000000001": "to_village", "TB0000000002": "to_village", "TB0000000003": "at_town"}
    assert "13812345678" not in incoming and "13900001111" not in incoming  # masked as every work page

    answer = keeper.post(reverse("web:station_shelve"), {"code": "TB0000000001"}, HTTP_HX_REQUEST="true")
    assert state(api, "TB0000000001") == "at_station"
    # the answer does not wait on the card: it tells the page, and the card reloads itself from its own URL
    assert (
        answer["HX-Trigger"] == "station-incoming-changed"
        and "station-incoming" not in answer.content.decode()
    )
    assert (
        f'hx-get="{reverse("web:station_incoming")}"' in page
        and 'hx-trigger="station-incoming-changed' in page
    )
    card = keeper.get(reverse("web:station_incoming"), HTTP_HX_REQUEST="true").content.decode()
    assert card.startswith('<section class="card" id="station-incoming"')
    assert "TB0000000001" not in card and "TB0000000002" in card and "（2）" in card
    assert county.town_client().get(reverse("web:station_incoming")).status_code == 403
