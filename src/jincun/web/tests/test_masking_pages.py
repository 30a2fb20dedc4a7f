"""Pages show personal data masked: at most the last 4 phone digits (≥ 6 of 11 hidden) and the surname."""

import re

import pytest
from django.urls import reverse

from jincun.web.tests.county import build_county
from jincun.web.tests.steps import push, to_station, to_town

PHONE = "13812345678"


def shows_too_much(page: str) -> bool:
    digits_runs = re.findall(r"\d{5,}", page)
    return PHONE in page or any(run in PHONE for run in digits_runs) or "张三丰" in page or "三丰" in page


@pytest.mark.django_db
def test_work_pages_mask_phone_and_name():
    county = build_county()
    push(county, "TB0000000001", county.station_village, phone=PHONE)
    push(county, "TB0000000002", county.proxy_village, phone=PHONE)
    code = to_station(county, "TB0000000001")
    to_town(county, "TB0000000002")
    county.town_client().post(reverse("web:service_center"), {"code": "TB0000000002"})

    keeper = county.station_client()
    counter = keeper.post(reverse("web:station_counter"), {"code": code}).content.decode()
    assert "*******5678" in counter and not shows_too_much(counter)
    proxy = county.proxy_client().get(reverse("web:proxy_batch")).content.decode()
    assert "TB0000000002" in proxy and not shows_too_much(proxy)
    for pk_page in (
        county.hub_client().get(reverse("web:handovers")),
        county.town_client().get(reverse("web:handovers")),
    ):
        assert not shows_too_much(pk_page.content.decode())
