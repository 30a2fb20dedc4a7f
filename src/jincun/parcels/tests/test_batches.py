"""The batch services give exactly the outcomes of one-by-one calls on the same input (hypothesis), and the
rules moved into the services hold for every caller."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jincun.parcels import services
from jincun.parcels.choices import Preference, State
from jincun.parcels.models import Consent, ScanEvent
from jincun.parcels.tests.factories import build_county, manifest_parcel

AT = dt.datetime(2025, 10, 14, 8, 0, tzinfo=dt.UTC)
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def parcels(db):
    county = build_county()
    joint = [manifest_parcel(county, consent=i % 3 != 0) for i in range(4)]
    proxy = [manifest_parcel(county, county.proxy_village) for _ in range(2)]
    postal = [manifest_parcel(county, county.postal_village)]
    return county, [p.waybill for p in joint + proxy + postal]


def _shape(outcomes):
    return [(o.status, o.reason, getattr(o.parcel, "state", None), bool(o.pickup_code), o.deliver_to_door)
            for o in outcomes]  # fmt: skip


def _both(batch, single, picks):
    """Run the batch and the one-by-one calls from the same database state; returns both shapes."""
    with transaction.atomic():
        together = _shape(batch(picks))
        events = ScanEvent.objects.count()
        transaction.set_rollback(True)
    with transaction.atomic():
        one_by_one = _shape([single(w) for w in picks])
        assert ScanEvent.objects.count() == events
        transaction.set_rollback(True)
    return together, one_by_one


def _picks(names):
    return st.lists(st.sampled_from(names), min_size=1, max_size=10)


@SLOW
@given(data=st.data())
def test_hub_scan_in_batch_equals_one_by_one(parcels, data):
    county, waybills = parcels
    picks = data.draw(_picks([*waybills, "NOSUCH1", waybills[0].lower()]))
    together, alone = _both(
        lambda ws: services.hub_scan_in_many(county.hub, ws, at=AT),
        lambda w: services.hub_scan_in(county.hub, w, at=AT),
        picks,
    )
    assert together == alone


def _at_town(county, waybills):
    services.hub_scan_in_many(county.hub, waybills, at=AT)
    trunk = services.open_handover(county.hub, county.node.code, at=AT)
    services.load_parcels(trunk, waybills)
    services.close_handover(trunk, carrier="王师傅", at=AT + dt.timedelta(hours=1))
    return trunk


@SLOW
@given(data=st.data())
def test_town_check_in_batch_equals_one_by_one(parcels, data):
    county, waybills = parcels
    trunk = _at_town(county, waybills[:5])
    picks = data.draw(_picks([*waybills, "NOSUCH1"]))
    later = AT + dt.timedelta(hours=2)
    together, alone = _both(
        lambda ws: services.check_in_many(trunk, ws, at=later),
        lambda w: services.check_in(trunk, w, at=later),
        picks,
    )
    assert together == alone


@SLOW
@given(data=st.data())
def test_station_shelving_batch_equals_one_by_one(parcels, data):
    county, waybills = parcels
    trunk = _at_town(county, waybills)
    services.check_in_many(trunk, waybills, at=AT + dt.timedelta(hours=2))
    run = services.open_handover(county.node, county.station.code, at=AT)
    services.load_parcels(run, waybills)
    services.close_handover(run, carrier="王师傅", at=AT + dt.timedelta(hours=3))
    picks = data.draw(_picks([*waybills, "NOSUCH1"]))
    later = AT + dt.timedelta(hours=4)
    place = data.draw(st.sampled_from([county.station, county.node]))
    together, alone = _both(
        lambda ws: services.shelve_many(place, ws, at=later),
        lambda w: services.shelve_parcel(place, w, at=later),
        picks,
    )
    assert together == alone


def test_a_second_hub_scan_of_a_sorted_parcel_records_nothing(parcels):
    county, waybills = parcels
    assert services.hub_scan_in(county.hub, waybills[0], at=AT).status == "accepted"
    stored = ScanEvent.objects.count()
    again = services.hub_scan_in(county.hub, waybills[0], at=AT + dt.timedelta(minutes=5))
    assert (again.status, again.reason, again.parcel.state) == ("duplicate", "already_sorted", State.SORTED)
    assert ScanEvent.objects.count() == stored


def test_consent_and_shelve_is_one_transaction(parcels, monkeypatch):
    county, waybills = parcels
    trunk = _at_town(county, waybills[:1])
    services.check_in(trunk, waybills[0], at=AT + dt.timedelta(hours=2))
    run = services.open_handover(county.node, county.station.code, at=AT)
    services.load_parcels(run, waybills[:1])
    services.close_handover(run, carrier="王师傅", at=AT + dt.timedelta(hours=3))
    consents = Consent.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("shelving failed")

    monkeypatch.setattr("jincun.parcels.services.station.shelve_parcel", broken)
    with pytest.raises(RuntimeError):
        services.consent_and_shelve(county.station, waybills[0])
    assert Consent.objects.count() == consents  # the consent rolled back with the failed shelving
    monkeypatch.undo()
    out = services.consent_and_shelve(county.station, waybills[0])
    assert out.status == "accepted" and out.pickup_code
    assert Consent.objects.filter(parcel=out.parcel, preference=Preference.STATION).count() == 1


def test_manifest_rows_naming_another_brand_are_refused_by_the_service(parcels):
    county, _ = parcels
    rows = [{"waybill": "TBZ9000000001", "recipient_phone": "13800001111", "address": "东庄村", "brand": "ZTO"},
            {"waybill": "TBZ9000000002", "recipient_phone": "13800001112", "address": "东庄村",
             "village_code": county.joint_village.code}]  # fmt: skip
    outcomes = services.ingest_manifest(county.brand, rows)
    assert [o.reason for o in outcomes][0] == "wrong_brand"
    assert outcomes[1].status == "created"


def _list_shape(results):
    """Per list as stored, its outcomes, and the parcels' states after the whole batch."""
    from jincun.parcels.models import Parcel

    lists = [(h.kind, h.status, h.expected_count, h.received_count, h.to_code, h.items.count(),
              [(o.status, o.reason) for o in outcomes]) for h, outcomes in results]  # fmt: skip
    return lists, sorted(Parcel.objects.values_list("waybill", "state"))


@SLOW
@given(data=st.data())
def test_dispatch_many_equals_open_load_close_list_after_list(parcels, data):
    county, waybills = parcels
    services.hub_scan_in_many(county.hub, waybills[:6], at=AT)  # the last stays manifested
    later = AT + dt.timedelta(hours=1)
    loads = data.draw(st.lists(
        st.tuples(st.sampled_from([county.node.code, "POST"]), _picks([*waybills, "NOSUCH1", waybills[1].lower()])),
        min_size=1, max_size=3,
    ))  # fmt: skip

    def one_by_one():
        results = []
        for code, picks in loads:
            handover = services.open_handover(county.hub, code, at=AT)
            outcomes = services.load_parcels(handover, picks)
            results.append((services.close_handover(handover, carrier="王师傅", at=later), outcomes))
        return results

    batch = [services.ListLoad(county.hub, code, picks, "王师傅", AT, later) for code, picks in loads]
    with transaction.atomic():
        together = _list_shape(services.dispatch_many(batch))
        events = sorted(ScanEvent.objects.values_list("parcel_id", "event_type", "at", "handover__to_code"))
        transaction.set_rollback(True)
    with transaction.atomic():
        alone = _list_shape(one_by_one())
        assert (
            sorted(ScanEvent.objects.values_list("parcel_id", "event_type", "at", "handover__to_code"))
            == events
        )
        transaction.set_rollback(True)
    assert together == alone


def test_dispatch_many_refuses_a_list_without_carrier_before_writing(parcels):
    county, waybills = parcels
    from jincun.parcels.models import HandoverList

    with pytest.raises(ValueError, match="承运人"):
        services.dispatch_many([services.ListLoad(county.hub, county.node.code, waybills, "王师傅"),
                                services.ListLoad(county.hub, "POST", waybills, " ")])  # fmt: skip
    with pytest.raises(ValueError, match="不能从"):
        services.dispatch_many([services.ListLoad(county.hub, "NOWHERE", waybills, "王师傅")])
    assert not HandoverList.objects.exists()


@SLOW
@given(data=st.data())
def test_shelve_batches_equal_shelve_many_place_after_place(parcels, data):
    county, waybills = parcels
    trunk = _at_town(county, waybills)
    services.check_in_many(trunk, waybills, at=AT + dt.timedelta(hours=2))
    run = services.open_handover(county.node, county.station.code, at=AT)
    services.load_parcels(run, waybills)
    services.close_handover(run, carrier="王师傅", at=AT + dt.timedelta(hours=3))
    batches = data.draw(st.lists(
        st.tuples(st.sampled_from([county.station, county.node]), _picks([*waybills, "NOSUCH1"])),
        min_size=1, max_size=3,
    ))  # fmt: skip
    later = AT + dt.timedelta(hours=4)
    with transaction.atomic():
        together = [_shape(o) for o in services.shelve_batches(batches, at=later)]
        events = ScanEvent.objects.count()
        transaction.set_rollback(True)
    with transaction.atomic():
        alone = [_shape(services.shelve_many(place, picks, at=later)) for place, picks in batches]
        assert ScanEvent.objects.count() == events
        transaction.set_rollback(True)
    assert together == alone
