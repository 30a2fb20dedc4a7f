"""The hub's scan-in checks an outbound parcel in on the town's up-list it came on: the list no longer reads
在途 after its parcels are at the hub, and a list with a parcel still out waits for the hub's check-in."""

import pytest

from jincun.parcels import services
from jincun.parcels.choices import HandoverStatus, State
from jincun.parcels.tests.factories import build_county
from jincun.parcels.tests.test_outbound import sender


@pytest.fixture
def county(db):
    return build_county()


def _up_list_at_the_hub_door(county, n):
    parcels = [services.collect_outbound(county.station, sender()).parcel for _ in range(n)]
    up = services.open_handover(county.station, county.node.code)
    services.load_parcels(up, [p.waybill for p in parcels])
    services.close_handover(up, carrier="李师傅")
    services.check_in_many(up, [p.waybill for p in parcels])
    services.finish_check_in(up)
    to_hub = services.open_handover(county.node, county.hub.code)
    services.load_parcels(to_hub, [p.waybill for p in parcels])
    return services.close_handover(to_hub, carrier="李师傅"), parcels


def test_scanning_every_parcel_in_reconciles_the_up_list(county):
    to_hub, parcels = _up_list_at_the_hub_door(county, 2)
    for p in parcels:
        assert services.hub_scan_in(county.hub, p.waybill).status == "accepted"
    to_hub.refresh_from_db()
    assert to_hub.status == HandoverStatus.RECONCILED and to_hub.received_count == 2
    assert services.reconcile(to_hub)["arrived"] == 2
    for p in parcels:
        p.refresh_from_db()
        assert p.state == State.AT_HUB


def test_a_parcel_still_out_keeps_the_list_open_for_the_check_in(county):
    to_hub, parcels = _up_list_at_the_hub_door(county, 2)
    services.hub_scan_in(county.hub, parcels[0].waybill)
    figures = services.reconcile(to_hub)
    assert figures["status"] == HandoverStatus.DISPATCHED and figures["arrived"] == 1
    services.finish_check_in(to_hub)
    assert services.reconcile(to_hub)["missing"] == [parcels[1].waybill]


def test_the_prohibited_category_is_refused_by_the_service_whoever_calls_it(county):
    """The inspection's category decides in the service, not only on the page; the history names it."""
    from jincun.parcels.choices import Contents
    from jincun.parcels.models import ScanEvent

    bad = services.collect_outbound(county.station, sender(contents=Contents.PROHIBITED))
    assert bad.status == "refused" and bad.reason == "prohibited"
    good = services.collect_outbound(county.station, sender(contents=Contents.FARM_FRESH)).parcel
    note = ScanEvent.objects.get(parcel=good, event_type=State.COLLECTED).raw_text
    assert str(Contents.FARM_FRESH.label) in note
