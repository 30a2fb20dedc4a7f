"""Scan ingest writes plain rows: every column of the event table, the same values the model would store,
read back by the ORM as they were written (times included), and the parcel's state updated."""

import datetime as dt

import pytest

from jincun.core.models import User
from jincun.parcels import services
from jincun.parcels.event_store import EventRow
from jincun.parcels.models import Parcel, ScanEvent
from jincun.parcels.tests.factories import build_county, manifest_parcel

T0 = dt.datetime(2024, 10, 10, 8, 0, 0, 250_000, tzinfo=dt.UTC)


@pytest.fixture
def county(db):
    return build_county()


def test_the_row_has_every_column_of_the_table_in_its_order():
    assert EventRow._fields == tuple(f.column for f in ScanEvent._meta.concrete_fields)


def test_the_stored_event_is_the_row_the_outcome_carries(county):
    parcel = manifest_parcel(county)
    operator = User.objects.create(username="gun-op", role="hub_operator")
    handover = services.open_handover(county.hub, county.node.code)
    event = {"waybill": parcel.waybill.lower(), "event_type": "at_hub", "at": T0, "place": county.hub.code,
             "device_seq": "41", "note": "n" * 400, "handover": handover.number, "operator": ""}  # fmt: skip
    (outcome,) = services.ingest_scans([event], device_id="pda-" + "x" * 80, operator=operator)
    stored = ScanEvent.objects.get(pk=outcome.event.pk)
    for column in EventRow._fields:
        assert getattr(stored, column) == getattr(outcome.event, column), column
    assert (stored.device_seq, stored.handover_id, stored.operator_id) == (41, handover.pk, operator.pk)
    assert stored.at == T0 and stored.place_kind == "hub" and len(stored.raw_text) == 300
    assert stored.county == parcel.village_id[:6] and stored.operator_name == "gun-op"
    parcel.refresh_from_db()
    assert (parcel.state, parcel.state_at) == ("at_hub", T0) and outcome.parcel.state == "at_hub"


def test_a_later_batch_reads_the_state_the_last_one_wrote(county):
    parcel = manifest_parcel(county)
    services.ingest_scans([{"waybill": parcel.waybill, "event_type": "at_hub", "at": T0, "place": "X"}])
    late, step = services.ingest_scans(
        [
            {"waybill": parcel.waybill, "event_type": "problem", "at": T0 - dt.timedelta(seconds=1)},
            {"waybill": parcel.waybill, "event_type": "sorted", "at": T0},
        ]
    )
    assert (late.reason, step.status) == ("late_event", "accepted")
    assert Parcel.objects.get(pk=parcel.pk).state == "sorted"
    assert ScanEvent.objects.get(pk=late.event.pk).place_kind == "other"
    ids = list(ScanEvent.objects.filter(parcel=parcel).values_list("id", flat=True))
    assert ids == sorted(ids) and len(set(ids)) == len(ids) == 4  # manifested, at_hub, problem, sorted
