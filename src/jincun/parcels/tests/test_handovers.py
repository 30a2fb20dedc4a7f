"""Handover reconciliation: missing and extra parcels stay open until resolved."""

import pytest

from jincun.parcels import services
from jincun.parcels.choices import HandoverStatus, State
from jincun.parcels.models import Problem
from jincun.parcels.tests.factories import build_county, manifest_parcel


@pytest.fixture
def county(db):
    return build_county()


def test_missing_and_extra_are_shown_and_stay_open_until_resolved(county):
    parcels = [manifest_parcel(county) for _ in range(4)]
    for p in parcels:
        services.record_scan(p.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    for p in parcels[:3]:
        assert services.load_parcel(trunk, p.waybill).status == "accepted"
    assert services.load_parcel(trunk, parcels[0].waybill).status == "duplicate"
    services.close_handover(trunk, carrier="王师傅")
    assert services.load_parcel(trunk, parcels[3].waybill).reason == "list_closed"
    services.check_in(trunk, parcels[0].waybill)
    services.check_in(trunk, parcels[1].waybill)
    extra = services.check_in(trunk, parcels[3].waybill)
    assert extra.extra and extra.status == "accepted"
    summary = services.reconcile(trunk)
    assert (summary["expected"], summary["arrived"]) == (3, 3)
    assert summary["missing"] == [parcels[2].waybill] and summary["extra"] == [parcels[3].waybill]
    trunk = services.finish_check_in(trunk)
    assert trunk.status == HandoverStatus.DISCREPANCY and (trunk.missing_count, trunk.extra_count) == (1, 1)
    missing = Problem.objects.get(parcel=parcels[2], reason="missing")
    parcels[2].refresh_from_db()
    assert parcels[2].state == State.PROBLEM
    services.resolve_problem(missing, "found", "在车厢角落找到")
    parcels[2].refresh_from_db()
    assert parcels[2].state == State.TO_TOWN
    trunk.refresh_from_db()
    assert trunk.status == HandoverStatus.DISCREPANCY
    services.resolve_problem(Problem.objects.get(parcel=parcels[3], reason="extra"), "noted")
    trunk.refresh_from_db()
    assert trunk.status == HandoverStatus.RECONCILED
    assert services.reconcile(trunk)["missing"] == []


def test_a_parcel_cannot_go_on_the_wrong_list(county):
    parcel = manifest_parcel(county, county.postal_village)
    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    assert services.load_parcel(trunk, parcel.waybill).reason == "wrong_destination"
    with pytest.raises(ValueError):
        services.open_handover(county.hub, "NOWHERE")
