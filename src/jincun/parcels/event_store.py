"""Writing scan events in bulk: COPY on PostgreSQL, one prepared multi-row INSERT on SQLite.

COPY returns no ids, and the outcomes of a batch name their events (the API answers with `event_id`), so
the ids are taken from the table's identity sequence first — one `nextval` round trip per batch — and
written with the rows. The idempotency key table's trigger fires for COPY as for INSERT (0010), so a
duplicate key still fails the batch with an IntegrityError, which the ingest path handles.

Scan ingest writes plain rows (`write_rows`: tuples in `ROW_COLUMNS` order, no model instances: building
and preparing those was most of a device batch's Python time); the page services write `ScanEvent`
instances (`insert_events`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple

from django.db import connection

from jincun.core.bulk import sqlite_next_id
from jincun.parcels.models import ScanEvent

TABLE = ScanEvent._meta.db_table
# n ids from the table's identity sequence. The sequence is looked up once (a sub-select): written as
# `nextval(pg_get_serial_sequence(…))` it was looked up for every id, 10 ms of server time per 1,000.
NEXT_IDS = (
    f"SELECT nextval((SELECT pg_get_serial_sequence('{TABLE}', 'id')::regclass)) FROM generate_series(1, %s)"
)


class EventRow(NamedTuple):
    """One stored scan event as the ingest path wrote it: the table's columns, in its order."""

    id: int
    parcel_id: int
    event_type: str
    result: str
    reason: str
    state_after: str
    at: dt.datetime
    received_at: dt.datetime
    place_kind: str
    place_code: str
    place_name: str
    operator_id: int | None
    operator_name: str
    device_id: str
    device_seq: int | None
    handover_id: int | None
    raw_text: str
    sign_type: str
    idem_key: str
    county: str

    @property
    def pk(self) -> int:
        return self.id


ROW_COLUMNS = EventRow._fields[1:]  # what `write_rows` takes: every column but the id
_AT, _RECEIVED = ROW_COLUMNS.index("at"), ROW_COLUMNS.index("received_at")


def write_rows(rows: list[tuple]) -> list[int]:
    """Store event rows (tuples in `ROW_COLUMNS` order, times aware) and return their ids, in order."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        return _insert_rows(rows)
    with connection.cursor() as cur:
        cur.execute(NEXT_IDS, [len(rows)])
        ids = [pk for (pk,) in cur.fetchall()]
        with cur.cursor.copy(f"COPY {TABLE} ({', '.join(EventRow._fields)}) FROM STDIN") as copy:
            write = copy.write_row
            for pk, row in zip(ids, rows, strict=True):
                write((pk, *row))
    return ids


def _insert_rows(rows: list[tuple]) -> list[int]:
    """SQLite: the ids follow the table's AUTOINCREMENT counter, taken by us (a write transaction holds the
    database's only write lock from BEGIN IMMEDIATE), then one prepared INSERT through executemany — a
    multi-row INSERT … RETURNING spent more on Django's placeholder rewriting than SQLite on the rows."""
    with connection.cursor() as cur:
        first = sqlite_next_id(cur, TABLE)
        ids = list(range(first, first + len(rows)))
        stored: dict = {}  # a batch's rows share one received_at and a few times: convert each once
        params = []
        for pk, row in zip(ids, rows, strict=True):
            at, received = row[_AT], row[_RECEIVED]
            if at not in stored:
                stored[at] = sqlite_time(at)
            if received not in stored:
                stored[received] = sqlite_time(received)
            params.append((pk, *row[:_AT], stored[at], stored[received], *row[_RECEIVED + 1 :]))
        marks = ", ".join(["%s"] * len(EventRow._fields))
        cur.executemany(f'INSERT INTO "{TABLE}" ({", ".join(EventRow._fields)}) VALUES ({marks})', params)
    return ids


def sqlite_time(value: dt.datetime | None) -> str | None:
    """What Django's SQLite backend stores for an aware datetime (`adapt_datetimefield_value`, USE_TZ)."""
    if value is None:
        return None
    if value.tzinfo is not dt.UTC:
        value = value.astimezone(dt.UTC)
    return str(value.replace(tzinfo=None))


def insert_events(events: list[ScanEvent]) -> None:
    """Store `events` (unsaved) and set their ids, as `bulk_create` does."""
    if not events:
        return
    if connection.vendor != "postgresql":
        _insert_returning(events)
        return
    fields = ScanEvent._meta.concrete_fields  # every stored column: a new field is written with its value
    with connection.cursor() as cur:
        cur.execute(NEXT_IDS, [len(events)])
        for event, (pk,) in zip(events, cur.fetchall(), strict=True):
            event.pk = pk
        names = [f.attname for f in fields]  # plain values: psycopg adapts them, as Django would on PG
        sql = f"COPY {TABLE} ({', '.join(f.column for f in fields)}) FROM STDIN"
        with cur.cursor.copy(sql) as copy:
            for event in events:
                copy.write_row([getattr(event, name) for name in names])
    for event in events:
        event._state.adding, event._state.db = False, connection.alias


def _insert_returning(events: list[ScanEvent], chunk: int = 500) -> None:
    """SQLite: `bulk_create` without its per-value SQL compiling (a third of a device batch's time under
    load): one multi-row INSERT … RETURNING id per `chunk`, values prepared by each field."""
    if not connection.features.can_return_rows_from_bulk_insert:
        ScanEvent.objects.bulk_create(events, batch_size=chunk)
        return
    fields = [f for f in ScanEvent._meta.concrete_fields if not f.primary_key]
    qn = connection.ops.quote_name
    head = f"INSERT INTO {qn(TABLE)} ({', '.join(qn(f.column) for f in fields)}) VALUES "
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    for start in range(0, len(events), chunk):
        part = events[start : start + chunk]
        params = [f.get_db_prep_save(getattr(e, f.attname), connection) for e in part for f in fields]
        with connection.cursor() as cur:
            cur.execute(head + ", ".join([row] * len(part)) + f" RETURNING {qn('id')}", params)
            ids = [r[0] for r in cur.fetchall()]
        for event, pk in zip(part, ids, strict=True):
            event.pk = pk
    for event in events:
        event._state.adding, event._state.db = False, connection.alias


def existing_keys(keys: list[str]) -> set[str]:
    """Which of `keys` are stored already. On PostgreSQL the key table answers (one primary-key probe per
    key, instead of one per key and month partition)."""
    keys = list(keys)
    if not keys:
        return set()
    with connection.cursor() as cur:
        if connection.vendor != "postgresql":
            marks = ", ".join(["%s"] * len(keys))
            cur.execute(f'SELECT idem_key FROM "{TABLE}" WHERE idem_key IN ({marks})', keys)
        else:
            cur.execute(  # the keys as one JSON parameter: psycopg dumps a list element by element in Python
                "SELECT idem_key FROM parcels_scanidem "
                "WHERE idem_key = ANY(ARRAY(SELECT jsonb_array_elements_text(%s::jsonb)))",
                [json.dumps(keys)],
            )
        return {row[0] for row in cur.fetchall()}
