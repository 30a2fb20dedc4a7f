"""The county code is carried by the big tables' rows, so one installation's counties stay separable."""

from __future__ import annotations

import pytest

from jincun.parcels.aggregates import refresh_aggregates
from jincun.parcels.models import DailyVolume, HandoverItem, HandoverList, Parcel, ScanEvent
from jincun.parcels.services import ingest_scans
from jincun.parcels.tests.factories import build_county, manifest_parcel, to_village

pytestmark = pytest.mark.django_db


def test_every_row_of_a_journey_carries_its_county():
    county = build_county()  # town 990101101000 → county 990101
    parcel = to_village(county, manifest_parcel(county))
    parcel.refresh_from_db()
    assert parcel.county == "990101"
    assert set(ScanEvent.objects.filter(parcel=parcel).values_list("county", flat=True)) == {"990101"}
    lists = HandoverList.objects.filter(items__parcel=parcel)
    assert lists.count() == 2 and set(lists.values_list("county", flat=True)) == {"990101"}
    assert set(HandoverItem.objects.filter(parcel=parcel).values_list("county", flat=True)) == {"990101"}
    refresh_aggregates()
    assert set(DailyVolume.objects.values_list("county", flat=True)) == {"990101"}


def test_ingest_gives_each_event_its_parcels_county_and_two_counties_stay_apart():
    one = build_county()
    two = build_county(code_town="990202101000", brand_code="TB2")
    a, b = manifest_parcel(one), manifest_parcel(two)
    out = ingest_scans([{"waybill": a.waybill, "event_type": "at_hub"}], device_id="d1", brand=one.brand)
    out += ingest_scans([{"waybill": b.waybill, "event_type": "at_hub"}], device_id="d2", brand=two.brand)
    assert [o.status for o in out] == ["accepted", "accepted"]
    assert {e.county for e in (o.event for o in out)} == {"990101", "990202"}
    assert list(Parcel.objects.filter(county="990202").values_list("pk", flat=True)) == [b.pk]
    assert set(ScanEvent.objects.filter(county="990101").values_list("parcel_id", flat=True)) == {a.pk}


def test_a_parcel_without_a_village_has_no_county_until_it_gets_one():
    county = build_county()
    parcel = manifest_parcel(county)
    Parcel.objects.filter(pk=parcel.pk).update(village=None)
    assert Parcel.objects.get(pk=parcel.pk).county in ("", None)
    Parcel.objects.filter(pk=parcel.pk).update(village=county.joint_village)
    assert Parcel.objects.get(pk=parcel.pk).county == "990101"
