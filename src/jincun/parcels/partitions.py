"""Month partitions of the scan events on PostgreSQL (migration 0010; docs/decisions/0013-scan-partitions.md).

One partition per local month (Asia/Shanghai, so a regulator's month reads one partition), named
`parcels_scanevent_pYYYYMM`, and a default partition for whatever falls outside the months made: an event
dated years back, or months ahead of the job. `ensure_partitions` makes the coming months ahead and moves
rows that landed in the default partition into their own month; it is idempotent and does nothing on SQLite.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

TABLE = "parcels_scanevent"
DEFAULT = f"{TABLE}_default"
AHEAD = 3
SHANGHAI = ZoneInfo("Asia/Shanghai")


def partition_name(month: dt.date) -> str:
    return f"{TABLE}_p{month:%Y%m}"


def _next(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _bounds(month: dt.date) -> str:
    return f"FROM ('{month:%Y-%m-%d} 00:00:00+08') TO ('{_next(month):%Y-%m-%d} 00:00:00+08')"


def month_sql(month: dt.date) -> str:
    """The statement that makes the (empty) partition of `month`; safe to run twice."""
    return (
        f"CREATE TABLE IF NOT EXISTS {partition_name(month)} PARTITION OF {TABLE} FOR VALUES {_bounds(month)}"
    )


def partitions() -> list[str]:
    """Names of the scan event partitions (months and default), oldest month first; [] on SQLite."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cur:
        cur.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = %s::regclass ORDER BY c.relname",
            [TABLE],
        )
        return [row[0] for row in cur.fetchall()]


def ensure_partitions(ahead: int = AHEAD, now: dt.datetime | None = None) -> list[str]:
    """Make the partitions of this month and the `ahead` next ones, and one for every month that has rows
    in the default partition (those rows move into it). Returns the partitions made."""
    month = timezone.localtime(now or timezone.now(), SHANGHAI).date().replace(day=1)
    wanted = [month]
    for _ in range(ahead):
        wanted.append(_next(wanted[-1]))
    return _ensure(wanted)


def ensure_months(first: dt.date, last: dt.date) -> list[str]:
    """Make the partitions of the local months from `first` to `last` (a bulk writer of past or future days
    calls it first, so its rows go straight to their month, not through the default)."""
    wanted, month = [], first.replace(day=1)
    while month <= last:
        wanted.append(month)
        month = _next(month)
    return _ensure(wanted)


def _ensure(wanted: list[dt.date]) -> list[str]:
    if connection.vendor != "postgresql":
        return []
    made = []
    with transaction.atomic(), connection.cursor() as cur:
        # One maker at a time; ingest keeps running (it only waits while a month moves out of the default).
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [TABLE])
        cur.execute(
            f"SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date FROM {DEFAULT}"
        )
        stray = {row[0] for row in cur.fetchall()}
        existing = set(partitions())
        for first in sorted(set(wanted) | stray):
            if partition_name(first) in existing:
                continue
            if first in stray:
                _move_out_of_default(cur, first)
            else:
                cur.execute(month_sql(first))
            made.append(partition_name(first))
    return made


def _move_out_of_default(cur, month: dt.date) -> None:
    """A partition cannot be made while the default holds rows of its range: make it apart, move the rows
    (their idempotency keys stay claimed: the moves bypass the parent's insert trigger), then attach it."""
    name = partition_name(month)
    lo, hi = f"{month:%Y-%m-%d} 00:00:00+08", f"{_next(month):%Y-%m-%d} 00:00:00+08"
    cur.execute(f"LOCK TABLE {DEFAULT} IN ACCESS EXCLUSIVE MODE")
    cur.execute(f"CREATE TABLE {name} (LIKE {TABLE} INCLUDING DEFAULTS)")
    cur.execute(
        f"WITH moved AS (DELETE FROM {DEFAULT} WHERE at >= %s AND at < %s RETURNING *) "
        f"INSERT INTO {name} SELECT * FROM moved",
        [lo, hi],
    )
    cur.execute(f"ALTER TABLE {TABLE} ATTACH PARTITION {name} FOR VALUES {_bounds(month)}")


def default_rows() -> int:
    """Rows now in the default partition (0 on SQLite)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {DEFAULT}")
        return cur.fetchone()[0]
