"""Who may open which work page: each role its own, others 403; no assignment → 403; never a crash."""

import pytest
from django.urls import reverse

from jincun.web.tests.county import build_county

PAGES = {
    "web:hub_scan": {"hub_operator"},
    "web:hub_load": {"hub_operator"},
    "web:town_checkin": {"town_operator", "station_keeper", "hub_operator"},
    "web:station_load": {"station_keeper"},
    "web:import_manifest": {"hub_operator"},
    "web:town_load": {"town_operator"},
    "web:service_center": {"town_operator"},
    "web:station_shelve": {"station_keeper"},
    "web:station_counter": {"station_keeper"},
    "web:collect": {"station_keeper"},
    "web:proxy_batch": {"village_proxy"},
    "web:proxy_sign_out": {"village_proxy"},
    "web:handovers": {"hub_operator", "town_operator", "station_keeper", "village_proxy"},
    "web:problems": {"hub_operator", "town_operator", "station_keeper"},
}
ROLES = ["hub_operator", "town_operator", "station_keeper", "village_proxy", "brand_user", "regulator"]


@pytest.fixture
def clients(db):
    county = build_county()
    return {
        "hub_operator": county.hub_client(),
        "town_operator": county.town_client(),
        "station_keeper": county.station_client(),
        "village_proxy": county.proxy_client(),
        "brand_user": county.client("brand_user", brand=county.brand),
        "regulator": county.client("regulator"),
    }


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_opens_for_its_roles_only(clients, name):
    for role in ROLES:
        status = clients[role].get(reverse(name)).status_code
        assert status == (200 if role in PAGES[name] else 403), (name, role, status)


def test_anonymous_is_sent_to_login(db, client):
    assert client.get(reverse("web:station_counter")).status_code == 302


def test_worker_without_an_assignment_is_refused(db):
    county = build_county()
    assert county.client("station_keeper").get(reverse("web:station_shelve")).status_code == 403


def test_counter_has_no_fee_field(clients):
    page = clients["station_keeper"].get(reverse("web:station_counter")).content.decode()
    assert "fee" not in page.lower() and "收费" not in page.replace("不收取任何费用", "")
