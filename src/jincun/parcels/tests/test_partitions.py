"""Scan events partitioned by month on PostgreSQL; on SQLite the same calls are no-ops and the model works."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, connection, transaction

from jincun.parcels import partitions
from jincun.parcels.models import ScanEvent
from jincun.parcels.services import ingest_scans
from jincun.parcels.tests.factories import build_county, manifest_parcel

SHANGHAI = ZoneInfo("Asia/Shanghai")
postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'")


def _where(event_id) -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT tableoid::regclass::text FROM parcels_scanevent WHERE id = %s", [event_id])
        return cur.fetchone()[0]


@pytest.mark.django_db
def test_sqlite_has_no_partitions_and_ensure_does_nothing():
    if connection.vendor == "postgresql":
        assert f"{partitions.TABLE}_default" in partitions.partitions()
    else:
        assert partitions.partitions() == [] and partitions.ensure_partitions() == []


@postgres_only
@pytest.mark.django_db
def test_ensure_makes_this_month_and_the_next_ones_once():
    now = dt.datetime(2031, 11, 15, 12, tzinfo=SHANGHAI)
    made = partitions.ensure_partitions(ahead=2, now=now)
    assert made == ["parcels_scanevent_p203111", "parcels_scanevent_p203112", "parcels_scanevent_p203201"]
    assert partitions.ensure_partitions(ahead=2, now=now) == []
    assert set(made) <= set(partitions.partitions())


@postgres_only
@pytest.mark.django_db
def test_a_local_month_starts_at_shanghai_midnight():
    partitions.ensure_partitions(ahead=1, now=dt.datetime(2031, 11, 15, tzinfo=SHANGHAI))
    county = build_county()
    parcel = manifest_parcel(county)
    first = dt.datetime(2031, 11, 1, 0, 0, 30, tzinfo=SHANGHAI)  # still 31 October in UTC
    event = ScanEvent.objects.create(
        parcel=parcel, event_type="at_hub", result="applied", state_after="at_hub", at=first,
        received_at=first, idem_key="t:first-minute",
    )  # fmt: skip
    assert _where(event.pk) == "parcels_scanevent_p203111"


@postgres_only
@pytest.mark.django_db
def test_rows_outside_the_made_months_land_in_the_default_and_move_out_when_their_month_is_made():
    county = build_county()
    parcel = manifest_parcel(county)
    at = dt.datetime(2035, 3, 9, 10, tzinfo=SHANGHAI)  # years past any partition made
    events = [
        ScanEvent.objects.create(
            parcel=parcel,
            event_type="at_hub",
            result="applied",
            state_after="at_hub",
            at=at + dt.timedelta(hours=i),
            received_at=at,
            idem_key=f"t:stray:{i}",
        )  # fmt: skip
        for i in range(3)
    ]
    assert {_where(e.pk) for e in events} == {"parcels_scanevent_default"}
    assert partitions.default_rows() == 3  # the parcel's creation event is in this month's partition
    made = partitions.ensure_partitions(ahead=0, now=dt.datetime(2026, 12, 2, tzinfo=SHANGHAI))
    assert "parcels_scanevent_p203503" in made
    assert {_where(e.pk) for e in events} == {"parcels_scanevent_p203503"}
    assert partitions.default_rows() == 0
    assert ScanEvent.objects.filter(parcel=parcel, idem_key__startswith="t:stray:").count() == 3
    # The moved rows' idempotency keys are still claimed.
    with pytest.raises(IntegrityError), transaction.atomic():
        ScanEvent.objects.create(
            parcel=parcel, event_type="at_hub", result="applied", state_after="at_hub", at=at,
            received_at=at, idem_key="t:stray:0",
        )  # fmt: skip


@pytest.mark.django_db
def test_the_idempotency_key_stays_unique_across_months():
    """A unique violation even when the second copy would fall in another partition (the key table)."""
    county = build_county()
    parcel = manifest_parcel(county)
    one = dt.datetime(2026, 10, 20, 9, tzinfo=SHANGHAI)
    ScanEvent.objects.create(
        parcel=parcel, event_type="at_hub", result="applied", state_after="at_hub", at=one,
        received_at=one, idem_key="t:same",
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        ScanEvent.objects.bulk_create([
            ScanEvent(parcel=parcel, event_type="at_hub", result="applied", state_after="at_hub",
                      at=one + dt.timedelta(days=40), received_at=one, idem_key="t:same")
        ])  # fmt: skip
    assert ScanEvent.objects.filter(idem_key="t:same").count() == 1


@pytest.mark.django_db
def test_the_model_still_works_by_id(settings):
    """`id` is still the Django pk: get, filter, the FKs that point at an event, the ingest path."""
    county = build_county()
    parcel = manifest_parcel(county)
    out = ingest_scans([{"waybill": parcel.waybill, "event_type": "at_hub"}], device_id="d1")
    event = out[0].event
    assert out[0].status == "accepted" and ScanEvent.objects.get(pk=event.pk).idem_key == event.idem_key
    again = ingest_scans(
        [{"waybill": parcel.waybill, "event_type": "at_hub", "device_seq": 7}] * 2, device_id="d2"
    )
    assert [o.status for o in again] == ["duplicate", "duplicate"]


@pytest.mark.django_db
def test_deleting_an_event_releases_its_key():
    """As with the plain table's unique index: once the event is gone, the same key may be stored again."""
    county = build_county()
    parcel = manifest_parcel(county)
    one = dt.datetime(2026, 10, 20, 9, tzinfo=SHANGHAI)
    fields = dict(parcel=parcel, event_type="at_hub", result="applied", state_after="at_hub", at=one,
                  received_at=one, idem_key="t:again")  # fmt: skip
    ScanEvent.objects.create(**fields).delete()
    assert ScanEvent.objects.create(**fields).pk
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM parcels_scanidem WHERE idem_key = 't:again'")
            assert cur.fetchone()[0] == 1


@postgres_only
@pytest.mark.django_db
def test_a_bulk_writer_makes_the_months_it_writes():
    made = partitions.ensure_months(dt.date(2033, 1, 30), dt.date(2033, 3, 2))
    assert made == ["parcels_scanevent_p203301", "parcels_scanevent_p203302", "parcels_scanevent_p203303"]
    assert partitions.ensure_months(dt.date(2033, 2, 1), dt.date(2033, 2, 1)) == []
