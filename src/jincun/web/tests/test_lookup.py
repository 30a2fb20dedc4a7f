"""Villager lookup: the right tail + code shows where the parcel is; nothing else is revealed, and a miss
reads exactly like a wrong tail."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, to_station


@pytest.fixture(autouse=True)
def _fresh_cache(db):
    cache.clear()


def ask(tail, code):
    page = Client().post(reverse("web:lookup"), {"phone_tail": tail, "code": code}).content.decode()
    return page[page.index("answer tone") :] if "answer tone" in page else page


def test_lookup_shows_place_and_code_but_no_personal_data(db):
    county = build_county()
    push(county, "TB0000000001", county.station_village, phone="13812345678", name="张三丰")
    push(county, "TB0000000002", county.station_village, phone="13812345678", name="张三丰")
    code = to_station(county, "TB0000000001")

    answer = ask("5678", code)
    assert code in answer and county.station.name in answer
    for secret in ("张", "13812345678", "1381234", "TB0000000002"):
        assert secret not in answer
    by_waybill = ask("5678", "TB0000000001")
    assert county.station.name in by_waybill

    wrong_tail = ask("0000", code)
    no_such_code = ask("5678", "99-9-9999")
    assert wrong_tail == no_such_code and "没有找到" in wrong_tail
