"""Scan ingest: idempotency, late events, bad batches, and a double scan from two processes."""

import datetime as dt

import pytest

from jincun.parcels import services
from jincun.parcels.choices import State
from jincun.parcels.models import Parcel, ScanEvent
from jincun.parcels.signals import parcel_states_changed
from jincun.parcels.tests.concurrency import count_rows, run_in_processes
from jincun.parcels.tests.factories import build_county, manifest_parcel

T0 = dt.datetime(2024, 10, 10, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def county(db):
    return build_county()


def test_same_device_sequence_is_stored_once(county):
    parcel = manifest_parcel(county)
    event = {"waybill": parcel.waybill, "event_type": "at_hub", "at": T0, "device_seq": 7}
    first = services.ingest_scans([event], device_id="pda-1")
    again = services.ingest_scans([dict(event, at=T0 + dt.timedelta(seconds=3))], device_id="pda-1")
    assert first[0].status == "accepted" and again[0].status == "duplicate"
    assert ScanEvent.objects.filter(parcel=parcel, event_type="at_hub").count() == 1


def test_without_device_the_key_is_brand_waybill_type_time(county):
    parcel = manifest_parcel(county)
    event = {"waybill": parcel.waybill, "event_type": "at_hub", "at": "2024-10-10T16:00:00+08:00"}
    same_moment_other_zone = dict(event, at="2024-10-10T08:00:00Z")
    outcomes = services.ingest_scans([event, same_moment_other_zone])
    assert [o.status for o in outcomes] == ["accepted", "duplicate"]


def test_a_late_event_is_kept_but_does_not_move_the_state_back(county):
    parcel = manifest_parcel(county)
    services.ingest_scans([{"waybill": parcel.waybill, "event_type": "at_hub", "at": T0}])
    services.ingest_scans(
        [{"waybill": parcel.waybill, "event_type": "sorted", "at": T0 + dt.timedelta(hours=2)}]
    )
    late = services.ingest_scans([{"waybill": parcel.waybill, "event_type": "problem", "at": T0}])[0]
    assert (late.status, late.reason) == ("accepted", "late_event")
    parcel.refresh_from_db()
    assert parcel.state == State.SORTED
    assert ScanEvent.objects.filter(parcel=parcel, event_type="problem", result="late").count() == 1


def test_one_bad_event_among_good_ones(county):
    good = [manifest_parcel(county) for _ in range(3)]
    batch = [
        {"waybill": good[0].waybill, "event_type": "at_hub", "at": T0},
        {"waybill": "NOSUCH123", "event_type": "at_hub", "at": T0},
        {"waybill": good[1].waybill, "event_type": "signed", "at": T0},
        {"waybill": good[1].waybill, "event_type": "bogus", "at": T0},
        {"waybill": good[2].waybill, "event_type": "at_hub", "at": "yesterday"},
        {"waybill": "", "event_type": "at_hub"},
        {"waybill": good[2].waybill, "event_type": "at_hub", "at": T0},
    ]
    outcomes = services.ingest_scans(batch, device_id="")
    assert [(o.status, o.reason) for o in outcomes] == [
        ("accepted", ""),
        ("refused", "unknown_waybill"),
        ("refused", "impossible_transition"),
        ("refused", "unknown_event_type"),
        ("refused", "bad_time"),
        ("refused", "missing_waybill"),
        ("accepted", ""),
    ]
    assert set(Parcel.objects.filter(pk__in=[p.pk for p in good]).values_list("state", flat=True)) == {
        "at_hub",
        "manifested",
    }
    refused = ScanEvent.objects.get(parcel=good[1], event_type="signed")
    assert refused.result == "refused" and refused.reason == "impossible_transition"


def test_brand_scoping_hides_other_brands_parcels(county):
    parcel = manifest_parcel(county)
    other = build_county(code_town="990101102000", brand_code="TBY").brand
    outcome = services.ingest_scans([{"waybill": parcel.waybill, "event_type": "at_hub"}], brand=other)[0]
    assert outcome.reason == "unknown_waybill"


def test_state_change_signal_for_each_applied_event(county):
    """Once per batch (`parcel_states_changed`), carrying each applied event that changed a state."""
    parcel = manifest_parcel(county)
    seen, calls = [], []

    def receiver(sender, changes, **kwargs):
        calls.append(len(changes))
        seen.extend((parcel.waybill, event.event_type, old, new) for parcel, event, old, new in changes)

    parcel_states_changed.connect(receiver)
    try:
        services.ingest_scans(
            [
                {"waybill": parcel.waybill, "event_type": "at_hub", "at": T0},
                {"waybill": parcel.waybill, "event_type": "at_hub", "at": T0},
                {"waybill": parcel.waybill, "event_type": "signed", "at": T0},
            ]
        )
    finally:
        parcel_states_changed.disconnect(receiver)
    assert seen == [(parcel.waybill, "at_hub", "manifested", "at_hub")] and calls == [1]


def _send_same_scans(waybills):
    from jincun.parcels.services import ingest_scans

    events = [
        {"waybill": w, "event_type": "at_hub", "at": "2024-10-10T08:00:00+08:00", "device_seq": i}
        for i, w in enumerate(waybills)
    ]
    return [o.status for o in ingest_scans(events, device_id="pda-race")]


@pytest.mark.slow
def test_double_scan_race_two_processes_store_each_event_once(reload_reference_data, transactional_db):
    county = build_county()
    waybills = [manifest_parcel(county, consent=False).waybill for _ in range(20)]
    results, db_file = run_in_processes(_send_same_scans, [(waybills,), (waybills,)])
    statuses = [s for r in results for s in r]
    assert statuses.count("accepted") == 20 and statuses.count("duplicate") == 20
    stored = count_rows(db_file, "SELECT count(*) FROM parcels_scanevent WHERE device_id = ?", ("pda-race",))
    assert stored == 20
    at_hub = count_rows(db_file, "SELECT count(*) FROM parcels_parcel WHERE state = ?", ("at_hub",))
    assert at_hub == 20
