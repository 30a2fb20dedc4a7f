"""Rules a hub meets on its first morning (issue 11): outbound parcels at the hub go to their brand, China
Post's upward hand-over is not the 邮快合作 list, the service center shelves only what is routed there, list
counts are honest, a list needs a driver, differences reach the sender's queue, proxy sign-out records who
collected, and a flagged waybill warns at sort."""

import pytest
from django.utils import translation

from jincun.parcels import queries, services
from jincun.parcels.choices import HandoverKind, HandoverStatus, State
from jincun.parcels.models import Problem, ScanEvent
from jincun.parcels.tests.factories import build_county, manifest_parcel
from jincun.parcels.tests.test_outbound import sender


@pytest.fixture
def county(db):
    return build_county()


def _outbound_at_hub(county, brand="TBZ"):
    parcel = services.collect_outbound(county.station, sender(brand=brand)).parcel
    for origin, dest in ((county.station, county.node.code), (county.node, county.hub.code)):
        handover = services.open_handover(origin, dest)
        assert services.load_parcel(handover, parcel.waybill).status == "accepted"
        services.close_handover(handover, carrier="李师傅")
        services.check_in(handover, parcel.waybill)
        services.finish_check_in(handover)
    parcel.refresh_from_db()
    assert parcel.state == State.AT_HUB
    return parcel


def test_outbound_parcel_at_the_hub_sorts_to_its_brand_not_its_home_village(county):
    # The sender's village is served by China Post (postal) for inbound: the parcel must not go back there.
    parcel = services.collect_outbound(county.station, sender()).parcel
    parcel.village = county.postal_village
    target = services.sort_target(parcel)
    assert (target.kind, target.code) == ("brand", "BRAND:TBZ")
    assert "上行交件" in target.name and "邮政" not in target.name


def test_china_post_upward_and_postal_lists_are_distinct_values(county):
    parcel = _outbound_at_hub(county, brand="POST")
    codes = [d["code"] for d in queries.trunk_destinations(county.hub)]
    assert len(codes) == len(set(codes)) and "POST" in codes and "BRAND:POST" in codes
    postal = services.open_handover(county.hub, "POST")
    assert postal.kind == HandoverKind.POSTAL
    assert services.load_parcel(postal, parcel.waybill).reason == "wrong_direction"
    upward = services.open_handover(county.hub, "BRAND:POST")
    assert upward.kind == HandoverKind.TO_BRAND and upward.to_code == "POST"
    assert services.load_parcel(upward, parcel.waybill).status == "accepted"
    services.close_handover(upward, carrier="邮政揽投车")
    parcel.refresh_from_db()
    assert parcel.state == State.HANDED_TO_BRAND


def test_service_center_refuses_a_parcel_routed_to_a_village_station(county):
    parcel = manifest_parcel(county)  # joint village: the station's parcel
    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcel(trunk, parcel.waybill)
    services.close_handover(trunk, carrier="王师傅")
    services.check_in(trunk, parcel.waybill)
    out = services.shelve_parcel(county.node, parcel.waybill)
    assert out.status == "refused" and out.reason == "wrong_place"
    assert county.station.name in out.message and "村委代办" in out.message
    parcel.refresh_from_db()
    assert parcel.state == State.AT_TOWN and not parcel.pickup_code


def test_loaded_list_counts_loaded_and_in_transit_not_missing(county):
    parcels = [manifest_parcel(county) for _ in range(4)]
    for p in parcels:
        services.record_scan(p.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    for p in parcels:
        services.load_parcel(trunk, p.waybill)
    summary = services.reconcile(trunk)
    assert (summary["phase"], summary["loaded"], summary["missing"]) == ("loading", 4, [])
    trunk = services.close_handover(trunk, carrier="王师傅")
    summary = services.reconcile(trunk)
    assert summary["phase"] == "in_transit" and summary["missing"] == [] and len(summary["in_transit"]) == 4
    assert {line["status"] for line in queries.handover_lines(trunk)} == {"在途"}
    services.check_in(trunk, parcels[0].waybill)
    trunk.refresh_from_db()
    assert len(services.reconcile(trunk)["missing"]) == 3  # check-in under way: the rest are 未到, live


def test_a_list_cannot_be_sealed_without_a_driver(county):
    parcel = manifest_parcel(county)
    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcel(trunk, parcel.waybill)
    with pytest.raises(ValueError, match="司机"):
        services.close_handover(trunk, carrier="  ")
    trunk.refresh_from_db()
    assert trunk.status == HandoverStatus.OPEN


def test_differences_on_the_hubs_trunk_list_reach_the_hubs_queue(county):
    parcels = [manifest_parcel(county) for _ in range(2)]
    for p in parcels:
        services.record_scan(p.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    for p in parcels:
        services.load_parcel(trunk, p.waybill)
    services.close_handover(trunk, carrier="王师傅")
    services.check_in(trunk, parcels[0].waybill)
    services.finish_check_in(trunk)
    missing = Problem.objects.get(parcel=parcels[1], reason="missing")
    assert missing.handover == trunk and missing.place_code == county.node.code
    assert list(queries.problems_at(county.hub)) == [missing]
    assert list(queries.problems_at(county.node)) == [missing]
    assert list(queries.problems_at(county.station)) == []


def test_proxy_batch_is_signed_by_the_service_center_and_sign_out_records_who_collected(
    county, django_user_model
):
    clerk = django_user_model.objects.create_user("sc_clerk", role="town_operator")
    proxy = django_user_model.objects.create_user("proxy_li", role="village_proxy")
    parcel = manifest_parcel(county, county.proxy_village)
    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcel(trunk, parcel.waybill)
    services.close_handover(trunk, carrier="王师傅")
    services.check_in(trunk, parcel.waybill)
    code = services.shelve_parcel(county.node, parcel.waybill).pickup_code
    batch = services.proxy_collect(county.node, [county.proxy_village.code], proxy, handed_over_by=clerk)
    assert (batch.handed_over_by, batch.received_by) == (clerk, proxy)
    signatures = " ".join(services.reconcile(batch)["signatures"])
    assert "sc_clerk" in signatures and "proxy_li" in signatures
    with translation.override("en"):  # the list's signature lines follow the page's language
        assert [line.split()[0] for line in services.reconcile(batch)["signatures"]] == [
            "Opened",
            "Handed",
            "Received",
        ]
    mine = [county.proxy_village.code]
    assert services.proxy_sign_out(mine, parcel.waybill, proxy).reason == "collector_required"
    assert services.proxy_sign_out(
        mine, parcel.waybill, proxy, collector="张三", pickup_code="9-9-9"
    ).reason == ("wrong_code")
    out = services.proxy_sign_out(mine, parcel.waybill, proxy, collector="张三", pickup_code=code)
    assert out.status == "accepted"
    note = ScanEvent.objects.get(parcel=parcel, event_type="signed").raw_text
    assert "代取人:张三" in note and f"取件码{code}" in note


def test_a_waybill_flagged_at_import_warns_at_sort(county):
    row = {"waybill": "XX-NOT-A-TBZ-NUMBER", "recipient_name": "张三", "recipient_phone": "13800001234",
           "address": "东庄村", "village_code": county.joint_village.code, "weight_g": 500}  # fmt: skip
    flagged = services.ingest_manifest(county.brand, [row])[0]
    assert flagged.brand_mismatch
    assert any("单号规则" in w for w in services.sort_warnings(flagged.parcel))
    assert services.sort_warnings(manifest_parcel(county)) == []


def test_village_runs_go_only_to_stations_in_service(county):
    import datetime as dt

    from jincun.network.tests.factories import StationFactory

    today = dt.date(2026, 12, 2)
    county.station.closed_on = today - dt.timedelta(days=3)
    county.station.save(update_fields=["closed_on"])
    replacement = StationFactory(
        town_node=county.node, village=county.joint_village, code=county.station.code + "-2"
    )
    planned = StationFactory(town_node=county.node, village=county.joint_village, code="PLANNED-1",
                             opened_on=today + dt.timedelta(days=10))  # fmt: skip
    codes = [d["code"] for d in queries.village_run_destinations(county.node, today)]
    assert codes == [replacement.code, county.hub.code]
    assert planned.code not in codes and county.station.code not in codes
