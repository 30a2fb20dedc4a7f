"""The three inbound paths end to end through the services: joint (station), proxy, postal."""

import pytest

from jincun.parcels import queries, services
from jincun.parcels.choices import HandoverStatus, RouteKind, State
from jincun.parcels.models import ScanEvent
from jincun.parcels.tests.factories import build_county, manifest_parcel


@pytest.fixture
def county(db):
    return build_county()


def _to_town(county, parcel):
    out = services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    assert out.status == "accepted"
    trunk = services.open_handover(county.hub, county.node.code)
    assert services.load_parcel(trunk, parcel.waybill).status == "accepted"
    services.close_handover(trunk, carrier="王师傅")
    assert services.check_in(trunk, parcel.waybill).status == "accepted"
    assert services.finish_check_in(trunk).status == HandoverStatus.RECONCILED
    parcel.refresh_from_db()
    return parcel


def test_joint_path_hub_to_station_to_signed(county):
    parcel = manifest_parcel(county)
    parcel = _to_town(county, parcel)
    assert parcel.state == State.AT_TOWN and parcel.route_kind == RouteKind.TOWN
    run = services.open_handover(county.node, county.station.code)
    services.load_parcel(run, parcel.waybill)
    services.close_handover(run, carrier="赵师傅")
    shelved = services.shelve_parcel(county.station, parcel.waybill)
    assert shelved.status == "accepted" and shelved.pickup_code.count("-") == 2
    assert services.reconcile(run)["missing"] == []
    parcel.refresh_from_db()
    assert parcel.state == State.AT_STATION
    assert list(queries.at_station(county.station, parcel.recipient_phone[-4:])) == [parcel]
    assert services.sign_off(parcel, "self").status == "accepted"
    parcel.refresh_from_db()
    assert parcel.state == State.SIGNED
    types = list(ScanEvent.objects.filter(parcel=parcel).values_list("event_type", flat=True))
    assert types == [
        "manifested", "at_hub", "sorted", "to_town", "at_town", "to_village", "at_station", "signed",
    ]  # fmt: skip


def test_proxy_path_through_service_center(county):
    parcel = _to_town(county, manifest_parcel(county, county.proxy_village))
    assert parcel.route_kind == RouteKind.SERVICE_CENTER
    assert services.shelve_parcel(county.node, parcel.waybill).pickup_code
    other_village = [county.joint_village.code]
    assert services.proxy_collect(county.node, other_village) is None
    batch = services.proxy_collect(county.node, [county.proxy_village.code])
    assert batch.items.count() == 1
    assert services.proxy_sign_out(other_village, parcel.waybill).reason == "not_yours"
    mine = [county.proxy_village.code]
    assert services.proxy_sign_out(mine, parcel.waybill, collector="张三丰").status == "accepted"
    parcel.refresh_from_db()
    assert parcel.state == State.SIGNED


def test_postal_path_hands_to_china_post_and_takes_back_delivery_scans(county):
    parcel = manifest_parcel(county, county.postal_village)
    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    postal = services.open_handover(county.hub, "POST")
    assert services.load_parcel(postal, parcel.waybill).status == "accepted"
    assert services.close_handover(postal, carrier="邮政邮路车").status == HandoverStatus.RECONCILED
    results = services.ingest_scans(
        [
            {"waybill": parcel.waybill, "event_type": "on_mail_route", "at": "2030-01-01T08:00:00+08:00"},
            {"waybill": parcel.waybill, "event_type": "signed", "at": "2030-01-01T11:00:00+08:00"},
        ]
    )
    assert [r.status for r in results] == ["refused", "refused"]  # future times are refused
    results = services.ingest_scans(
        [
            {"waybill": parcel.waybill, "event_type": "on_mail_route", "place": "POST"},
            {"waybill": parcel.waybill, "event_type": "signed", "place": "POST"},
        ],
        device_id="post-pda-1",
    )
    assert [r.status for r in results] == ["accepted", "accepted"]
    parcel.refresh_from_db()
    assert parcel.state == State.SIGNED


def test_unrouted_parcel_stays_at_hub(county):
    parcel = manifest_parcel(county, county.joint_village)
    parcel.village = None
    parcel.save()
    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    parcel.refresh_from_db()
    assert parcel.state == State.AT_HUB
    assert services.sort_target(parcel).kind == RouteKind.UNROUTED
