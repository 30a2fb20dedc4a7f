"""The parcels' state projection written back after a batch of events (device ingest and the services'
`apply_events` share it): below both, so each imports it normally."""

from __future__ import annotations

import json

from django.db import connection

from jincun.parcels.event_store import sqlite_time
from jincun.parcels.models import Parcel


def update_states(parcels, now) -> None:
    """The batch's new states in one statement on PostgreSQL (UPDATE … FROM the rows as one JSON value),
    one prepared UPDATE per parcel through executemany on SQLite."""
    table = Parcel._meta.db_table
    parcels = list(parcels)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                f"UPDATE {table} p SET state = v.state, state_at = v.state_at, updated_at = %s FROM "
                "(SELECT (e->>0)::bigint AS id, e->>1 AS state, (e->>2)::timestamptz AS state_at "
                "FROM jsonb_array_elements(%s::jsonb) AS e) AS v WHERE p.id = v.id",
                [now, json.dumps([(p.pk, p.state, p.state_at.isoformat()) for p in parcels])],
            )
        else:
            stamp = sqlite_time(now)
            cur.executemany(
                f"UPDATE {table} SET state = %s, state_at = %s, updated_at = %s WHERE id = %s",
                [(p.state, sqlite_time(p.state_at), stamp, p.pk) for p in parcels],
            )
