"""PostgreSQL races closed at the service level (also run on SQLite): real concurrent processes.

- Handover list numbers come from an atomic counter: 8 workers opening lists at once all succeed with
  distinct numbers (with `count() + 1` most failed with IntegrityError on PostgreSQL).
- `at_hub` at t1 and `lost` at t2 sent at once for the same parcels: every parcel's stored state equals the
  projection of its stored events (the rows are locked in pk order while a batch decides).
- Two workers shelving one batch: every event stored once, pickup codes unique.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import pytest
from django.db import connection

from jincun.parcels import transitions
from jincun.parcels.tests.concurrency import count_rows, run_in_processes
from jincun.parcels.tests.factories import build_county, manifest_parcel

pytestmark = pytest.mark.slow


def _rows(db_file, sql):
    if db_file is None:
        with connection.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    with sqlite3.connect(db_file) as db:
        return db.execute(sql).fetchall()


def _open_lists(hub_pk, node_code, n):
    from jincun.network.models import Hub
    from jincun.parcels.services import open_handover

    hub = Hub.objects.get(pk=hub_pk)
    return [open_handover(hub, node_code).number for _ in range(n)]


def test_eight_workers_opening_lists_get_distinct_numbers(reload_reference_data, transactional_db):
    county = build_county()
    results, db_file = run_in_processes(_open_lists, [(county.hub.pk, county.node.code, 5)] * 8)
    numbers = [n for r in results for n in r]
    assert len(numbers) == 40 and len(set(numbers)) == 40
    assert count_rows(db_file, "SELECT count(*) FROM parcels_handoverlist") == 40


def _send(waybills, event_type, at):
    from jincun.parcels.services import ingest_scans

    events = [{"waybill": w, "event_type": event_type, "at": at} for w in waybills]
    out = []
    for start in range(0, len(events), 50):  # several batches, so the two workers interleave
        out += [o.status for o in ingest_scans(events[start : start + 50], device_id="")]
    return out


def test_state_always_equals_the_projection_of_the_events(reload_reference_data, transactional_db):
    county = build_county()
    waybills = [manifest_parcel(county, consent=False).waybill for _ in range(300)]
    _, db_file = run_in_processes(
        _send,
        [
            (waybills, "at_hub", "2025-10-14T08:00:00+08:00"),
            (list(reversed(waybills)), "lost", "2025-10-14T09:00:00+08:00"),
        ],
    )
    events = defaultdict(list)
    for parcel_id, event_type, at in _rows(
        db_file, "SELECT parcel_id, event_type, at FROM parcels_scanevent ORDER BY id"
    ):
        events[parcel_id].append((event_type, _aware(at)))
    states = dict(_rows(db_file, "SELECT id, state FROM parcels_parcel"))
    wrong = [pk for pk, evs in events.items() if transitions.project("inbound", evs) != states[pk]]
    assert wrong == [], f"{len(wrong)} parcels whose state is not their history's projection"


def _aware(value):
    import datetime as dt

    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _shelve_batch(waybills, station_pk):
    from jincun.network.models import Station
    from jincun.parcels.services import shelve_many

    return [o.status for o in shelve_many(Station.objects.get(pk=station_pk), waybills)]


def test_two_workers_shelving_one_batch_store_each_event_once(reload_reference_data, transactional_db):
    from jincun.parcels import services

    county = build_county()
    waybills = [manifest_parcel(county).waybill for _ in range(30)]
    services.hub_scan_in_many(county.hub, waybills)
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcels(trunk, waybills)
    services.close_handover(trunk, carrier="王师傅")
    services.check_in_many(trunk, waybills)
    run = services.open_handover(county.node, county.station.code)
    services.load_parcels(run, waybills)
    services.close_handover(run, carrier="王师傅")
    results, db_file = run_in_processes(_shelve_batch, [(waybills, county.station.pk)] * 2)
    statuses = [s for r in results for s in r]
    assert statuses.count("accepted") == 30 and statuses.count("duplicate") == 30
    shelved = count_rows(
        db_file, "SELECT count(*) FROM parcels_scanevent WHERE event_type = ?", ("at_station",)
    )
    assert shelved == 30
    codes = _rows(
        db_file,
        "SELECT count(*), count(DISTINCT shelf || '-' || layer || '-' || number) FROM parcels_pickupcode WHERE active",
    )
    assert codes[0][0] == 30 and codes[0][1] == 30
