"""Outbound: an apple parcel collected at a station (real name + inspection) goes up through town and hub
to the brand on the pages; prohibited contents and a name mismatch are refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jincun.web.tests.county import build_county
from jincun.web.tests.steps import load_run, scan

FORM = {
    "sender_name": "王果农",
    "sender_phone": "13700001234",
    "id_type": "resident_id",
    "id_number": "370323199001011234",
    "id_name": "王果农",
    "recipient_name": "赵买家",
    "recipient_phone": "13600005678",
    "recipient_address": "济南市历下区",
    "contents": "farm_fresh",
    "contents_note": "苹果 2 箱",
    "inspected": "on",
    "weight_g": "5200",
    "brand": "TB",
    "project": "apple",
}


@pytest.fixture
def county(db):
    county = build_county()
    from jincun.agri.models import Project

    year = timezone.localdate().year
    Project.objects.create(code="apple", name="快递+苹果", product="apple", level="gold",
                           county=county.station.village.parent.parent, season_months=[10, 11],
                           annual_target=10_000_000, valid_from_year=year)  # fmt: skip
    return county


def test_refusals_are_red_and_keep_nothing(county):
    keeper = county.station_client()
    bad = keeper.post(reverse("web:collect"), {**FORM, "contents": "prohibited"}).content.decode()
    assert "tone-bad" in bad and "禁寄" in bad
    mismatch = keeper.post(reverse("web:collect"), {**FORM, "id_name": "王另人"}).content.decode()
    assert "tone-bad" in mismatch
    from jincun.parcels.models import OutboundCollection, Parcel

    assert not Parcel.objects.filter(direction="outbound").exists()
    assert set(OutboundCollection.objects.values_list("refusal_reason", flat=True)) == {
        "prohibited",
        "id_name_mismatch",
    }


def test_apple_parcel_goes_from_station_to_the_brand(county):
    keeper = county.station_client()
    page = keeper.post(reverse("web:collect"), FORM).content.decode()
    assert "tone-ok" in page and "370323199001011234" not in page
    from jincun.parcels.models import Parcel

    parcel = Parcel.objects.get(direction="outbound")
    assert parcel.project_link.project.code == "apple" and parcel.state == "collected"

    title = keeper.get(reverse("web:station_load")).content.decode()
    assert "<title>上行交件" in title and "村线装车" not in title.split("</title>")[0]
    up_town = load_run(keeper, reverse("web:station_load"), county.node.code, parcel.waybill)
    town = county.town_client()
    assert "tone-ok" in scan(town, reverse("web:checkin", args=[up_town]), parcel.waybill)
    up_hub = load_run(town, reverse("web:town_load"), county.hub.code, parcel.waybill)
    hub = county.hub_client()
    assert "tone-ok" in scan(hub, reverse("web:checkin", args=[up_hub]), parcel.waybill)
    load_run(hub, reverse("web:hub_load"), "TB", parcel.waybill)
    parcel.refresh_from_db()
    assert parcel.state == "handed_to_brand"


@pytest.mark.parametrize("number", ["123", "370323199001011235", "37032319900101123X", "X" * 18, "3" * 40])
def test_a_resident_id_without_its_check_digit_is_not_collected(county, number):
    keeper = county.station_client()
    page = keeper.post(reverse("web:collect"), {**FORM, "id_number": number})
    assert page.status_code == 200
    from jincun.parcels.models import OutboundCollection

    assert not OutboundCollection.objects.exists()
    assert 'class="error"' in page.content.decode()


def test_a_resident_id_with_a_lower_case_check_x_is_collected_upper_cased(county):
    keeper = county.station_client()
    keeper.post(reverse("web:collect"), {**FORM, "id_number": "37032319900101008x"})
    from jincun.parcels.models import OutboundCollection

    assert OutboundCollection.objects.get().id_number == "37032319900101008X"
