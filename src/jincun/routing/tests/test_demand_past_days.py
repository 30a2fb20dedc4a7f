"""A past day's demand comes from history (parcels scanned in at the hub that day), not from today's waiting
parcels: joint-vs-separate and plans for past dates no longer show 0 parcels."""

import datetime as dt

import pytest
from django.utils import timezone

from jincun.parcels import services
from jincun.parcels.tests.factories import build_county, manifest_parcel
from jincun.routing.demand import deliveries_for


@pytest.fixture
def county(db):
    return build_county()


def test_past_day_counts_the_parcels_that_arrived_that_day(county):
    past = timezone.localdate() - dt.timedelta(days=3)
    at = timezone.make_aware(dt.datetime.combine(past, dt.time(9)))
    parcels = [manifest_parcel(county) for _ in range(2)]
    for p in parcels:
        services.record_scan(p.waybill, "at_hub", place=county.hub, at=at)
    trunk = services.open_handover(county.hub, county.node.code, at=at)
    for p in parcels:
        services.load_parcel(trunk, p.waybill)
    services.close_handover(trunk, carrier="王师傅", at=at + dt.timedelta(hours=1))
    for p in parcels:
        services.check_in(trunk, p.waybill, at=at + dt.timedelta(hours=2))
    run = services.open_handover(county.node, county.station.code, at=at + dt.timedelta(hours=3))
    for p in parcels:
        services.load_parcel(run, p.waybill)
    services.close_handover(
        run, carrier="赵师傅", at=at + dt.timedelta(hours=4)
    )  # now to_village: not waiting
    deliveries, source = deliveries_for(county.hub, past)
    assert source == "parcels"
    assert sum(d.parcels for d in deliveries) == 2
    assert sum(d.parcels for d in deliveries_for(county.hub, past - dt.timedelta(days=1))[0]) == 0
    assert sum(d.parcels for d in deliveries_for(county.hub, timezone.localdate())[0]) == 0
